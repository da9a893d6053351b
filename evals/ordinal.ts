/**
 * Agreement between gold and predicted levels on the ordinal 1–5 scale: exact, within one, mean
 * absolute error, quadratic weighted kappa, and the confusion matrix (with a "none" column for
 * answers that got no level). In MAE and kappa an answer with no level counts as the middle level
 * (3), so passes with different coverage stay comparable; coverage itself is reported apart.
 */
export interface Pair { gold: number; predicted: number | null }

export interface Agreement {
  n: number;
  /** Share of gold-level answers given exactly that level (no level counts as wrong). */
  exact: number;
  within1: number;
  /** Share of gold-level answers given any level. */
  coverage: number;
  /** Mean absolute error, no level counted as 3. */
  mae: number;
  /** Quadratic weighted kappa (no level counted as 3): 1 perfect, 0 chance. */
  qwk: number;
  /** confusion[gold-1][predicted-1], predicted index 5 = no level. */
  confusion: number[][];
}

const K = 5;
const MIDDLE = 3;

export function agreement(pairs: Pair[]): Agreement {
  const n = pairs.length;
  const imputed = pairs.map((p) => ({ gold: p.gold, predicted: p.predicted ?? MIDDLE }));
  const confusion = Array.from({ length: K }, () => new Array<number>(K + 1).fill(0));
  for (const p of pairs) confusion[p.gold - 1]![p.predicted === null ? K : p.predicted - 1]!++;
  const share = (f: (p: Pair) => boolean) => (n ? pairs.filter(f).length / n : 0);
  return {
    n,
    exact: share((p) => p.predicted === p.gold),
    within1: share((p) => p.predicted !== null && Math.abs(p.predicted - p.gold) <= 1),
    coverage: share((p) => p.predicted !== null),
    mae: n ? imputed.reduce((s, p) => s + Math.abs(p.predicted - p.gold), 0) / n : 0,
    qwk: quadraticKappa(imputed.map((p) => [p.gold, p.predicted])),
    confusion,
  };
}

/** Cohen's kappa with quadratic weights over levels 1..5. */
export function quadraticKappa(pairs: Array<[number, number]>): number {
  const n = pairs.length;
  if (!n) return 0;
  const observed = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const rows = new Array<number>(K).fill(0);
  const cols = new Array<number>(K).fill(0);
  for (const [a, b] of pairs) { observed[a - 1]![b - 1]!++; rows[a - 1]!++; cols[b - 1]!++; }
  let num = 0;
  let den = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const w = ((i - j) ** 2) / ((K - 1) ** 2);
      num += w * observed[i]![j]!;
      den += w * (rows[i]! * cols[j]!) / n;
    }
  }
  return den === 0 ? (num === 0 ? 1 : 0) : 1 - num / den;
}
