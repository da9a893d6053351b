/**
 * One LLM time budget per turn. A turn may call the LLM more than once (judge an answer,
 * phrase a whitepaper answer), each call with the client's own retries; what bounds the turn
 * is one deadline set when the turn starts, shared by all of them. When it passes, the call in
 * progress is aborted and resolves as a failure, so the caller takes the offline path and the
 * turn still finishes — before the adapters' drain deadline, which config.ts keeps later.
 *
 * The deadline travels with the turn through AsyncLocalStorage, so the scorer and the QA path
 * need no extra parameter. Outside a turn (the `score` CLI, evals) each call gets a fresh budget.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface TurnBudget {
  deadline: number;
}

const current = new AsyncLocalStorage<TurnBudget>();

export class BudgetExhaustedError extends Error {
  override readonly name = 'BudgetExhaustedError';
  constructor() {
    super('the turn used up its LLM time budget');
  }
}

/** Runs `fn` as one turn whose LLM calls together get `ms`. A nested turn keeps the outer deadline. */
export function withTurnBudget<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const outer = current.getStore();
  const deadline = Math.min(outer?.deadline ?? Infinity, Date.now() + ms);
  return current.run({ deadline }, fn);
}

/** Milliseconds left in the current turn's budget (or `fallbackMs` outside a turn). */
export function budgetLeft(fallbackMs: number): number {
  const b = current.getStore();
  return b ? Math.max(0, b.deadline - Date.now()) : fallbackMs;
}

/**
 * Runs `work` with an AbortSignal that fires when the budget runs out, and rejects with
 * BudgetExhaustedError at that moment even if `work` ignores the signal (a client sleeping
 * between retries). Rejects at once when nothing is left.
 */
export async function withinBudget<T>(fallbackMs: number, work: (signal: AbortSignal, leftMs: number) => Promise<T>): Promise<T> {
  const left = budgetLeft(fallbackMs);
  if (left <= 0) throw new BudgetExhaustedError();
  const ctl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new BudgetExhaustedError();
      ctl.abort(err);
      reject(err);
    }, left);
  });
  try {
    return await Promise.race([work(ctl.signal, left), expired]);
  } finally {
    clearTimeout(timer);
  }
}
