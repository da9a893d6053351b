import { describe, expect, it } from 'vitest';
import { loadRubric } from '../../knowledge/load.js';
import { buildPassages, chunkText } from '../../retrieval/passages.js';

const rubric = loadRubric();

describe('buildPassages', async () => {
  const passages = await buildPassages(rubric);
  const byId = new Map(passages.map((p) => [p.id, p]));

  it('gives every passage a unique id from the scheme', () => {
    expect(byId.size).toBe(passages.length);
    for (const p of passages) expect(p.id).toMatch(/^(pillar:[1-5]|ind:[1-5]\.[1-5]|lvl:[1-5]\.[1-5]:[1-5]|elem:\w+|bn:\w+:\d+|dir:\w+|sol:[1-5]:\w+|prod:[1-5]|case:\d+|sec:[a-z0-9-]+:\d+)$/);
  });

  it('covers all pillars, indicators and 125 level descriptors', () => {
    expect(passages.filter((p) => p.id.startsWith('pillar:'))).toHaveLength(5);
    expect(passages.filter((p) => p.id.startsWith('ind:'))).toHaveLength(25);
    expect(passages.filter((p) => p.id.startsWith('lvl:'))).toHaveLength(125);
    expect(byId.has('sol:1:all')).toBe(true);
  });

  it('puts context in the text and metadata in the source', () => {
    const l = byId.get('lvl:1.1:3')!;
    expect(l.text.startsWith('1.1 集成与存储 · 3级 浅层应用：')).toBe(true);
    expect(l.source).toMatchObject({ pillar: 1, indicator: '1.1', level: 3 });
    expect(byId.get('ind:4.3')!.text).toContain('运营数据化');
    expect(byId.get('bn:retail:2')!.source).toMatchObject({ element: 'retail' });
    expect(byId.get('sol:5:channel')!.text).toMatch(/决策智能化 × 渠道.*门店选址/);
  });

  it('chunks prose sections with overlap and no leading punctuation', async () => {
    const secs = passages.filter((p) => p.id.startsWith('sec:'));
    expect(secs.length).toBeGreaterThan(rubric.sections.length);
    for (const s of secs) expect(s.text.length).toBeLessThan(400);
    const chunks = await chunkText('第一句话。'.repeat(100));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c).not.toMatch(/^。/);
  });
});
