import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../bot/index.js';
import { BUSY_TIMEOUT_MS, openDatabase } from '../../bot/store/db.js';
import { loadConfig } from '../../config.js';
import { configureLog } from '../../log.js';
import { freshDataDir, runChat } from './fixtures/data-dir.js';

/**
 * The store under faults: WAL and a busy timeout on every connection, a lock held by another
 * process waited out rather than failing the turn, and `wuyin chat` starting cleanly — or
 * refusing clearly — on a corrupt database or a data dir it cannot use.
 */
configureLog({ level: 'silent' });
const ROOT = path.resolve(import.meta.dirname, '../..');

const chat = (dataDir: string, input: string) => runChat(dataDir, input);

describe('SQLite settings', () => {
  it('every store connection runs in WAL mode with a busy timeout', async () => {
    const dir = await freshDataDir();
    const { db, file } = openDatabase(dir);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
      expect(BUSY_TIMEOUT_MS).toBeGreaterThanOrEqual(1000);
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
    // WAL is a property of the file: a fresh, independent connection sees it too.
    const other = new Database(file, { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
  });

  describe('a write lock held by another process', () => {
    let bot: Bot;
    let dir: string;
    beforeAll(async () => {
      dir = await freshDataDir();
      bot = await createBot(loadConfig({ WUYIN_DATA_DIR: dir }));
      await bot.handle({ platform: 'test', conversationId: 'busy', userId: 'u', messageId: 'b0', text: '开始' });
    });
    afterAll(async () => { await bot.close(); });

    it('is waited out by a turn (busy timeout), not turned into an error', async () => {
      // Long enough that this process surely sends its turn while the lock is held, even on a loaded machine.
      const HOLD_MS = 1000;
      const holder = spawn(process.execPath, ['-e', `
        const db = new (require('better-sqlite3'))(${JSON.stringify(path.join(dir, 'wuyin.sqlite'))});
        db.exec('BEGIN IMMEDIATE');
        process.stdout.write('locked\\n');
        setTimeout(() => { db.exec('COMMIT'); process.stdout.write('released ' + Date.now() + '\\n'); db.close(); }, ${HOLD_MS});
      `], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      const lines = readline.createInterface({ input: holder.stdout });
      const released = new Promise<number>((resolve) => lines.on('line', (l) => { if (l.startsWith('released ')) resolve(Number(l.slice(9))); }));
      await new Promise<void>((resolve) => lines.once('line', () => resolve()));
      const replies = await bot.handle({ platform: 'test', conversationId: 'busy', userId: 'u', messageId: 'b1', text: '全部' });
      const committedAt = Date.now();
      expect(replies[0]!.kind).not.toBe('error');
      expect((await bot.store.getState<{ phase: string }>('busy'))!.phase).toBe('mode');
      // The turn committed only after the other process let go: it waited rather than failed.
      expect(committedAt).toBeGreaterThanOrEqual(await released);
    });
  });
});

describe('`wuyin chat` on a bad data dir', () => {
  it('keeps a garbage database aside, says where, and still chats', async () => {
    const dir = await freshDataDir();
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131 + 7) % 256));
    fs.writeFileSync(path.join(dir, 'wuyin.sqlite'), garbage);
    const r = await chat(dir, '开始\n全部\n');
    expect(r.code).toBe(0);
    const kept = fs.readdirSync(dir).filter((f) => f.startsWith('wuyin.sqlite.corrupt-'));
    expect(kept).toHaveLength(1);
    // Kept aside byte for byte, not overwritten; the warning names the file it went to.
    expect(fs.readFileSync(path.join(dir, kept[0]!)).equals(garbage)).toBe(true);
    expect(r.stderr).toMatch(/WARN .*corrupt/);
    expect(r.stderr).toContain(path.join(dir, kept[0]!));
    expect(r.stdout).toContain('你好，我是五音');
    expect(r.stdout).toContain('第二步');
    // And the fresh database works on the next start.
    const again = await chat(dir, '进度\n');
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/corrupt/);
  });

  it('keeps a truncated database aside too', async () => {
    const dir = await freshDataDir();
    const bot = await createBot(loadConfig({ WUYIN_DATA_DIR: dir }));
    for (let i = 0; i < 30; i++) await bot.handle({ platform: 'test', conversationId: `t${i}`, userId: 'u', messageId: `m${i}`, text: '开始' });
    await bot.close();
    const file = path.join(dir, 'wuyin.sqlite');
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const r = await chat(dir, '开始\n');
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('wuyin.sqlite.corrupt-'))).toBe(true);
    expect(r.stderr).toMatch(/corrupt/);
    expect(r.stdout).toContain('你好，我是五音');
  });

  it('refuses a data dir that is a file, naming it, with a non-zero exit', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-faults-')), 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const r = await chat(file, '开始\n');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/data directory/);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  it('refuses a data dir that cannot be created, naming it', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-faults-')), 'a-file');
    fs.writeFileSync(file, 'x');
    const r = await chat(path.join(file, 'data'), '开始\n');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(path.join(file, 'data'));
  });

  // chmod does not stop root, so the permission case needs an ordinary user.
  it.skipIf(process.getuid?.() === 0)('refuses a read-only data dir, naming it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-faults-ro-'));
    fs.chmodSync(dir, 0o555);
    try {
      const r = await chat(dir, '开始\n');
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(dir);
      expect(r.stderr).toMatch(/not writable/);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });
});

