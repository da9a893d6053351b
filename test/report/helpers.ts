/**
 * Shared by the report tests: sample interview states and the browser gate. Browser tests need
 * Chromium (Debian: chromium); without it they are skipped with the reason printed — except under
 * CI, where a missing browser fails the run (the CI flag is read here, in the test setup only).
 */
import type { SessionState } from '../../bot/session.js';
import { loadConfig } from '../../config.js';
import type { IndicatorId, Level } from '../../knowledge/types.js';
import { chromiumMissing } from '../../report/pdf.js';

export const CHROMIUM = loadConfig().WUYIN_CHROMIUM;
const missing = chromiumMissing(CHROMIUM);
export const UNDER_CI = Boolean(process.env.CI);

/** True when browser tests can run; throws under CI when they cannot. */
export function browserAvailable(file: string): boolean {
  if (!missing) return true;
  if (UNDER_CI) throw new Error(`${file}: browser tests must run under CI, but ${missing}`);
  console.warn(`${file}: SKIPPING the browser tests — ${missing}`);
  return false;
}

export const ALL: IndicatorId[] = ([1, 2, 3, 4, 5] as const).flatMap((p) => ([1, 2, 3, 4, 5] as const).map((i) => `${p}.${i}` as IndicatorId));

type A = { level: Level; words?: string };
/** A finished interview: a digit where no words are given, confirmed words otherwise. */
export function finished(levels: Partial<Record<IndicatorId, Level | A>>, opts: { elements?: SessionState['elements']; locale?: 'zh' | 'en'; queue?: IndicatorId[] } = {}): SessionState {
  const answers: SessionState['answers'] = {};
  for (const [id, v] of Object.entries(levels) as Array<[IndicatorId, Level | A]>) {
    const a = typeof v === 'number' ? { level: v } : v;
    answers[id] = a.words
      ? { level: a.level, confidence: 0.85, via: 'confirmed', evidence: { answer: a.words, descriptor: '' } }
      : { level: a.level, confidence: 1, via: 'digit', evidence: { answer: String(a.level), descriptor: '' } };
  }
  const queue = opts.queue ?? ALL;
  return { v: 1, phase: 'done', locale: opts.locale ?? 'zh', elements: opts.elements ?? [], queue, index: queue.length, answers, skipped: queue.filter((q) => !answers[q]) };
}

export const HOSTILE = '<script>window.__pwned=1</script></style><a href="javascript:alert(1)">点我</a> & "quotes"';
