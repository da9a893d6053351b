import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../bot/store/migrations.js';
import { openStore } from '../../../bot/store/index.js';
import { configureLog } from '../../../log.js';
import { increment, key, tempDirs } from './helpers.js';

/** What only the SQLite backend has: its file, its schema history, and the copies it keeps aside. */
const dirs = tempDirs();
beforeAll(() => configureLog({ level: 'silent' }));
afterEach(() => dirs.cleanup());

const raw = (file: string) => new Database(file);

describe('the SQLite backend', () => {
  it('keeps the database file where it said', async () => {
    const dir = dirs.make();
    const store = openStore(dir);
    expect(store.file).toBe(path.join(dir, 'wuyin.sqlite'));
    expect(store.recoveredFrom).toBeUndefined();
    await store.close();
  });

  it('stores each reply once: in the replies table, not in turns or processed_messages', async () => {
    const store = openStore(dirs.make());
    await store.runTurn(key('c1', 'm1'), async () => ({ state: {}, replies: [{ text: 'a reply of some length '.repeat(20) }], userText: 'hi' }));
    await store.close();
    const db = raw(store.file);
    const cols = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).map((c) => c.name);
    expect(cols('turns')).not.toContain('replies');
    expect(cols('processed_messages')).not.toContain('replies');
    const hits = ['turns', 'processed_messages', 'replies'].map((t) => (db.prepare(`SELECT COUNT(*) FROM ${t} WHERE ${cols(t).map((c) => `CAST(${c} AS TEXT) LIKE '%a reply of%'`).join(' OR ')}`).pluck().get() as number));
    expect(hits).toEqual([0, 0, 1]);
    db.close();
  });

  it('migrates a version-2 database: conversations, transcript, replies and dedupe all carry over', async () => {
    const dir = dirs.make();
    const file = path.join(dir, 'wuyin.sqlite');
    const db = raw(file);
    db.pragma('journal_mode = WAL');
    db.exec(MIGRATIONS[0]!);
    db.exec(MIGRATIONS[1]!);
    db.pragma('user_version = 2');
    const at = '2026-11-01T00:00:00.000Z';
    db.prepare(`INSERT INTO conversations VALUES ('c1', 'slack', 'u1', '{"count":1,"seen":["m1"]}', 1, ?, ?)`).run(at, at);
    db.prepare(`INSERT INTO turns VALUES ('c1', 1, 'm1', 'user', 'u1', 'hello', NULL, ?)`).run(at);
    db.prepare(`INSERT INTO turns VALUES ('c1', 2, 'm1', 'bot', 'u1', 'one\n\ntwo', '[{"text":"one"},{"text":"two"}]', ?)`).run(at);
    db.prepare(`INSERT INTO processed_messages VALUES ('slack', 'm1', 'c1', 'u1', '[{"text":"one"},{"text":"two"}]', ?)`).run(at);
    db.close();

    const store = openStore(dir);
    expect(await store.getState('c1')).toEqual({ count: 1, seen: ['m1'] });
    expect((await store.transcript('c1')).map((t) => [t.seq, t.role, t.text])).toEqual([[1, 'user', 'hello'], [2, 'bot', 'one\n\ntwo']]);
    const again = await store.runTurn({ platform: 'slack', conversationId: 'c1', userId: 'u1', messageId: 'm1' }, increment('m1'));
    expect(again).toMatchObject({ duplicate: true, replies: [{ text: 'one' }, { text: 'two' }] });
    expect(await store.pendingOutbox()).toEqual([]);
    const next = await store.runTurn({ platform: 'slack', conversationId: 'c1', userId: 'u1', messageId: 'm2' }, increment('m2'));
    expect(next.version).toBe(2);
    expect((await store.transcript('c1')).map((t) => t.seq)).toEqual([1, 2, 3, 4]);
    expect((await store.checkIntegrity({ full: true })).ok).toBe(true);
    await store.close();
  });

  it('forget reaches a copy kept aside as corrupt, and deletes an unreadable copy holding the user', async () => {
    const dir = dirs.make();
    const first = openStore(dir);
    await first.runTurn(key('alice-dm', 'a1', 'alice'), increment('a1'));
    await first.runTurn(key('bob-dm', 'b1', 'bob'), increment('b1'));
    await first.close();
    const readable = path.join(dir, 'wuyin.sqlite.corrupt-2026-01-01');
    fs.copyFileSync(first.file, readable);
    const unreadable = path.join(dir, 'wuyin.sqlite.corrupt-2026-01-02');
    fs.writeFileSync(unreadable, Buffer.concat([Buffer.from('garbage '), Buffer.from('alice said something')]));
    const unrelated = path.join(dir, 'wuyin.sqlite.corrupt-2026-01-03');
    fs.writeFileSync(unrelated, 'garbage about nobody');

    const store = openStore(dir);
    await store.forgetUser('alice');
    await store.close();
    const copy = raw(readable);
    expect(copy.prepare(`SELECT COUNT(*) FROM conversations WHERE user_id = 'alice'`).pluck().get()).toBe(0);
    expect(copy.prepare(`SELECT COUNT(*) FROM conversations WHERE user_id = 'bob'`).pluck().get()).toBe(1);
    copy.close();
    expect(fs.existsSync(unreadable)).toBe(false);
    expect(fs.existsSync(unrelated)).toBe(true);
  });

  it('opens in constant time: the check at open reads the header, not every page', async () => {
    const dir = dirs.make();
    const store = openStore(dir);
    await store.close();
    const file = store.file;
    // A file that claims more pages than it has is caught at open.
    const bytes = fs.readFileSync(file);
    const pages = bytes.readUInt32BE(28);
    fs.writeFileSync(file, Buffer.concat([bytes, Buffer.alloc(0)]));
    const b = Buffer.from(bytes);
    b.writeUInt32BE(pages + 10, 28);
    fs.writeFileSync(file, b);
    const reopened = openStore(dir);
    expect(reopened.recoveredFrom).toMatch(/corrupt-/);
    await reopened.close();
  });
});
