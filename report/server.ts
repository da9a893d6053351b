/**
 * Serves `/reports/<token>`: the self-contained HTML report of the conversation a link names.
 * Revoked, expired, unknown and malformed tokens and forgotten conversations all get the same bytes: 404
 * and one page saying the link does not exist, has expired or was revoked. A revoked link is not told
 * apart (not even by its page): whoever holds a forwarded link must not learn that its owner withdrew it,
 * and one answer for every failure leaves nothing to compare. No page may load anything (CSP), none is
 * cached, none sends a referrer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildReport } from '../bot/report.js';
import type { SessionState } from '../bot/session.js';
import type { Report } from '../bot/report.js';
import { CAMPAIGN_SUBJECT, type ReportLinkStore } from '../bot/store/report-links.js';
import type { Rubric } from '../knowledge/types.js';
import { logger } from '../log.js';

export interface ReportServerDeps {
  links: ReportLinkStore;
  rubric: Rubric;
  /** The conversation's current interview state (undefined when gone, e.g. forgotten). */
  loadState(conversationId: string): Promise<SessionState | undefined>;
  /**
   * A campaign's report document as `viewer` may see it now (undefined when not an owner any more, or
   * gone). Links to a campaign report name `campaign:<id>` where a conversation id would be.
   */
  loadCampaign?(campaignId: string, viewer: string): Promise<Report | undefined>;
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
    const notFound = () => {
      res.writeHead(404, { ...HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(NOT_FOUND) });
      res.end(req.method === 'HEAD' ? undefined : NOT_FOUND);
      return true;
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...HEADERS, allow: 'GET, HEAD' });
      res.end();
      return true;
    }
    try {
      const found = await deps.links.lookup(decodeURIComponent(m[1]!));
      const link = found.kind === 'ok' ? found.link : undefined;
      if (!link) return notFound();
      // Rendered from the data as they are now: a campaign checked for its owner again, a conversation's state.
      let report: Report | undefined;
      if (link.conversationId.startsWith(CAMPAIGN_SUBJECT)) {
        report = await deps.loadCampaign?.(link.conversationId.slice(CAMPAIGN_SUBJECT.length), link.userId);
      } else {
        const state = await deps.loadState(link.conversationId);
        report = state && buildReport(deps.rubric, state);
      }
      if (!report) return notFound();
      // The page renderer (and its chart library) loads on the first request, not at start-up.
      const { reportHtml } = await import('./html.js');
      const html = reportHtml(report, link.locale);
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
  '这个链接不存在、已过期或已撤销。请向发给你链接的人要一个新的。<br>'
  + 'This link does not exist, has expired or was revoked; ask whoever sent it for a new one.');

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
