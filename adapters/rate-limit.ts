/**
 * Per-user rate limiting for the chat adapters: a sliding one-minute window (shared through the store).
 * When a user goes over the limit they get one polite reply per window, saying the message was
 * not processed and asking to resend it; further messages in that window are dropped (and logged).
 */
import type { RateDecision, SessionStore } from '../bot/store/index.js';
import type { Locale } from '../bot/types.js';

export type { RateDecision };

/**
 * The limiter the adapters use: counted in the store (`rate_windows`), so a user is held to one limit
 * however many replicas their messages reach. `RateLimiter` below is the in-process variant.
 */
export function storeLimiter(store: Pick<SessionStore, 'consumeRate'>, platform: string, perWindow: number, windowMs = 60_000) {
  return {
    /** With the message's inbox id, its decision is kept there: a turn retried after a fail-over is not counted twice. */
    check: (userId: string, inboxId?: number): Promise<RateDecision> =>
      store.consumeRate(`${platform}:${userId}`, { perWindow, windowMs }, inboxId === undefined ? {} : { inboxId }),
  };
}

export interface RateLimiterOptions {
  /** Messages allowed per user per window. */
  perWindow: number;
  /** Window length in ms (default one minute). */
  windowMs?: number;
  now?: () => number;
}

export class RateLimiter {
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly hits = new Map<string, number[]>();
  private readonly notifiedAt = new Map<string, number>();

  constructor(opts: RateLimiterOptions) {
    if (!Number.isInteger(opts.perWindow) || opts.perWindow <= 0) throw new Error(`rate limit must be a positive integer (got ${opts.perWindow})`);
    this.perWindow = opts.perWindow;
    this.windowMs = opts.windowMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** Records a message from `userKey` and says whether to process it. */
  check(userKey: string): RateDecision {
    const now = this.now();
    const since = now - this.windowMs;
    const recent = (this.hits.get(userKey) ?? []).filter((t) => t > since);
    if (recent.length < this.perWindow) {
      recent.push(now);
      this.hits.set(userKey, recent);
      this.sweep(since);
      return 'allow';
    }
    this.hits.set(userKey, recent);
    const last = this.notifiedAt.get(userKey);
    if (last !== undefined && last > since) return 'limit-silent';
    this.notifiedAt.set(userKey, now);
    return 'limit-notify';
  }

  /** Drops users with no recent messages so the maps stay small on a long-running process. */
  private sweep(since: number): void {
    if (this.hits.size < 1000) return;
    for (const [k, ts] of this.hits) if (!ts.some((t) => t > since)) this.hits.delete(k);
    for (const [k, t] of this.notifiedAt) if (t <= since) this.notifiedAt.delete(k);
  }
}

/** Guesses the reply language from the user's own words: any Han character means Chinese. */
export function guessLocale(text: string): Locale {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}

/** The notice for a dropped message: it was not processed, so the person must send it again. */
export function rateLimitText(locale: Locale, perMinute: number): string {
  return locale === 'zh'
    ? `消息有点多（每分钟最多 ${perMinute} 条），刚才这条没有处理。请稍等一分钟再重新发送，进度都在。`
    : `That's more than ${perMinute} messages a minute, so your last message was NOT processed. Please wait a minute and send it again; your progress is kept.`;
}

export function errorText(locale: Locale): string {
  return locale === 'zh' ? '抱歉，处理这条消息时出了点问题，请稍后再试。' : 'Sorry, something went wrong while handling that message. Please try again shortly.';
}
