/**
 * A simulated team campaign over the real adapters: the real Bolt app (signed HTTP, loopback Web API
 * stand-in) and the real DWClient (loopback gateway stand-in), the real bot on a temporary SQLite file.
 * Twelve respondents in three roles answer by script; the expectations are computed in this file
 * from the scripted levels, never from the product's aggregate.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDingTalkAdapter, type DingTalkAdapter } from '../../../adapters/dingtalk/adapter.js';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import type { Bot } from '../../../bot/index.js';
import { campaignCommand } from '../../../bot/team/commands.js';
import type { IncomingMessage } from '../../../bot/types.js';
import { waitFor } from '../../adapters/support/handler.js';
import { robotMessage, startDingTalkStandIn, type DingTalkStandIn } from '../../adapters/support/dingtalk-standin.js';
import { BOT, postSigned, startSlackStandIn, type SlackStandIn } from '../../adapters/support/slack-standin.js';
import { makeBot, tmpDir } from '../helpers.js';

const SECRET = 'campaign-signing-secret-0123';
const TOKEN = 'xoxb-campaign-token-0123';
const CREDS = { clientId: 'team-client', clientSecret: 'team-client-secret-xyz' };
const OWNER = 'slack:T1:UOWNER';
const IDS = ['1.1', '2.1', '3.1', '4.1', '5.2'] as const;

type Via = { kind: 'slack-dm'; user: string } | { kind: 'slack-thread'; user: string } | { kind: 'ding-group'; staff: string } | { kind: 'ding'; staff: string };
interface Person { name: string; role: 1 | 2 | 3; via: Via; levels: number[] }
// Roles: 1 IT, 2 门店, 3 供应链 (only two people: below k = 3, never shown on its own).
const PEOPLE: Person[] = [
  { name: 's1', role: 1, via: { kind: 'slack-dm', user: 'US1' }, levels: [4, 3, 3, 2, 2] },
  { name: 's2', role: 1, via: { kind: 'slack-dm', user: 'US2' }, levels: [4, 4, 3, 2, 1] },
  { name: 's3', role: 1, via: { kind: 'slack-dm', user: 'US3' }, levels: [5, 3, 4, 3, 2] },
  { name: 'd1', role: 1, via: { kind: 'ding-group', staff: 'sd1' }, levels: [4, 3, 3, 2, 1] },
  { name: 'd2', role: 1, via: { kind: 'ding-group', staff: 'sd2' }, levels: [3, 4, 3, 1, 2] },
  { name: 'd3', role: 2, via: { kind: 'ding', staff: 'sd3' }, levels: [2, 3, 2, 1, 1] },
  { name: 'd4', role: 2, via: { kind: 'ding', staff: 'sd4' }, levels: [2, 2, 3, 1, 1] },
  { name: 'd5', role: 2, via: { kind: 'ding', staff: 'sd5' }, levels: [1, 3, 2, 2, 1] },
  { name: 's4', role: 2, via: { kind: 'slack-thread', user: 'US4' }, levels: [2, 3, 2, 1, 2] },
  { name: 's5', role: 2, via: { kind: 'slack-thread', user: 'US5' }, levels: [2, 2, 3, 2, 1] },
  { name: 'd6', role: 3, via: { kind: 'ding', staff: 'sd6' }, levels: [3, 2, 3, 3, 1] },
  { name: 's6', role: 3, via: { kind: 'slack-dm', user: 'US6' }, levels: [3, 3, 2, 2, 1] },
];
const ROLE = { 1: 'IT', 2: '门店', 3: '供应链' } as const;
const userId = (p: Person) => ('user' in p.via ? `slack:T1:${p.via.user}` : `dingtalk:${p.via.staff}`);

// Plain statistics for the expectations, written independently of bot/team/aggregate.ts.
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
const r2 = (x: number) => Math.round(x * 100) / 100;

let bot: Bot;
let slack: SlackStandIn;
let ding: DingTalkStandIn;
let slackAdapter: SlackAdapter;
let dingAdapter: DingTalkAdapter;
let events: string;
let dataDir: string;
const done = new Set<string>();
let seq = 0;

beforeAll(async () => {
  dataDir = tmpDir('wuyin-campaign-');
  bot = await makeBot(dataDir);
  // Completed turns by message id, so each scripted person waits for their own previous answer.
  const handle = async (m: IncomingMessage, o: { target: Record<string, unknown> }) => { try { return await bot.handle(m, o); } finally { done.add(m.messageId); } };
  slack = await startSlackStandIn();
  slackAdapter = createSlackAdapter({ store: bot.store, handle, botToken: TOKEN, signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: slack.apiUrl, webApiRetries: 0, rateLimitPerMin: 1000 });
  events = `http://127.0.0.1:${(await slackAdapter.start()).port}/slack/events`;
  ding = await startDingTalkStandIn(CREDS);
  dingAdapter = createDingTalkAdapter({ store: bot.store, handle, ...CREDS, gatewayUrl: ding.gatewayUrl, tokenUrl: ding.tokenUrl, apiBase: ding.base, rateLimitPerMin: 1000, reconnect: { initialMs: 50, maxMs: 400 }, heartbeatMs: 0 });
  expect((await dingAdapter.start()).connected).toBe(true);
}, 60_000);

afterAll(async () => {
  await slackAdapter?.stop();
  await dingAdapter?.stop();
  await slack?.close();
  await ding?.close();
  await bot?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const THREAD = '1700009000.000100';

/** Sends one line as the person through their platform; resolves when the bot finished the turn. */
async function say(p: Person, text: string): Promise<void> {
  const n = ++seq;
  let id: string;
  if (p.via.kind === 'slack-dm' || p.via.kind === 'slack-thread') {
    const ts = `1700010000.${String(n).padStart(6, '0')}`;
    const thread = p.via.kind === 'slack-thread';
    const event = thread
      ? { type: 'app_mention', channel: 'C900', user: p.via.user, text: `<@${BOT.userId}> ${text}`, ts, thread_ts: THREAD, team: 'T1', client_msg_id: `cm-${n}` }
      : { type: 'message', channel: `D${p.via.user}`, channel_type: 'im', user: p.via.user, text, ts, team: 'T1', client_msg_id: `cm-${n}` };
    const body = JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvT${n}`, event_time: 1700000000, event });
    expect((await postSigned(events, body, { secret: SECRET })).status).toBe(200);
    id = `slack:cm-${n}`;
  } else {
    const group = p.via.kind === 'ding-group';
    const m = robotMessage(ding, {
      conversationType: group ? '2' : '1', conversationId: group ? 'cid-team-group' : `cid-${p.via.staff}`,
      senderStaffId: p.via.staff, senderId: `$:LWCP_v1:$${p.via.staff}`, text: { content: ` ${text}` },
    });
    ding.sendCallback(m);
    id = `dingtalk:${m.msgId as string}`;
  }
  await waitFor(() => done.has(id), 15_000, `turn ${text} of ${p.name}`);
}

/** Everyone's script, the two DingTalk group members and the two Slack thread members interleaved. */
async function runWave(code: string, levelsOf: (p: Person) => number[]): Promise<void> {
  await Promise.all(PEOPLE.map(async (p) => {
    await say(p, `加入 ${code}`);
    await say(p, String(p.role));
    for (const l of levelsOf(p)) await say(p, String(l));
  }));
}

const cmd = (argv: string[], flags: Record<string, string | true> = {}, viewer: string | undefined = OWNER) =>
  campaignCommand({ store: bot.campaigns, rubric: bot.rubric, viewer, now: new Date() }, argv, new Map(Object.entries(flags)));
const report = async (id: string) => JSON.parse((await cmd(['report', id], { json: true })).out);

describe('a team campaign over the DingTalk and Slack stand-ins', () => {
  let wave1: { id: string; code: string };
  let wave2: { id: string; code: string };

  it('twelve respondents in three roles: the aggregate equals the hand computation, small roles suppressed', async () => {
    const made = await cmd(['create'], { org: '示例乳业', sector: '乳制品', mode: 'quick', elements: '零售', roles: 'IT,门店,供应链', 'min-group': '3', json: true });
    expect(made.code).toBe(0);
    wave1 = JSON.parse(made.out);
    expect(wave1).toMatchObject({ org: '示例乳业', wave: 1, plan: { mode: 'quick', elements: ['retail'] } });
    expect(JSON.parse(made.out).invitation).toContain(`加入 ${wave1.code}`);
    await runWave(wave1.code, (p) => p.levels);

    const r = await report(wave1.id);
    expect(r.respondents).toEqual({ total: 12, byRole: { IT: 5, 门店: 5 } });
    // 1.1 by hand: 4 4 5 4 3 | 2 2 1 2 2 | 3 3 → sorted 1 2 2 2 2 3 3 3 4 4 4 5, median 3; IT 4, 门店 2.
    expect(r.indicators['1.1']).toMatchObject({ n: 12, median: 3, histogram: [1, 4, 3, 3, 1], min: 1, max: 5, disagreement: true, byRole: { IT: { n: 5, median: 4 }, 门店: { n: 5, median: 2 } } });
    IDS.forEach((id, i) => {
      const all = PEOPLE.map((p) => p.levels[i]!);
      const it = PEOPLE.filter((p) => p.role === 1).map((p) => p.levels[i]!);
      const store = PEOPLE.filter((p) => p.role === 2).map((p) => p.levels[i]!);
      expect(r.indicators[id]).toEqual({
        n: 12, median: median(all), mean: r2(mean(all)), sd: r2(sd(all)),
        histogram: [1, 2, 3, 4, 5].map((l) => all.filter((x) => x === l).length), min: Math.min(...all), max: Math.max(...all),
        disagreement: Math.max(...all) - Math.min(...all) >= 2,
        // 供应链 has two people: below k, and the 其他 pool (those two) is below k too.
        byRole: { IT: { n: 5, median: median(it) }, 门店: { n: 5, median: median(store) } },
      });
      expect(r.pillars[id[0]!].score).toBe(r2(median(all)));
    });
    expect(r.overall).toBe(r2(mean(IDS.map((_, i) => median(PEOPLE.map((p) => p.levels[i]!))))));
    expect(r.hotspots[0]).toMatchObject({ indicator: '1.1', roles: [{ role: 'IT', median: 4 }, { role: '门店', median: 2 }] });
    expect(JSON.stringify(r)).not.toContain('供应链');
  }, 120_000);

  it('kept the two group members and the two thread members apart', async () => {
    for (const p of PEOPLE) {
      const own = await bot.campaigns.answers(wave1.id, userId(p));
      expect(Object.fromEntries(own.map((a) => [a.indicator, a.level]))).toEqual(Object.fromEntries(IDS.map((id, i) => [id, p.levels[i]])));
      expect((await bot.campaigns.respondents(wave1.id)).find((x) => x.userId === userId(p))!.role).toBe(ROLE[p.role]);
    }
  });

  it('a consultant override counts in the aggregate and is kept beside the original', async () => {
    const rs = await bot.campaigns.respondents(wave1.id);
    const alias = `R${String(rs.findIndex((x) => x.userId === 'slack:T1:US3') + 1).padStart(2, '0')}`;
    const o = await cmd(['override', wave1.id], { respondent: alias, indicator: '1.1', level: '1', reason: '现场访谈核实：各门店系统未集成' });
    expect(o.code).toBe(0);
    // s3's 1.1 from 5 to 1: 1 1 2 2 2 2 3 3 3 4 4 4 → median 2.5; IT 4 4 1 4 3 → 4.
    const r = await report(wave1.id);
    expect(r.indicators['1.1']).toMatchObject({ median: 2.5, min: 1, max: 4, byRole: { IT: { n: 5, median: 4 } } });
    expect(r.pillars['1'].score).toBe(2.5);
    const rows = JSON.parse((await cmd(['export', wave1.id], { format: 'json' })).out) as Array<Record<string, unknown>>;
    expect(rows.find((x) => x.respondent === alias && x.indicator === '1.1')).toMatchObject({ level: 5, override: 1, override_by: OWNER, override_reason: '现场访谈核实：各门店系统未集成' });
    // Respondents appear as R01 …, never by their platform ids.
    expect(JSON.stringify(rows)).not.toMatch(/US\d|sd\d|dingtalk:/);
  });

  it('answers /wuyin campaign in Slack to the owner only', async () => {
    const slash = async (user: string, text: string, n: string) => {
      const body = new URLSearchParams({ command: '/wuyin', text, user_id: user, channel_id: 'C777', team_id: 'T1', trigger_id: `trig-${n}`, response_url: `${slack.base}/respond/${n}`, token: 'x' }).toString();
      expect((await postSigned(events, body, { secret: SECRET, contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
      return JSON.stringify((await waitFor(() => slack.responses.find((r) => r.path === `/respond/${n}`), 15_000, `response ${n}`)).body);
    };
    const mine = await slash('UOWNER', `campaign report ${wave1.id}`, 'own');
    expect(mine).toContain('示例乳业');
    expect(mine).toContain('分歧热点');
    const theirs = await slash('UX', `campaign report ${wave1.id}`, 'other');
    expect(theirs).not.toMatch(/示例乳业|分歧|1\.1/);
  });

  it('refuses a non-owner without revealing anything; a guessed code gets a clear reply; 20 wrong codes are limited', async () => {
    const unknown = await cmd(['report', 'c_000000000000'], { json: true }, 'slack:T1:UX');
    const notMine = await cmd(['report', wave1.id], { json: true }, 'slack:T1:UX');
    expect(notMine).toEqual(unknown);
    expect(notMine.code).not.toBe(0);
    const viaChat = await bot.handle({ platform: 'slack', conversationId: 'slack:T1:DUX', userId: 'slack:T1:UX', messageId: 'x-1', text: `campaign report ${wave1.id}` });
    expect(viaChat.map((x) => x.text).join()).not.toMatch(/示例乳业|1\.1|IT/);

    const guess = (i: number, code: string) => bot.handle({ platform: 'test', conversationId: 'guesser', userId: 'guesser', messageId: `g-${i}`, text: `加入 ${code}` });
    expect((await guess(0, 'AAA-BBBB-CCC')).map((x) => x.text).join()).toContain('邀请码不对');
    for (let i = 1; i < 20; i++) await guess(i, `AAA-BBBB-C${String(i).padStart(2, '0')}`);
    // The 21st attempt is refused unread, even with the right code.
    expect((await guess(21, wave1.code)).map((x) => x.text).join()).toContain('次数太多');
    expect((await bot.campaigns.respondents(wave1.id)).some((x) => x.userId === 'guesser')).toBe(false);
  });

  it('wave 2 from the same plan, different answers: the comparison over both waves', async () => {
    const w = await cmd(['wave', wave1.id], { json: true });
    wave2 = JSON.parse(w.out);
    expect(wave2).toMatchObject({ wave: 2, previous: wave1.id });
    // A year later 1.1 and 4.1 moved up one level for everyone.
    const later = (p: Person) => p.levels.map((l, i) => (i === 0 || i === 3 ? Math.min(5, l + 1) : l));
    await runWave(wave2.code, later);
    const r = await report(wave2.id);
    expect(r.campaign).toEqual({ id: wave2.id, org: '示例乳业', wave: 2, previous: wave1.id });
    // Wave 1 with the override (s3 1.1 = 1), wave 2 as scripted.
    const w1 = (i: number) => PEOPLE.map((p) => (p.name === 's3' && i === 0 ? 1 : p.levels[i]!));
    const w2 = (i: number) => PEOPLE.map((p) => later(p)[i]!);
    IDS.forEach((id, i) => {
      const from = median(w1(i));
      const to = median(w2(i));
      expect(r.comparison.indicators[id]).toEqual({ from, to, delta: r2(to - from), exceedsSpread: Math.abs(to - from) > Math.max(sd(w1(i)), sd(w2(i))) });
    });
    // 1.1 by hand: wave 2 is 5 5 5 5 4 | 3 3 2 3 3 | 4 4 → sorted 2 3 3 3 3 4 4 4 5 5 5 5, median 4.
    expect(r.comparison.indicators['1.1']).toMatchObject({ from: 2.5, to: 4, delta: 1.5 });
    expect(r.comparison.pillars['4']).toMatchObject({ from: median(w1(3)), to: median(w2(3)) });
  }, 120_000);

  it('one respondent forgets: gone from both waves', async () => {
    const s1 = PEOPLE[0]!;
    await say(s1, '删除我的数据');
    for (const id of [wave1.id, wave2.id]) {
      const r = await report(id);
      expect(r.respondents.total).toBe(11);
      expect(r.respondents.byRole.IT).toBe(4);
      expect(r.indicators['2.1'].n).toBe(11);
      const rest = PEOPLE.slice(1).map((p) => p.levels[1]!);
      expect(r.indicators['2.1'].median).toBe(median(rest));
      expect(await bot.campaigns.answers(id, userId(s1))).toEqual([]);
    }
    expect(await bot.store.listConversations(userId(s1))).toEqual([]);
  });
});
