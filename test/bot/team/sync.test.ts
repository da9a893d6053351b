/**
 * The campaign records follow the interview: after every turn of a respondent — answers, 返回,
 * 跳过 after answering, a changed answer, 重新开始 — the newest stored record per indicator equals
 * the conversation's answers (level, how it was reached, the words). Real bot, real SQLite file.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../../bot/index.js';
import { SessionStateSchema, type SessionState } from '../../../bot/session.js';
import { campaignCommand } from '../../../bot/team/commands.js';
import { latestAnswers } from '../../../bot/team/store.js';
import { announcePostgres, freshDatabase, PG_URL } from '../../support/postgres.js';
import { makeBot, tmpDir } from '../helpers.js';

announcePostgres('campaign records on PostgreSQL');
describe('on SQLite', () => syncSuite(Object.assign(async () => ({}), { isPostgres: async () => false })));
describe.skipIf(!PG_URL)('on PostgreSQL (sessions and campaigns in one database)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  afterAll(async () => { await db?.drop(); });
  syncSuite(Object.assign(async () => {
    db = await freshDatabase();
    return { WUYIN_DATABASE_URL: db.url };
  }, { isPostgres: async () => true }));
});

function syncSuite(env: (() => Promise<Record<string, string>>) & { isPostgres(): Promise<boolean> }) {
let bot: Bot;
let dir: string;
beforeAll(async () => { dir = tmpDir('wuyin-team-sync-'); bot = await makeBot(dir, await env()); });
afterAll(async () => { await bot?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

it('stored campaign answers equal the interview after skip, back, revision and restart', async () => {
  const made = await campaignCommand({ store: bot.campaigns, rubric: bot.rubric, now: new Date() }, ['create'], new Map<string, string | true>([['org', '示例乳业'], ['roles', 'IT,门店'], ['json', true]]));
  const { id, code } = JSON.parse(made.out) as { id: string; code: string };
  let n = 0;
  const say = (text: string) => bot.handle({ platform: 'test', conversationId: 'c-sync', userId: 'u-sync', messageId: `m${++n}`, text });
  const check = async (step: string) => {
    const state = (await bot.store.getState('c-sync', { schema: SessionStateSchema })) as SessionState;
    const stored = latestAnswers(await bot.campaigns.answers(id, 'u-sync')).get('u-sync') ?? new Map();
    const want = Object.entries(state.answers).map(([k, a]) => [k, a.level, a.via, a.evidence.answer]).sort();
    const got = [...stored].map(([k, a]) => [k, a.level, a.via, a.evidence.answer]).sort();
    expect(got, step).toEqual(want);
    return state;
  };
  await say(`加入 ${code}`);
  await say('1');
  await say('3');
  await say('4');
  expect(Object.keys((await check('two answers')).answers)).toHaveLength(2);
  await say('返回');
  await say('跳过');
  const skipped = await check('back, then skip the answered 2.1');
  expect(skipped.answers['2.1']).toBeUndefined();
  expect(skipped.answers['1.1']).toBeDefined();
  await say('返回');
  await say('2');
  expect((await check('answered again')).answers['2.1']!.level).toBe(2);
  await say('重新开始');
  expect(Object.keys((await check('restart')).answers)).toHaveLength(0);
  await say('5');
  await check('first answer after the restart');
  // Every record is kept (append-only): the withdrawals are there with what they withdrew.
  const all = await bot.campaigns.answers(id, 'u-sync');
  expect(all.filter((a) => a.withdrawn).map((a) => a.indicator).sort()).toEqual(['1.1', '2.1', '2.1']);
  const rows = await campaignCommand({ store: bot.campaigns, rubric: bot.rubric, now: new Date() }, ['export', id], new Map([['format', 'json']]));
  expect((JSON.parse(rows.out) as Array<{ withdrawn: string }>).filter((r) => r.withdrawn === 'yes')).toHaveLength(3);
  // On PostgreSQL nothing of the campaign is in the data dir's SQLite file.
  const file = `${dir}/wuyin.sqlite`;
  if ((await env.isPostgres()) && fs.existsSync(file)) {
    const { default: Database } = await import('better-sqlite3');
    const lite = new Database(file, { readonly: true });
    expect(lite.prepare("SELECT name FROM sqlite_master WHERE name IN ('campaigns', 'team_answers', 'report_links')").all()).toEqual([]);
    lite.close();
  }
});
}
