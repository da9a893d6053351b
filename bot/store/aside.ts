import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { logger } from '../../log.js';

/**
 * Forgetting reaches the copies kept aside as corrupt (`wuyin.sqlite.corrupt-*`): the user's rows
 * are deleted from each copy SQLite can still open. A copy it cannot open, and that holds the
 * user's id anywhere in its bytes, is deleted whole: it was unusable already, and words a person
 * asked to have forgotten must not survive in it.
 */
const log = logger('store');
const TABLES = ['turns', 'replies', 'answers', 'processed_messages', 'inbox', 'past_assessments', 'quarantine', 'conversations'];

export async function forgetAside(file: string, userId: string): Promise<number> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.corrupt-`;
  let touched = 0;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix) || /-(wal|shm|journal)$/.test(name)) continue;
    const copy = path.join(dir, name);
    try {
      forgetInCopy(copy, userId);
      touched++;
    } catch {
      if (fs.readFileSync(copy).includes(Buffer.from(userId, 'utf8'))) {
        for (const f of [copy, `${copy}-wal`, `${copy}-shm`, `${copy}-journal`]) fs.rmSync(f, { force: true });
        log.warn('deleted an unreadable copy kept aside that held a forgotten user', { file: copy });
        touched++;
      }
    }
  }
  return touched;
}

function forgetInCopy(copy: string, userId: string): void {
  const db = new Database(copy, { fileMustExist: true });
  try {
    db.pragma('secure_delete = ON');
    const have = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const owned = have.has('conversations') ? 'OR conversation_id IN (SELECT conversation_id FROM conversations WHERE user_id = @userId)' : '';
    db.transaction(() => {
      for (const t of TABLES) {
        if (!have.has(t)) continue;
        db.prepare(`DELETE FROM ${t} WHERE user_id = @userId ${t === 'conversations' ? '' : owned}`).run({ userId });
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
