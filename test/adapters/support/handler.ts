/**
 * A small stand-in for the orchestrator, so adapter tests do not depend on it.
 * "options" → a question with buttons; "report" → a report with a radar chart and
 * citations; "slow" → echoes after a delay; "boom" → throws; anything else → echo.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { replyingTurn, type TurnHandler } from '../../../adapters/delivery.js';
import { openStore, type SqliteSessionStore } from '../../../bot/store/index.js';
import type { Handler, IncomingMessage, Reply } from '../../../bot/types.js';

export interface TestHandler {
  handler: Handler;
  calls: IncomingMessage[];
  /** Turns that finished (replies returned), in order. */
  done: IncomingMessage[];
}

export const REPORT_CHART = {
  type: 'radar' as const,
  title: '数智化成熟度 Maturity',
  max: 5,
  axes: [
    { label: '基础设施云化', value: 3 },
    { label: '触点数字化', value: 2 },
    { label: '业务在线化', value: 4 },
    { label: '运营数据化', value: null },
    { label: '决策智能化', value: 1 },
  ],
};

export const REPORT_FALLBACK = [
  '基础设施云化 ███░░ 3',
  '触点数字化   ██░░░ 2',
  '业务在线化   ████░ 4',
  '运营数据化   ░░░░░ —',
  '决策智能化   █░░░░ 1',
].join('\n');

export function createTestHandler(opts: { slowMs?: number } = {}): TestHandler {
  const calls: IncomingMessage[] = [];
  const done: IncomingMessage[] = [];
  const handler: Handler = async (msg) => {
    calls.push(msg);
    const t = msg.text.trim();
    let replies: Reply[];
    if (t === 'boom') throw new Error('handler exploded');
    if (t === 'slow') await new Promise((r) => setTimeout(r, opts.slowMs ?? 400));
    if (t === 'options') {
      replies = [
        {
          kind: 'question',
          text: '**1.1 集成与存储** How integrated is your data?\n1. Siloed\n2. Partly\n3. Fully',
          blocks: [
            { kind: 'heading', text: '1.1 集成与存储' },
            { kind: 'text', text: 'How integrated is your data? **Pick one**:' },
            {
              kind: 'options',
              options: [
                { value: '1', label: 'Siloed', description: 'each system keeps its own copy' },
                { value: '2', label: 'Partly integrated' },
                { value: '3', label: 'Fully integrated' },
              ],
            },
          ],
        },
      ];
    } else if (t === 'report') {
      replies = [
        {
          kind: 'report',
          text: 'Your maturity report',
          blocks: [
            { kind: 'heading', text: 'Maturity report 成熟度报告' },
            { kind: 'text', text: '**Overall**: level 2.5\n- strongest: 业务在线化\n- weakest: 决策智能化' },
            { kind: 'chart', chart: REPORT_CHART, fallback: REPORT_FALLBACK },
            { kind: 'divider' },
            { kind: 'citations', items: [{ id: 'p1', section: '基础设施云化 › 1.1 集成与存储 › 3级', excerpt: '数据在统一平台集成存储' }] },
          ],
        },
      ];
    } else {
      const text = `You said: **${t}**`;
      replies = [{ kind: 'answer', text, blocks: [{ kind: 'text', text }] }];
    }
    done.push(msg);
    return replies;
  };
  return { handler, calls, done };
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The adapters' pipeline needs a store for its inbox and outbox: a fresh SQLite store in a temp dir,
 * and the stand-in handler made into a turn that commits its replies there.
 */
export function withStore(handler: Handler): { store: SqliteSessionStore; handle: TurnHandler; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-adapter-'));
  const store = openStore(dir);
  return { store, handle: replyingTurn(store, handler), dir };
}
