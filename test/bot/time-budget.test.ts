/**
 * One LLM time budget per turn: with the real `openai` client against a local stand-in of the API
 * that never answers, a turn ends in its offline reply once the budget is spent — not after the
 * per-request timeout × attempts (15 s × 3 by default), which outlasted the adapters' drain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../bot/index.js';
import { SessionStateSchema, type SessionState } from '../../bot/session.js';
import { budgetLeft, BudgetExhaustedError, withinBudget, withTurnBudget } from '../../bot/time-budget.js';
import { loadConfig } from '../../config.js';
import { configureLog } from '../../log.js';
import { freshDataDir } from '../faults/fixtures/data-dir.js';
import { startStandIn, type StandIn } from '../faults/fixtures/llm-stand-in.js';

configureLog({ level: 'silent' });
const BUDGET_MS = 800;
const ANSWER = '我们的数据大部分还在各部门的Excel里，只有财务系统上了云，别的系统之间不通。';

let hung: StandIn;
let bot: Bot;
beforeAll(async () => {
  hung = await startStandIn(() => ({ hang: true }));
  bot = await createBot(loadConfig({
    WUYIN_DATA_DIR: await freshDataDir(), OPENAI_API_KEY: 'sk-budget', OPENAI_BASE_URL: hung.baseURL,
    WUYIN_LLM_TIMEOUT_MS: '15000', WUYIN_LLM_TURN_BUDGET_MS: String(BUDGET_MS),
  }));
});
afterAll(async () => {
  await bot?.close();
  await hung?.close();
});

describe('the per-turn LLM budget', () => {
  it('a turn whose LLM hangs ends within the budget with the offline proposal', async () => {
    let m = 0;
    const send = (text: string) => bot.handle({ platform: 'test', conversationId: 'budget-1', userId: 'u', messageId: `b-${++m}`, text });
    for (const t of ['开始', '全部', '1']) await send(t); // quick: one proposal a question, nothing held
    const started = performance.now();
    const replies = await send(ANSWER);
    const ms = performance.now() - started;
    expect(hung.requests.length).toBeGreaterThanOrEqual(1); // the LLM was asked, and never answered
    expect(ms).toBeGreaterThanOrEqual(BUDGET_MS - 50);
    expect(ms).toBeLessThan(BUDGET_MS + 2000);
    const pending = (await bot.store.getState<SessionState>('budget-1', { schema: SessionStateSchema }))!.pending;
    expect(pending?.kind === 'confirm' || pending?.kind === 'followup').toBe(true);
    expect(replies.map((r) => r.text).join('\n')).toMatch(/我判断为|更接近|哪一个|级/);
  });

  it('a question answered while the LLM hangs quotes the passages within the budget', async () => {
    const started = performance.now();
    const replies = await bot.handle({ platform: 'test', conversationId: 'budget-2', userId: 'u', messageId: 'q-1', text: '什么是数据中台？' });
    expect(performance.now() - started).toBeLessThan(BUDGET_MS + 2000);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies[0]!.kind).not.toBe('error');
  });

  it('every call of one turn shares one deadline; outside a turn each call gets the fallback', async () => {
    await withTurnBudget(300, async () => {
      await new Promise((r) => setTimeout(r, 200));
      expect(budgetLeft(10_000)).toBeLessThanOrEqual(100);
      const started = Date.now();
      await expect(withinBudget(10_000, () => new Promise(() => undefined))).rejects.toBeInstanceOf(BudgetExhaustedError);
      expect(Date.now() - started).toBeLessThan(250);
      await new Promise((r) => setTimeout(r, 150));
      await expect(withinBudget(10_000, async () => 'never runs')).rejects.toBeInstanceOf(BudgetExhaustedError);
    });
    expect(budgetLeft(1234)).toBe(1234);
  });
});
