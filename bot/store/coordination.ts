import type { ClaimKind, RateRule } from './types.js';

/**
 * The arithmetic both backends share for rate limits across processes (the rows live in
 * `rate_windows`). Two fixed windows per bucket approximate a sliding window: a burst at a window's
 * end cannot double the allowance the way plain fixed windows would. Notices are rows of their own
 * bucket, inserted once per window: the insert that wins is the one that notifies.
 */
export interface WindowPlan {
  /** Start of the current fixed window (ms). */
  start: number;
  /** Start of the previous one. */
  previous: number;
  /** How much of the previous window's count still falls inside the sliding window (0..1). */
  weight: number;
}

export function windowPlan(nowMs: number, rule: RateRule): WindowPlan {
  const start = Math.floor(nowMs / rule.windowMs) * rule.windowMs;
  return { start, previous: start - rule.windowMs, weight: 1 - (nowMs - start) / rule.windowMs };
}

/** Whether one more message fits: `current` counted in this window, `previousCount` in the last. */
export function fits(current: number, previousCount: number, weight: number, rule: RateRule): boolean {
  return current + Math.floor(previousCount * weight) < rule.perWindow;
}

export function noticeBucket(bucket: string): string {
  return `notice:${bucket}`;
}

export function checkRule(rule: RateRule): void {
  if (!Number.isInteger(rule.perWindow) || rule.perWindow <= 0) throw new Error(`rate limit must be a positive integer (got ${rule.perWindow})`);
  if (!(rule.windowMs > 0)) throw new Error(`rate window must be positive (got ${rule.windowMs})`);
}

/** Rows older than two windows are no longer read; pruning keeps the table small. */
export const RATE_ROWS_KEEP_MS = 24 * 3_600_000;

/** The lease a conversation's drain holds; forget finds a user's leases by the part after the colon. */
export function claimLeaseName(kind: ClaimKind, conversationId: string): string {
  return `${kind}:${conversationId}`;
}
