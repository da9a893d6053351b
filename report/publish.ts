/**
 * Report links for a running bot: when WUYIN_PUBLIC_URL is set, a reply's report gets a link
 * `<WUYIN_PUBLIC_URL>/reports/<token>` (expiring after WUYIN_REPORT_LINK_DAYS) and a small HTTP
 * server on PORT serves it. A campaign report's link names the campaign and the owner who asked
 * (server.ts campaignSubject), and is checked for that owner again each time it opens.
 * Without WUYIN_PUBLIC_URL nothing is started and no link is made.
 */
import type { Bot } from '../bot/index.js';
import { SessionStateSchema } from '../bot/session.js';
import type { ReportLinkStore } from '../bot/store/report-links.js';
import type { Locale } from '../bot/types.js';
import type { Config } from '../config.js';
import type { Report } from '../bot/report.js';
import type { CampaignStore } from '../bot/team/store.js';
import type { Rubric } from '../knowledge/types.js';
import { reportHandler, reportUrl, startReportServer, type ReportServerDeps } from './server.js';

/** The campaign report document, as its owner `viewer` sees it today; undefined for anyone else. */
async function campaignDocument(store: CampaignStore, rubric: Rubric, id: string, viewer: string): Promise<Report | undefined> {
  const [{ campaignReport }, { teamDocument }] = await Promise.all([import('../bot/team/service.js'), import('../bot/team/document.js')]);
  const r = await campaignReport(store, rubric, id, viewer);
  return r.ok ? teamDocument(rubric, r.value, { date: new Date().toISOString().slice(0, 10) }) : undefined;
}

export interface ReportPublishing {
  publish(doc: { conversationId: string; userId: string; locale: Locale }): Promise<string>;
  handler: ReturnType<typeof reportHandler>;
  links: ReportLinkStore;
  /** Starts the standalone server (adapters without an HTTP server of their own). */
  /** `health`: the bot's store probe, for `/healthz` on the same server. */
  listen(port: number, host?: string, health?: () => Promise<{ ok: boolean; code?: string }>): Promise<{ port: number; close(): Promise<void> }>;
  close(): Promise<void>;
}

export function reportPublishing(config: Config, bot: Pick<Bot, 'rubric' | 'store' | 'reportLinks'> & Partial<Pick<Bot, 'campaigns'>>): ReportPublishing | undefined {
  const base = config.WUYIN_PUBLIC_URL;
  if (!base) return undefined;
  // The bot's own link store (same backend as its conversations), so a link made on one replica opens on all.
  const links = bot.reportLinks;
  const deps: ReportServerDeps = {
    links, rubric: bot.rubric,
    loadState: async (id) => bot.store.getState(id, { schema: SessionStateSchema }) ?? undefined,
    ...(bot.campaigns ? { loadCampaign: (id: string, viewer: string) => campaignDocument(bot.campaigns!, bot.rubric, id, viewer) } : {}),
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
