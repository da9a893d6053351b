import { describe, expect, it } from 'vitest';
import { deferScorer } from '../../../bot/interview/deferred.js';
import type { Scorer } from '../../../bot/interview/scorer.js';

const fake = (log: string[]): Scorer => ({
  score: async (indicator, answer) => ({ level: answer.length % 5 + 1, confidence: 0.5, evidence: indicator } as never),
  holdingOut: (sources) => { log.push(`out:${[...sources].join()}`); return fake(log); },
});

describe('deferScorer', () => {
  it('builds nothing until it is used or warmed, then builds once', async () => {
    let builds = 0;
    const log: string[] = [];
    const s = deferScorer(() => { builds++; return fake(log); });
    expect(builds).toBe(0);
    expect(s.built).toBe(false);
    const r = await s.score('1.1', 'abc');
    expect(r.level).toBe(4);
    s.warm();
    await s.score('1.2', 'abcd');
    expect(builds).toBe(1);
    expect(s.built).toBe(true);
  });

  it('warm() builds ahead of the first score', () => {
    let builds = 0;
    const s = deferScorer(() => { builds++; return fake([]); });
    s.warm();
    s.warm();
    expect(builds).toBe(1);
  });

  it('passes holdingOut through to the built scorer, and says so when it has none', () => {
    const log: string[] = [];
    deferScorer(() => fake(log)).holdingOut!(new Set(['real']));
    expect(log).toEqual(['out:real']);
    const bare = deferScorer(() => ({ score: fake([]).score }));
    expect(() => bare.holdingOut!(new Set(['x']))).toThrow(/cannot leave examples out/);
  });

  it('a build that throws throws at first use and is tried again next time', async () => {
    let tries = 0;
    const s = deferScorer(() => { if (++tries === 1) throw new Error('bad data'); return fake([]); });
    expect(() => s.warm()).toThrow('bad data');
    expect(s.built).toBe(false);
    await expect(s.score('1.1', 'a')).resolves.toBeDefined();
    expect(tries).toBe(2);
  });
});
