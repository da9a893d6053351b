/**
 * Report links for a running bot: when WUYIN_PUBLIC_URL is set, a reply's report gets a link
 * `<WUYIN_PUBLIC_URL>/reports/<token>` (expiring after WUYIN_REPORT_LINK_DAYS) and a small HTTP
 * server on PORT serves it. Without WUYIN_PUBLIC_URL nothing is started and no link is made.
 */
import type { Bot } from '../bot/index.js';
import { SessionStateSchema } from '../bot/session.js';
import type { ReportLinkStore } from '../bot/store/report-links.js';
import type { Locale } from '../bot/types.js';
import type { Config } from '../config.js';
import { reportHandler, reportUrl, startReportServer, type ReportServerDeps } from './server.js';

export interface ReportPublishing {
  publish(doc: { conversationId: string; userId: string; locale: Locale }): Promise<string>;
  handler: ReturnType<typeof reportHandler>;
  links: ReportLinkStore;
  /** Starts the standalone server (adapters without an HTTP server of their own). */
  /** `health`: the bot's store probe, for `/healthz` on the same server. */
  listen(port: number, host?: string, health?: () => Promise<{ ok: boolean; code?: string }>): Promise<{ port: number; close(): Promise<void> }>;
  close(): Promise<void>;
}

export function reportPublishing(config: Config, bot: Pick<Bot, 'rubric' | 'store' | 'reportLinks'>): ReportPublishing | undefined {
  const base = config.WUYIN_PUBLIC_URL;
  if (!base) return undefined;
  // The bot's own link store (same backend as its conversations), so a link made on one replica opens on all.
  const links = bot.reportLinks;
  const deps: ReportServerDeps = {
    links, rubric: bot.rubric,
    loadState: async (id) => bot.store.getState(id, { schema: SessionStateSchema }) ?? undefined,
  };
  const ttlMs = config.WUYIN_REPORT_LINK_DAYS * 24 * 3_600_000;
  let server: { close(): Promise<void> } | undefined;
  return {
    links,
    handler: reportHandler(deps),
    async publish(doc) {
      const { token } = await links.create(doc, ttlMs);
      return reportUrl(base, token);
    },
    async listen(port, host, health) {
      const s = await startReportServer(deps, port, host, health);
      server = s;
      return s;
    },
    async close() {
      await server?.close();
    },
  };
}
