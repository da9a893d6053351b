import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpDir } from '../bot/helpers.js';
import { announcePostgres, freshDatabase, PG_URL } from '../support/postgres.js';

/**
 * The CLI on PostgreSQL, as an operator runs it: `wuyin migrate`, then two separate processes (as two
 * replicas would be) carrying one conversation forward on the shared database.
 */
announcePostgres('PostgreSQL CLI');
describe.skipIf(!PG_URL)('wuyin on PostgreSQL (WUYIN_DATABASE_URL)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const dataDir = tmpDir('wuyin-pgcli-');
  const env = () => ({ ...process.env, WUYIN_DATA_DIR: dataDir, WUYIN_LOG_LEVEL: 'error', OPENAI_API_KEY: '', WUYIN_DATABASE_URL: db.url });
  const run = (...args: string[]) => execFileSync('node', ['bin/wuyin.mjs', ...args], { encoding: 'utf8', env: env() });
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const doctor = (url = db.url) => {
    try {
      return { code: 0, out: JSON.parse(execFileSync('node', ['bin/wuyin.mjs', 'doctor', '--json'], { encoding: 'utf8', env: { ...env(), WUYIN_DATABASE_URL: url } })) };
    } catch (err) {
      const e = err as { status: number; stdout: string };
      return { code: e.status, out: JSON.parse(e.stdout) };
    }
  };

  it('doctor: an unreachable server is said so (exit 1), and an unmigrated database is reported, not migrated', async () => {
    const net = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const down = doctor(`postgres://wuyin:secret@127.0.0.1:${port}/postgres`);
    expect(down).toMatchObject({ code: 1, out: { healthy: false, backend: 'postgres', reachable: false } });
    expect(JSON.stringify(down.out)).not.toContain('secret');
    const fresh = doctor();
    expect(fresh).toMatchObject({ code: 1, out: { healthy: false, reachable: true, integrity: { ok: false } } });
    expect(fresh.out.integrity.problems.join(' ')).toMatch(/schema version 0, expected \d+: run wuyin migrate/);
  }, 60_000);

  it('migrates an empty database, then finds it up to date', () => {
    const first = JSON.parse(run('migrate', '--json'));
    expect(first).toMatchObject({ backend: 'postgres', from: 0 });
    expect(first.to).toBeGreaterThan(0);
    expect(first.where).not.toContain('password');
    expect(first.team).toMatchObject({ from: 0 });
    expect(first.links).toMatchObject({ from: 0 });
    expect(JSON.parse(run('migrate', '--json'))).toMatchObject({ from: first.to, to: first.to, team: { from: first.team.to }, links: { from: first.links.to } });
  }, 60_000);

  it('doctor: healthy once migrated; lists a stuck inbox row and pending replies', async () => {
    expect(doctor()).toMatchObject({ code: 0, out: { healthy: true, backend: 'postgres', reachable: true, inbox: { pending: 0 } } });
    const { openPostgresStore } = await import('../../bot/store/postgres/pg-store.js');
    const s = await openPostgresStore({ url: db.url, max: 2 });
    const key = (id: string) => ({ platform: 'test' as const, conversationId: 'doc-c1', userId: 'doc-u1', messageId: id });
    await s.runTurn(key('m1'), async () => ({ state: {}, replies: [{ text: 'a' }], userText: 'x' }), { target: { channel: 'C1' } });
    const { id } = await s.enqueueInbox({ message: { ...key('m2'), text: 'hi' } });
    await s.failInbox(id!, 'Connection terminated unexpectedly');
    const r = doctor();
    expect(r).toMatchObject({
      code: 1,
      out: { healthy: false, inbox: { pending: 1, stuck: [{ id, attempts: 1 }] }, outbox: { pending: [{ conversationId: 'doc-c1' }] } },
    });
    await s.forgetUser('doc-u1');
    await s.close();
    expect(doctor()).toMatchObject({ code: 0, out: { healthy: true } });
  }, 60_000);

  it('keeps the conversation in PostgreSQL, not in the data dir, across processes', async () => {
    const answers = async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        return (await c.query('SELECT indicator, level FROM answers ORDER BY indicator')).rows;
      } finally {
        await c.end();
      }
    };
    const chat = (input: string) => execFileSync('node', ['bin/wuyin.mjs', 'chat', '--user', 'pg-user'], { encoding: 'utf8', env: env(), input });
    // Piped input: one message a line, the conversation keyed by the user, so a later process continues it.
    chat('开始\n全部\n1\n2\n');
    expect(await answers()).toEqual([{ indicator: '1.1', level: 2 }]);
    // A second process (another replica) answers the next question of the same conversation.
    chat('4\n');
    expect(await answers()).toEqual([{ indicator: '1.1', level: 2 }, { indicator: '2.1', level: 4 }]);
    // A campaign made by one process is found by another: it lives in PostgreSQL too.
    const made = JSON.parse(run('campaign', 'create', '--org', '示例乳业', '--json')) as { id: string };
    expect(JSON.parse(run('campaign', 'list', '--json')).map((c: { id: string }) => c.id)).toEqual([made.id]);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    expect((await c.query('SELECT id FROM campaigns')).rows).toEqual([{ id: made.id }]);
    await c.end();
    // Conversations, answers and campaigns are in PostgreSQL; none of them in the data dir.
    const { default: Database } = await import('better-sqlite3');
    const file = path.join(dataDir, 'wuyin.sqlite');
    if (fs.existsSync(file)) {
      const db = new Database(file, { readonly: true });
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('campaigns', 'report_links')").all()).toEqual([]);
      const has = db.prepare("SELECT name FROM sqlite_master WHERE name = 'conversations'").get();
      const rows = has ? (db.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number }).n : 0;
      db.close();
      expect(rows).toBe(0);
    }
  }, 120_000);
});
