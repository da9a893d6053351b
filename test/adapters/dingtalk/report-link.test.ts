/**
 * The report reaches DingTalk as a link that opens in its in-app browser: the real DWClient against
 * the loopback gateway, real report links (SQLite) and the real link server, fetched like the
 * browser would after the tap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDingTalkAdapter, type DingTalkAdapter } from '../../../adapters/dingtalk/adapter.js';
import { buildReport } from '../../../bot/report.js';
import { reportReply } from '../../../bot/report-render.js';
import { openReportLinks, type ReportLinkStore } from '../../../bot/store/report-links.js';
import type { Handler } from '../../../bot/types.js';
import { loadRubric } from '../../../knowledge/load.js';
import { configureLog } from '../../../log.js';
import { reportUrl, startReportServer } from '../../../report/server.js';
import { tmpDir } from '../../bot/helpers.js';
import { finished } from '../../report/helpers.js';
import { waitFor, withStore } from '../support/handler.js';
import { robotMessage, startDingTalkStandIn, type DingTalkStandIn } from '../support/dingtalk-standin.js';

configureLog({ level: 'error' });
const CREDS = { clientId: 'ding-client-id', clientSecret: 'ding-client-secret-xyz' };
const rubric = loadRubric();
const state = finished({ '1.1': { level: 2, words: '数据都在各个门店自己的电脑里' }, '2.1': 3 }, { queue: ['1.1', '2.1'] });
let standin: DingTalkStandIn;
let adapter: DingTalkAdapter;
let links: ReportLinkStore;
let server: { port: number; close(): Promise<void> };
const published: string[] = [];

beforeAll(async () => {
  standin = await startDingTalkStandIn(CREDS);
  links = openReportLinks(tmpDir());
  server = await startReportServer({ links, rubric, loadState: async (id) => (id.startsWith('dingtalk:') ? state : undefined) }, 0, '127.0.0.1');
  const handler: Handler = async () => [reportReply(buildReport(rubric, state), 'zh')];
  adapter = createDingTalkAdapter({
    ...withStore(handler), ...CREDS, gatewayUrl: standin.gatewayUrl, tokenUrl: standin.tokenUrl, apiBase: standin.base, heartbeatMs: 0,
    publishReport: async (doc) => {
      published.push(doc.conversationId);
      return reportUrl(`http://127.0.0.1:${server.port}`, (await links.create(doc, 60_000)).token);
    },
  });
  expect((await adapter.start()).connected).toBe(true);
});
afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
  await server?.close();
  await links?.close();
});

describe('the report in DingTalk', () => {
  it('comes with an in-app link to the full report, which opens it', async () => {
    const m = robotMessage(standin, { text: { content: '报告' } });
    standin.sendCallback(m);
    const hook = await waitFor(() => standin.webhooks.find((w) => JSON.stringify(w.body).includes('dingtalk://')), 10_000, 'report with link');
    const text = (hook.body as { markdown: { text: string } }).markdown.text;
    expect(text).toContain('总体成熟度');
    const link = /\((dingtalk:\/\/dingtalkclient\/page\/link\?url=([^&)]+)&pc_slide=true)\)/.exec(text);
    expect(link).not.toBeNull();
    expect(published).toEqual([`dingtalk:${m.conversationId}`]);
    const page = await fetch(decodeURIComponent(link![2]!));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('数据都在各个门店自己的电脑里');
  });
});
