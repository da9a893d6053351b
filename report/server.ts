/**
 * Serves `/reports/<token>`: the self-contained HTML report of the conversation a link names.
 * Unknown, expired, revoked and malformed tokens all get the same 404. The page may not load
 * anything (CSP), is not cached, and is sent without a referrer.
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
    const notFound = () => {
      res.writeHead(404, { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return true;
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...HEADERS, allow: 'GET, HEAD' });
      res.end();
      return true;
    }
    try {
      const link = await deps.links.resolve(decodeURIComponent(m[1]!));
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

/** A small HTTP server for the report links (DingTalk and Slack Socket Mode have none of their own). */
export async function startReportServer(deps: ReportServerDeps, port: number, host?: string): Promise<{ port: number; close(): Promise<void> }> {
  const handle = reportHandler(deps);
  const server = http.createServer((req, res) => {
    void handle(req, res).then((done) => {
      if (done) return;
      res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'text/plain' });
      res.end(req.url === '/healthz' ? 'ok\n' : 'Not found\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  log.info('serving report links', { port: (server.address() as AddressInfo).port });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The public URL of a report link. */
export function reportUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/reports/${token}`;
}
