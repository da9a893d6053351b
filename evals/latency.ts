/** Wall-clock timing of one call, and the p50/p95 of a set of timings in milliseconds. */
export async function timed<T>(times: number[], fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try { return await fn(); } finally { times.push(performance.now() - t); }
}

/** Nearest-rank percentile. */
export function percentile(times: number[], p: number): number {
  if (!times.length) return 0;
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function latencyFigures(times: number[]): { latency_p50_ms: number; latency_p95_ms: number } {
  const r = (x: number) => Math.round(x * 100) / 100;
  return { latency_p50_ms: r(percentile(times, 50)), latency_p95_ms: r(percentile(times, 95)) };
}
