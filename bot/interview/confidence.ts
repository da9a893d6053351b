/** Confidence of a free-text score as a band people can read (高/中/低), never a bare percentage. */
export type ConfidenceBand = 'high' | 'medium' | 'low';

export function confidenceBand(c: number): ConfidenceBand {
  return c >= 0.8 ? 'high' : c >= 0.6 ? 'medium' : 'low';
}
