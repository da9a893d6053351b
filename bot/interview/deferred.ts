import type { ScoreResult, Scorer } from './scorer.js';

/**
 * A scorer built on first use. Building the offline scorer (the descriptor and level-language
 * vectors, the settled answers read and checked) is a fifth of a start: the greeting and the first
 * question need none of it, so a person sees them that much sooner. `warm()` builds it when the
 * process is otherwise idle, so the first answer does not pay for it either.
 */
export interface DeferredScorer extends Scorer {
  /** Builds the scorer now if it is not built yet (idempotent). */
  warm(): void;
  readonly built: boolean;
}

export function deferScorer(build: () => Scorer): DeferredScorer {
  let scorer: Scorer | undefined;
  const get = () => (scorer ??= build());
  return {
    score: (indicator, answer): Promise<ScoreResult> => get().score(indicator, answer),
    holdingOut: (sources) => {
      const s = get();
      if (!s.holdingOut) throw new Error('this scorer cannot leave examples out');
      return s.holdingOut(sources);
    },
    warm: () => void get(),
    get built() { return scorer !== undefined; },
  };
}
