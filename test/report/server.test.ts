/** The report-link server on loopback with real SQLite links: what is served and what is 404. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportLinks, type ReportLinkStore } from '../../bot/store/report-links.js';
import { loadRubric } from '../../knowledge/load.js';
import { startReportServer } from '../../report/server.js';
import { reportPublishing } from '../../report/publish.js';
import { loadConfig } from '../../config.js';
import { tmpDir } from '../bot/helpers.js';
import { HOSTILE, finished } from './helpers.js';

const rubric = loadRubric();
const state = finished({ '1.1': { level: 2, words: HOSTILE }, '2.1': 3 }, { queue: ['1.1', '2.1'] });
let now = new Date('2026-12-01T00:00:00Z');
let links: ReportLinkStore;
let server: { port: number; close(): Promise<void> };
const get = (t: string, method = 'GET') => fetch(`http://127.0.0.1:${server.port}/reports/${t}`, { method }).then(async (r) => ({ status: r.status, text: await r.text(), headers: r.headers }));

beforeAll(async () => {
  links = openReportLinks(tmpDir(), () => now);
  server = await startReportServer({ links, rubric, loadState: async (id) => (id === 'c1' ? state : undefined) }, 0, '127.0.0.1');
});
afterAll(async () => {
  await server?.close();
  await links?.close();
});

describe('report links', () => {
  it('serve the report with a strict policy, no caching, every user string escaped', async () => {
    const { token } = await links.create({ conversationId: 'c1', userId: 'u1', locale: 'zh' }, 7 * 86_400_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    const r = await get(token);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.text).not.toContain('<script');
    expect(r.text).not.toMatch(/<a [^>]*href="javascript:/);
    expect(r.text).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;/style&gt;');
    expect(r.text).not.toMatch(/(src|href)="https?:/);
  });

  it('answer the same 404 bytes to a revoked, an expired, a guessed, a malformed token and a forgotten conversation', async () => {
    const live = await links.create({ conversationId: 'c1', userId: 'u1', locale: 'en' }, 86_400_000);
    const expires = await links.create({ conversationId: 'c1', userId: 'u1', locale: 'en' }, 60_000);
    const revoked = await links.create({ conversationId: 'c1', userId: 'u1', locale: 'en' }, 86_400_000);
    const forgotten = await links.create({ conversationId: 'gone', userId: 'u2', locale: 'en' }, 86_400_000);
    expect((await get(expires.token)).status).toBe(200);
    expect((await get(revoked.token)).status).toBe(200);
    now = new Date(now.getTime() + 61_000);
    expect(await links.revoke(revoked.token)).toBe(true);
    const guessed = live.token.slice(0, -1) + (live.token.endsWith('A') ? 'B' : 'A');
    const pages = new Set<string>();
    const headers = new Set<string>();
    for (const t of [revoked.token, expires.token, forgotten.token, guessed, 'short', '..%2F..%2Fetc%2Fpasswd', 'A'.repeat(43)]) {
      const r = await get(t);
      expect(r.status, t).toBe(404);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
      pages.add(r.text);
      headers.add(['content-type', 'content-length', 'content-security-policy'].map((h) => r.headers.get(h)).join('|'));
    }
    expect(pages.size).toBe(1);
    expect(headers.size).toBe(1);
    expect([...pages][0]).toContain('Report not found');
    expect([...pages][0]).toContain('was revoked');
    expect((await get(live.token)).status).toBe(200);
    expect(await links.revokeConversation('c1')).toBeGreaterThan(0);
    expect((await get(live.token)).status).toBe(404);
    expect((await get(live.token, 'POST')).status).toBe(405);
  });

  it('store only a hash of the token', async () => {
    const dir = tmpDir();
    const l = openReportLinks(dir);
    const { token } = await l.create({ conversationId: 'c1', userId: 'u1', locale: 'zh' }, 60_000);
    await l.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(`${dir}/wuyin.sqlite`, { readonly: true });
    const dump = JSON.stringify(db.prepare('SELECT * FROM report_links').all());
    db.close();
    expect(dump).not.toContain(token);
  });

  it('are made only when WUYIN_PUBLIC_URL is set, expiring after WUYIN_REPORT_LINK_DAYS', async () => {
    const store = { getState: () => undefined } as never;
    const reportLinks = openReportLinks(tmpDir());
    expect(reportPublishing(loadConfig({ WUYIN_DATA_DIR: tmpDir() }), { rubric, store, reportLinks })).toBeUndefined();
    const p = reportPublishing(loadConfig({ WUYIN_DATA_DIR: tmpDir(), WUYIN_PUBLIC_URL: 'https://wuyin.example.com/', WUYIN_REPORT_LINK_DAYS: '2' }), { rubric, store, reportLinks })!;
    const url = await p.publish({ conversationId: 'c1', userId: 'u1', locale: 'zh' });
    expect(url).toMatch(/^https:\/\/wuyin\.example\.com\/reports\/[A-Za-z0-9_-]{43}$/);
    const link = await p.links.resolve(url.split('/').pop()!);
    expect(Math.round((link!.expiresAt.getTime() - Date.now()) / 3_600_000)).toBe(48);
    await p.close();
    await reportLinks.close();
  });
});

describe('/healthz on the report server (DingTalk has no other HTTP server)', () => {
  it('answers the store probe: 200 when it can write, 503 with the code when not; without report links too', async () => {
    let probe = { ok: true } as { ok: boolean; code?: string };
    const alone = await startReportServer(undefined, 0, '127.0.0.1', async () => probe);
    try {
      const health = () => fetch(`http://127.0.0.1:${alone.port}/healthz`).then(async (r) => ({ status: r.status, body: await r.json() }));
      expect(await health()).toEqual({ status: 200, body: { ok: true } });
      probe = { ok: false, code: 'ECONNREFUSED' };
      expect(await health()).toEqual({ status: 503, body: { ok: false, code: 'ECONNREFUSED' } });
      const broken = await startReportServer(undefined, 0, '127.0.0.1', async () => { throw new Error('down'); });
      try {
        expect((await fetch(`http://127.0.0.1:${broken.port}/healthz`)).status).toBe(503);
      } finally {
        await broken.close();
      }
      expect((await fetch(`http://127.0.0.1:${alone.port}/reports/x`)).status).toBe(404);
    } finally {
      await alone.close();
    }
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200); // no probe given: serving
  });
});
