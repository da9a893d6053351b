/**
 * A campaign's report reaches its owner in DingTalk as a link, like a person's own report: the real bot on
 * a temporary SQLite file, the real DWClient against the loopback gateway, the real link server. The page
 * is the campaign document as the owner may see it when opened; revoked or no longer the owner's, 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDingTalkAdapter, type DingTalkAdapter } from '../../../adapters/dingtalk/adapter.js';
import type { Bot } from '../../../bot/index.js';
import { campaignCommand } from '../../../bot/team/commands.js';
import { loadConfig } from '../../../config.js';
import { configureLog } from '../../../log.js';
import { reportPublishing } from '../../../report/publish.js';
import { makeBot, tmpDir } from '../../bot/helpers.js';
import { waitFor } from '../support/handler.js';
import { robotMessage, startDingTalkStandIn, type DingTalkStandIn } from '../support/dingtalk-standin.js';

configureLog({ level: 'error' });
const CREDS = { clientId: 'ding-campaign-id', clientSecret: 'ding-campaign-secret-xyz' };
const OWNER_STAFF = 'owner1';
let bot: Bot;
let standin: DingTalkStandIn;
let adapter: DingTalkAdapter;
let reports: NonNullable<ReturnType<typeof reportPublishing>>;
let campaignId: string;
let base: string;
let n = 0;
const say = (userId: string, text: string) => bot.handle({ platform: 'test', conversationId: `c-${userId}`, userId, messageId: `m${++n}`, text });

beforeAll(async () => {
  const dataDir = tmpDir('wuyin-campaign-link-');
  bot = await makeBot(dataDir);
  standin = await startDingTalkStandIn(CREDS);
  reports = reportPublishing(loadConfig({ WUYIN_DATA_DIR: dataDir, WUYIN_PUBLIC_URL: 'http://127.0.0.1:1' }), bot)!;
  const server = await reports.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${server.port}`;
  adapter = createDingTalkAdapter({
    store: bot.store, handle: (m, o) => bot.handle(m, o), ...CREDS, gatewayUrl: standin.gatewayUrl, tokenUrl: standin.tokenUrl,
    apiBase: standin.base, heartbeatMs: 0, rateLimitPerMin: 1000,
    // The link's base is the served port here; in the product WUYIN_PUBLIC_URL.
    publishReport: async (doc) => (await reports.publish(doc)).replace('http://127.0.0.1:1', base),
  });
  expect((await adapter.start()).connected).toBe(true);
  const ctx = { store: bot.campaigns, rubric: bot.rubric, viewer: `dingtalk:${OWNER_STAFF}`, now: new Date() };
  const flags = new Map<string, string | true>([['org', '示例乳业<b>'], ['mode', 'quick'], ['roles', 'IT,门店'], ['min-group', '3'], ['json', true]]);
  const made = JSON.parse((await campaignCommand(ctx, ['create'], flags)).out) as { id: string; code: string };
  campaignId = made.id;
  for (const [i, who] of ['r1', 'r2', 'r3'].entries()) {
    await say(who, `加入 ${made.code}`);
    await say(who, '1');
    for (const level of [2 + (i % 2), 3, 2, 1, 2]) await say(who, String(level));
  }
}, 180_000);
afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
  await reports?.close();
  await bot?.close();
});

const linkIn = (text: string) => /\(dingtalk:\/\/dingtalkclient\/page\/link\?url=([^&)]+)&pc_slide=true\)/.exec(text)?.[1];

describe('a campaign report in DingTalk', () => {
  it('comes to its owner with an in-app link that opens the campaign document', async () => {
    const m = robotMessage(standin, { text: { content: `campaign report ${campaignId}` }, senderStaffId: OWNER_STAFF });
    standin.sendCallback(m);
    const hook = await waitFor(() => standin.webhooks.find((w) => linkIn(JSON.stringify(w.body))), 30_000, 'campaign report with link');
    const url = decodeURIComponent(linkIn((hook.body as { markdown: { text: string } }).markdown.text)!);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('示例乳业&lt;b&gt;');
    expect(html).not.toContain('示例乳业<b>');
    expect(html).toMatch(/3 位/);
    const listed = await bot.reportLinks.list({ userId: `dingtalk:${OWNER_STAFF}` });
    expect(listed.map((l) => l.conversationId)).toEqual([`campaign:${campaignId}`]);
    // The owner's revoke in chat covers it: then the same 404 as an unknown link.
    await bot.handle({ platform: 'test', conversationId: 'c-owner', userId: `dingtalk:${OWNER_STAFF}`, messageId: 'rv1', text: '撤销报告链接' });
    expect((await fetch(url)).status).toBe(404);
  }, 60_000);

  it('a link made for someone who is not an owner opens nothing', async () => {
    const url = await reports.publish({ conversationId: `campaign:${campaignId}`, userId: 'dingtalk:stranger', locale: 'zh' });
    expect((await fetch(url.replace('http://127.0.0.1:1', base))).status).toBe(404);
  });
});
