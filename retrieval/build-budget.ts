/**
 * What a full index build will cost, estimated from the corpus size before anything is
 * tokenised, so a corpus too large for the machine is refused with a clear message instead of
 * crashing an hour in. The cost is linear in the indexed characters once the LSA fit is bounded
 * (lsa-embedder.ts fits on at most 4 096 passages): tokens, BM25 postings, the fold-in and the
 * HNSW graph all grow with the text (measured up to 1 000× the whitepaper). Coefficients are the scale bench's measurements
 * (evals/bench/scale-worker.ts), with a margin: see COST.
 */
export interface BuildEstimate {
  chars: number;
  passages: number;
  peakMb: number;
  cpuSeconds: number;
}

export interface BuildLimits {
  maxMb: number;
  maxSeconds: number;
}

/**
 * Per million indexed characters, and fixed: the scale bench's builds of 2026-12-02 after the
 * tokenise-once build (CPU time of the build process, so the machine's load does not inflate it
 * much; load 7–9): 10× 6.3 s / 407 MB at 0.57 M characters, 100× 24.8 s / 587 MB at 5.7 M, and
 * 1 000× 246 s / 3 009 MB at 57 M (built, 249 355 passages). The line runs through or above all
 * three; the margin covers a slower or busier machine (CPU time grows under heavy load).
 */
const COST = { mbFixed: 380, mbPerMChar: 48, cpuFixed: 4, cpuPerMChar: 4.4, margin: 1.25 };

export function estimateBuild(chars: number, passages: number): BuildEstimate {
  const m = chars / 1e6;
  return {
    chars,
    passages,
    peakMb: Math.round((COST.mbFixed + COST.mbPerMChar * m) * COST.margin),
    cpuSeconds: Math.round((COST.cpuFixed + COST.cpuPerMChar * m) * COST.margin),
  };
}

export class IndexTooLargeError extends Error {
  constructor(readonly estimate: BuildEstimate, readonly limits: BuildLimits) {
    const { chars, passages, peakMb, cpuSeconds } = estimate;
    const over = [
      peakMb > limits.maxMb ? `about ${(peakMb / 1024).toFixed(1)} GB of memory (limit ${(limits.maxMb / 1024).toFixed(1)} GB)` : '',
      cpuSeconds > limits.maxSeconds ? `about ${Math.ceil(cpuSeconds / 60)} min (limit ${Math.round(limits.maxSeconds / 60)} min)` : '',
    ].filter(Boolean);
    super(
      `the corpus is too large to index here: ${passages} passages, ${(chars / 1e6).toFixed(1)} M characters would need ` +
        `${over.join(' and ')}. Remove material (wuyin sources), or raise WUYIN_INDEX_MAX_MB / WUYIN_INDEX_MAX_SECONDS on a larger machine.`,
    );
    this.name = 'IndexTooLargeError';
  }
}

/** Throws IndexTooLargeError before a build that would pass the limits. */
export function checkBuild(estimate: BuildEstimate, limits: BuildLimits): void {
  if (estimate.peakMb > limits.maxMb || estimate.cpuSeconds > limits.maxSeconds) throw new IndexTooLargeError(estimate, limits);
}
