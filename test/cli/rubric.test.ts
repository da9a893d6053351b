import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) => execFileSync('node', ['bin/wuyin.mjs', ...args], { encoding: 'utf8' });

describe('wuyin rubric', () => {
  it('prints the documented JSON shape', () => {
    const j = JSON.parse(run('rubric', '--json'));
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['pillars', 'elements', 'solutions', 'products', 'cases']));
    expect(Object.keys(j.pillars[0])).toEqual(['id', 'name', 'nameEn', 'note', 'definition', 'indicators']);
    expect(Object.keys(j.pillars[0].indicators[0])).toEqual(['id', 'name', 'nameEn', 'description', 'levels']);
    expect(j.pillars[0].indicators[0].levels[2]).toMatchObject({ level: 3, label: '浅层应用' });
    expect(Object.keys(j.elements[0])).toEqual(['id', 'name', 'nameEn', 'summary', 'bottlenecks', 'directions']);
    expect(j.cases[0]).toEqual({ id: 1, title: '国内某大型乳业集团' });
    expect(j.solutions).toContainEqual({ pillar: 5, element: 'channel', name: '基于大数据的门店选址方案' });
  });

  it('prints a readable overview', () => {
    const text = run('rubric');
    expect(text).toContain('宫 1 基础设施云化 — Cloud-based infrastructure');
    expect(text).toContain('5.5 技术平台支撑');
    expect(text).toContain('国内某知名体育民族品牌');
  });

  it('rejects an unknown command', () => {
    expect(() => run('nope')).toThrow(/unknown command/);
  });
});
