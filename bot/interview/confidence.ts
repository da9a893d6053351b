/**
 * A scorer confidence as a word a person can read. Placeholder thresholds until the calibrated
 * scorer (wip/mech) provides its own version of this file with the same signature.
 */
export function confidenceBand(c: number): 'high' | 'medium' | 'low' {
  return c >= 0.8 ? 'high' : c >= 0.6 ? 'medium' : 'low';
}
