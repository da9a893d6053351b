import { describe, expect, it } from 'vitest';
import { applyPrior, kindPrior } from '../../retrieval/intent-prior.js';

describe('the question-kind prior', () => {
  it('reads what kind of passage a question asks for', () => {
    expect(kindPrior('业务在线化是啥意思').prefixes).toEqual(['pillar:', 'ind:']);
    expect(kindPrior('门店库存调拨有现成方案吗').prefixes).toEqual(['sol:', 'prod:']);
    expect(kindPrior('渠道的痛点有哪些').prefixes).toEqual(['bn:']);
    expect(kindPrior('物流要建设哪些能力').prefixes).toEqual(['dir:']);
    expect(kindPrior('珠宝行业有人做过吗').prefixes).toEqual(['case:']);
    expect(kindPrior('Which solutions fit logistics?').prefixes).toEqual(['sol:', 'prod:']);
  });

  it('leaves a described situation alone', () => {
    const p = kindPrior('店里设备基本不联网，数据都靠人工抄');
    expect(p).toEqual({ prefixes: [], boost: 1 });
    expect(applyPrior('lvl:2.2:1', 0.5, p)).toBe(0.5);
  });

  it('boosts only matching passages', () => {
    const p = kindPrior('零售有哪些方案', 1.25);
    expect(applyPrior('sol:3:retail', 0.4, p)).toBeCloseTo(0.5);
    expect(applyPrior('bn:retail:1', 0.4, p)).toBe(0.4);
  });
});
