import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureLog } from '../../../log.js';
import { openStore } from '../../../bot/store/index.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../bot/store/migrations.js';
import { type Counter, increment, key, tempDirs } from './helpers.js';

const dirs = tempDirs();
let logLines: string[] = [];
beforeEach(() => {
  logLines = [];
  configureLog({ level: 'warn', sink: (line) => logLines.push(line) });
});
afterEach(() => {
  configureLog({ level: 'info', sink: (line) => process.stderr.write(line + '\n') });
  dirs.cleanup();
});

const FIXED = new Date('2025-03-04T05:06:07.089Z');
const STAMP = '2025-03-04T05-06-07-089Z';

/** A healthy store file with a few turns, closed, returned as bytes. */
async function healthyBytes(): Promise<Buffer> {
  const dir = dirs.make();
  const store = openStore(dir);
  for (let i = 0; i < 200; i++) await store.runTurn(key(`c${i % 7}`, `m${i}`), increment(`m${i}`, 0));
  await store.close();
  return fs.readFileSync(path.join(dir, 'wuyin.sqlite'));
}

describe('openStore', () => {
  it('creates a missing data dir and a WAL database at the current schema version', async () => {
    const dir = path.join(dirs.make(), 'nested', 'data');
    const store = openStore(dir);
    await store.close();
    expect(fs.existsSync(path.join(dir, 'wuyin.sqlite'))).toBe(true);
    const db = new Database(path.join(dir, 'wuyin.sqlite'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['answers', 'conversations', 'inbox', 'leases', 'past_assessments', 'processed_messages', 'quarantine', 'rate_windows', 'replies', 'sqlite_sequence', 'turns']);
    } finally {
      db.close();
    }
  });

  it('upgrades a database of the first schema in place, keeping its rows', async () => {
    const dir = dirs.make();
    const file = path.join(dir, 'wuyin.sqlite');
    fs.mkdirSync(dir, { recursive: true });
    const v1 = new Database(file);
    v1.exec(MIGRATIONS[0]!);
    v1.pragma('user_version = 1');
    v1.prepare("INSERT INTO processed_messages VALUES ('test', 'm1', 'c1', 'u1', '[]', '2026-01-01T00:00:00.000Z')").run();
    v1.close();
    const store = openStore(dir);
    expect(await store.pruneProcessed(new Date('2025-01-01'))).toBe(0);
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare('SELECT COUNT(*) FROM processed_messages').pluck().get()).toBe(1);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'processed_created'").pluck().get()).toBe('processed_created');
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer schema without touching it', () => {
    const dir = dirs.make();
    openStore(dir).close();
    const file = path.join(dir, 'wuyin.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openStore(dir)).toThrow(new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer than this Wuyin understands`));
    expect(fs.readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it.each([
    ['random bytes', () => crypto.randomBytes(8192)],
    ['a text file', () => Buffer.from('not a database at all\n')],
  ])('moves aside a file of %s, warns, and starts fresh', async (_label, bytes) => {
    const dir = dirs.make();
    const file = path.join(dir, 'wuyin.sqlite');
    const original = bytes();
    fs.writeFileSync(file, original);
    const store = openStore(dir, { now: () => FIXED });
    try {
      expect(store.recoveredFrom).toBe(`${file}.corrupt-${STAMP}`);
      expect(fs.readFileSync(store.recoveredFrom!)).toEqual(original);
      expect(logLines.join('\n')).toMatch(/WARN \[store\] store database was corrupt/);
      expect(logLines.join('\n')).toContain(store.recoveredFrom!);
      await store.runTurn(key('c1', 'm1'), increment('m1'));
      expect((await store.getState<Counter>('c1'))?.count).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('moves aside a truncated database, never overwrites an earlier one, and ignores its stale WAL', async () => {
    const healthy = await healthyBytes();
    expect(healthy.length).toBeGreaterThan(16384);
    const dir = dirs.make();
    const file = path.join(dir, 'wuyin.sqlite');
    const truncated = healthy.subarray(0, Math.floor(healthy.length / 2));
    fs.writeFileSync(file, truncated);
    fs.writeFileSync(file + '-wal', 'stale wal');
    // An earlier recovery at the same instant already used the plain name.
    fs.writeFileSync(`${file}.corrupt-${STAMP}`, 'earlier');

    const store = openStore(dir, { now: () => FIXED });
    await store.close();
    expect(store.recoveredFrom).toBe(`${file}.corrupt-${STAMP}-1`);
    expect(fs.readFileSync(`${file}.corrupt-${STAMP}`, 'utf8')).toBe('earlier');
    expect(fs.readFileSync(`${file}.corrupt-${STAMP}-1`)).toEqual(truncated);
    // SQLite discards a WAL with a bad header when the failed connection closes; if it
    // survived it went along with the corrupt file, never into the fresh database.
    expect(fs.existsSync(file + '-wal') && fs.readFileSync(file + '-wal', 'utf8') === 'stale wal').toBe(false);
    // The fresh database opens cleanly next time: no recovery reported.
    const again = openStore(dir);
    expect(again.recoveredFrom).toBeUndefined();
    expect(await again.listConversations()).toEqual([]);
    await again.close();
  });

  it('fails with an error naming the directory when the data dir cannot be created', () => {
    const parent = dirs.make();
    const blocker = path.join(parent, 'a-file');
    fs.writeFileSync(blocker, '');
    const dir = path.join(blocker, 'data');
    expect(() => openStore(dir)).toThrow(`cannot create the data directory ${dir}`);
  });

  it('fails with an error naming the directory when the data dir is a file', () => {
    const file = path.join(dirs.make(), 'not-a-dir');
    fs.writeFileSync(file, '');
    expect(() => openStore(file)).toThrow(file);
  });

  // Root ignores directory permissions, so this case only means something for other users.
  it.skipIf(process.getuid?.() === 0)('fails with an error naming a read-only data dir', () => {
    const dir = dirs.make();
    fs.chmodSync(dir, 0o500);
    try {
      expect(() => openStore(dir)).toThrow(`the data directory ${dir} is not writable`);
    } finally {
      fs.chmodSync(dir, 0o700);
    }
  });
});
