/**
 * Serves `/reports/<token>`: the self-contained HTML report of the conversation a link names.
 * A revoked link gets 410 and a page saying it was withdrawn (only someone who held the real
 * token can see that); unknown, expired and malformed tokens and forgotten conversations all get
 * the same 404 page. No page may load anything (CSP), none is cached, none sends a referrer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildReport } from '../bot/report.js';
import type { SessionState } from '../bot/session.js';
import type { ReportLinkStore } from '../bot/store/report-links.js';
import type { Rubric } from '../knowledge/types.js';
import { logger } from '../log.js';

export interface ReportServerDeps {
  links: ReportLinkStore;
  rubric: Rubric;
  /** The conversation's current interview state (undefined when gone, e.g. forgotten). */
  loadState(conversationId: string): Promise<SessionState | undefined>;
}

export const REPORT_PATH = /^\/reports\/([^/?#]{1,200})$/;
const HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};
const log = logger('reports');

/** Handles the request if it is a report path; returns false for other paths. */
export function reportHandler(deps: ReportServerDeps) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const m = REPORT_PATH.exec(path);
    if (!m) return false;
    const notice = (status: 404 | 410, body: string) => {
      res.writeHead(status, { ...HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    };
    const notFound = () => notice(404, NOT_FOUND);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...HEADERS, allow: 'GET, HEAD' });
      res.end();
      return true;
    }
    try {
      const found = await deps.links.lookup(decodeURIComponent(m[1]!));
      if (found.kind === 'revoked') return notice(410, REVOKED[found.locale]);
      const link = found.kind === 'ok' ? found.link : undefined;
      const state = link && (await deps.loadState(link.conversationId));
      if (!link || !state) return notFound();
      // The page renderer (and its chart library) loads on the first request, not at start-up.
      const { reportHtml } = await import('./html.js');
      const html = reportHtml(buildReport(deps.rubric, state), link.locale);
      res.writeHead(200, { ...HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
      res.end(req.method === 'HEAD' ? undefined : html);
    } catch (err) {
      log.error('report page failed', { error: (err as Error).message });
      if (!res.headersSent) res.writeHead(500, HEADERS);
      res.end();
    }
    return true;
  };
}

function noticePage(lang: string, title: string, text: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${title}</title><style>body{font-family:'Noto Sans CJK SC',sans-serif;max-width:560px;margin:15vh auto;padding:0 20px;color:#1f2937;line-height:1.6}`
    + `h1{font-size:20px}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}
const NOT_FOUND = noticePage('zh-CN', '找不到这份报告 · Report not found',
  '这个链接不存在或已过期。请向发给你链接的人要一个新的。<br>This link does not exist or has expired; ask whoever sent it for a new one.');
const REVOKED = {
  zh: noticePage('zh-CN', '这个报告链接已撤销', '报告的主人撤销了这个链接，报告不再通过它公开。如需查看，请向发给你链接的人要一个新的。'),
  en: noticePage('en', 'This report link was revoked', 'The owner of this report revoked the link; the report is no longer shared through it. Ask whoever sent it for a new link.'),
};

/**
 * A small HTTP server for the report links (DingTalk and Slack Socket Mode have none of their own),
 * and `/healthz`: with `health` (the bot's store probe) 503 when the store cannot write or be
 * reached, as Slack's HTTP receiver answers; without, 200 while the process serves. `deps` undefined:
 * only `/healthz` (a DingTalk deployment without report links).
 */
export async function startReportServer(
  deps: ReportServerDeps | undefined, port: number, host?: string, health?: () => Promise<{ ok: boolean; code?: string }>,
): Promise<{ port: number; close(): Promise<void> }> {
  const handle = deps ? reportHandler(deps) : async () => false;
  const healthz = async (res: http.ServerResponse) => {
    const h = health ? await health().catch(() => ({ ok: false })) : { ok: true };
    res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify(h));
  };
  const server = http.createServer((req, res) => {
    void handle(req, res).then((done) => {
      if (done) return;
      if (new URL(req.url ?? '/', 'http://x').pathname === '/healthz') return void healthz(res);
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  log.info(deps ? 'serving report links' : 'serving /healthz', { port: (server.address() as AddressInfo).port });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The public URL of a report link. */
export function reportUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/reports/${token}`;
}
