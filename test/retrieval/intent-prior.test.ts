import { describe, expect, it } from 'vitest';
import { applyPrior, askedPart, kindPrior } from '../../retrieval/intent-prior.js';

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

  it('reads the kind from the clauses that ask, not from the story told before them', () => {
    const q = '随便搜了一下这种案例还是挺多的，虽然目前还不知道是怎么入侵的，不过得把默认的监听端口改一改？';
    expect(askedPart(q)).not.toContain('案例');
    expect(kindPrior(q).prefixes).toEqual([]);
    // One clause, or none that asks: the whole question.
    expect(kindPrior('珠宝行业有人做过吗').prefixes).toEqual(['case:']);
    expect(askedPart('店里设备基本不联网，数据都靠人工抄')).toBe('店里设备基本不联网，数据都靠人工抄');
    expect(kindPrior('We run 40 stores. Are there cases of a chain doing this?').prefixes).toEqual(['case:']);
  });
});
