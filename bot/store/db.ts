import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { logger } from '../../log.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

/**
 * Opens (creating, migrating and, if need be, recovering) the store's SQLite file.
 * Knows nothing about sessions: it hands back a ready connection.
 */
export interface OpenedDatabase {
  db: Database.Database;
  file: string;
  /** Where a corrupt file found on open was moved to. */
  recoveredFrom?: string;
}

export const DB_FILE_NAME = 'wuyin.sqlite';
/** Long enough to ride out another process's turn commit, short enough to surface a stuck lock. */
export const BUSY_TIMEOUT_MS = 5000;
/** Files SQLite keeps beside the database; they belong to it and move with it. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

const log = logger('store');

export class CorruptDatabaseError extends Error {
  override readonly name = 'CorruptDatabaseError';
}

export function openDatabase(dataDir: string, now: () => Date = () => new Date()): OpenedDatabase {
  const dir = path.resolve(dataDir);
  ensureWritableDir(dir);
  const file = path.join(dir, DB_FILE_NAME);
  try {
    return { db: openAndMigrate(file), file };
  } catch (err) {
    if (!isCorruption(err)) throw new Error(`cannot open the store database ${file}: ${messageOf(err)}`, { cause: err });
    const movedTo = moveAside(file, now());
    log.warn('store database was corrupt; moved it aside and started a fresh one', {
      file,
      movedTo,
      reason: messageOf(err),
    });
    try {
      return { db: openAndMigrate(file), file, recoveredFrom: movedTo };
    } catch (again) {
      throw new Error(`cannot create a fresh store database ${file} after moving a corrupt one to ${movedTo}: ${messageOf(again)}`, {
        cause: again,
      });
    }
  }
}

function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new Error(`cannot create the data directory ${dir}: ${messageOf(err)}`, { cause: err });
  }
  if (!fs.statSync(dir).isDirectory()) throw new Error(`the data directory ${dir} is not a directory`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    throw new Error(`the data directory ${dir} is not writable: ${messageOf(err)}`, { cause: err });
  }
}

function openAndMigrate(file: string): Database.Database {
  const db = new Database(file);
  try {
    // busy_timeout first: every later statement may meet another process's lock.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // These are the first statements that read the header: random bytes fail here.
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL never corrupts; a power cut may only lose the last commits.
    db.pragma('synchronous = NORMAL');
    // Forgetting a user must not leave their words in freed pages of the file.
    db.pragma('secure_delete = ON');
    // A truncated or damaged file can have a readable header. The check at open is page level
    // and constant time (header fields against the file size, then the schema pages); the full
    // integrity check, linear in the file, runs on demand (`wuyin doctor`).
    const problem = pageCheck(file);
    if (problem) throw new CorruptDatabaseError(`page check failed: ${problem}`);
    db.prepare('SELECT COUNT(*) FROM sqlite_master').pluck().get();
    migrate(db, file);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function migrate(db: Database.Database, file: string): void {
  const readVersion = () => db.pragma('user_version', { simple: true }) as number;
  const assertKnown = (v: number) => {
    if (v > SCHEMA_VERSION) {
      throw new Error(`${file} has schema version ${v}, newer than this Wuyin understands (${SCHEMA_VERSION}); upgrade Wuyin or use another data directory`);
    }
  };
  assertKnown(readVersion());
  if (readVersion() === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated meanwhile.
    const from = readVersion();
    assertKnown(from);
    for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

const MAGIC = 'SQLite format 3\u0000';

/**
 * The header of the main file against its size: the magic string, a valid page size, and (when
 * the header's page count is current) a file holding every page it counts. Empty is a new file.
 */
export function pageCheck(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    if (size === 0) return undefined;
    const header = Buffer.alloc(100);
    const read = fs.readSync(fd, header, 0, 100, 0);
    if (read < 100 || header.toString('latin1', 0, 16) !== MAGIC) return 'not an SQLite file';
    const raw = header.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `invalid page size ${raw}`;
    if (size % pageSize !== 0) return `file size ${size} is not a multiple of the page size ${pageSize}`;
    const pages = header.readUInt32BE(28);
    const current = header.readUInt32BE(24) === header.readUInt32BE(92);
    if (current && pages > 0 && size < pages * pageSize) return `file holds ${size / pageSize} of its ${pages} pages (truncated)`;
    return undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The full check: every page, index and constraint. Linear in the file size. */
export function fullCheck(db: Database.Database): string[] {
  const rows = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
  return rows.length === 1 && rows[0] === 'ok' ? [] : rows.slice(0, 20);
}

export function isCorruption(err: unknown): boolean {
  if (err instanceof CorruptDatabaseError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** Renames the file (and its side files) to a fresh name; never overwrites an earlier one. */
function moveAside(file: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 1; [target, ...SIDE_FILES.map((s) => target + s)].some((p) => fs.existsSync(p)); n++) {
    target = `${file}.corrupt-${stamp}-${n}`;
  }
  try {
    fs.renameSync(file, target);
    // A stale WAL left beside a fresh database would be replayed into it.
    for (const side of SIDE_FILES) {
      if (fs.existsSync(file + side)) fs.renameSync(file + side, target + side);
    }
  } catch (err) {
    throw new Error(`the store database ${file} is corrupt and could not be moved aside to ${target}: ${messageOf(err)}`, {
      cause: err,
    });
  }
  return target;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
