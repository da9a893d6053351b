import { describe, expect, it } from 'vitest';
import { joinRequest, newJoinCode, normaliseCode } from '../../../bot/team/codes.js';

describe('join codes', () => {
  it('are 50 random bits in the ABC-7KQ2-X4M form, and never repeat in 20 000 draws', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20000; i++) seen.add(newJoinCode());
    expect(seen.size).toBe(20000);
    for (const c of [...seen].slice(0, 50)) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/);
    // Every symbol position is used: no constant bits.
    const firsts = new Set([...seen].map((c) => c[0]));
    expect(firsts.size).toBe(32);
  });

  it('read loosely typed codes and reject what cannot be one', () => {
    const c = newJoinCode();
    expect(normaliseCode(c.toLowerCase().replace(/-/g, ' '))).toBe(c);
    expect(normaliseCode('abc-7kq2-x4m')).toBe('ABC-7KQ2-X4M');
    expect(normaliseCode('ABO-1KQ2-X4L')).toBe('AB0-1KQ2-X41');
    expect(normaliseCode('ABC-7KQ2')).toBeUndefined();
    expect(normaliseCode('ABC-7KQ2-X4MU')).toBeUndefined();
  });

  it('recognise a join request in Chinese and English', () => {
    expect(joinRequest('加入 ABC-7KQ2-X4M')).toEqual({ typed: 'ABC-7KQ2-X4M' });
    expect(joinRequest('join: abc7kq2x4m')).toEqual({ typed: 'abc7kq2x4m' });
    expect(joinRequest('我想加入')).toBeUndefined();
    expect(joinRequest('加入数据中台需要什么条件，能详细说说每一个步骤吗，还有哪些案例可以参考的')).toBeUndefined();
  });
});
