import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRubric, RUBRIC_FILE, serialiseRubric, SOURCE_FILE } from '../../knowledge/ingest.js';
import { IngestError } from '../../knowledge/parse.js';
import { hasSpaceBetweenCjk } from '../../knowledge/clean.js';
import type { Rubric } from '../../knowledge/types.js';

const source = fs.readFileSync(SOURCE_FILE, 'utf8');
const rubric: Rubric = buildRubric(source);

function strings(value: unknown, path = '$', out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
  return out;
}
const cell = (pillar: number, element: string) => rubric.solutions.filter((s) => s.pillar === pillar && s.element === element).map((s) => s.name);

describe('knowledge ingest', () => {
  it('regenerates knowledge/rubric.json byte for byte', () => {
    expect(serialiseRubric(rubric)).toBe(fs.readFileSync(RUBRIC_FILE, 'utf8'));
  });

  it('has the rubric counts', () => {
    expect(rubric.pillars.map((p) => p.name)).toEqual(['基础设施云化', '触点数字化', '业务在线化', '运营数据化', '决策智能化']);
    expect(rubric.pillars.map((p) => p.note).join('')).toBe('宫商角徵羽');
    const indicators = rubric.pillars.flatMap((p) => p.indicators);
    expect(indicators.map((i) => i.id)).toEqual(['1', '2', '3', '4', '5'].flatMap((p) => ['1', '2', '3', '4', '5'].map((i) => `${p}.${i}`)));
    expect(indicators.flatMap((i) => i.levels).length).toBe(125);
    for (const i of indicators) expect(i.levels.map((l) => l.label)).toEqual(['能力缺失', '尝试探索', '浅层应用', '深度掌握', '体系成熟']);
    expect(rubric.elements.map((e) => e.name)).toEqual(['品牌', '商品', '制造', '渠道', '营销', '零售', '服务', '物流', '金融', '组织', '技术']);
    for (const e of rubric.elements) expect(e.bottlenecks.length).toBeGreaterThanOrEqual(3);
    expect(rubric.cases.length).toBe(5);
  });

  it('reads the pillar and indicator tables', () => {
    expect(rubric.pillars[0]!.definition).toMatch(/^基础设施云化程度反映了企业数智化转型的基本技术能力/);
    expect(rubric.pillars[4]!.definition).toContain('数智大脑');
    const i11 = rubric.pillars[0]!.indicators[0]!;
    expect(i11.name).toBe('集成与存储');
    expect(i11.levels[0]!.text).toContain('存在严重的数据丢失和数据安全威胁，存储能力不足而选择性放弃存储重要数据');
    expect(rubric.pillars[0]!.indicators[1]!.levels[3]!.text).toContain('企业可以对网络和计算情况有一定的灵活调整能力');
    expect(rubric.pillars[0]!.indicators[3]!.name).toBe('持续集成与敏捷交付');
    expect(rubric.pillars[3]!.indicators[2]!.name).toBe('治理与管控');
    expect(rubric.pillars[4]!.indicators[4]!.levels[4]!.text).toContain('兼容主流的人工智能框架');
  });

  it('reads elements, bottlenecks and capability directions', () => {
    const el = (id: string) => rubric.elements.find((e) => e.id === id)!;
    expect(el('channel').bottlenecks.map((b) => b.title)).toEqual(['渠道难整合', '客户运营精准度差', '选址凭经验']);
    expect(el('service').bottlenecks.map((b) => b.title)).toEqual(['构建信任关系难', '持续运营能力弱', '差异化服务少']);
    expect(el('brand').directions).toContainEqual({ capability: '用户分析能力', pillars: [1, 4, 5] });
    expect(el('brand').directions).toContainEqual({ capability: '品牌公关能力', pillars: [1, 2, 3, 4] });
    expect(el('finance').directions).toContainEqual({ capability: '风险识别能力', pillars: [1, 2, 3, 4, 5] });
    expect(el('finance').directions).toContainEqual({ capability: '数据洞察能力', pillars: [1, 4] });
    expect(el('logistics').directions.map((d) => d.capability)).toContain('仓库选址布局优化');
    // The text maps no notes for these: nothing is invented.
    expect(el('manufacturing').directions.every((d) => d.pillars.length === 0)).toBe(true);
    expect(el('retail').directions).toEqual([]);
  });

  it('reads the solution matrix by tab position', () => {
    expect(cell(5, 'channel')).toEqual(['基于大数据的门店选址方案']);
    expect(cell(2, 'organization')).toEqual(['钉钉移动办公方案', '一云多端方案']);
    expect(cell(3, 'logistics')).toEqual(['仓储管理方案', '路径优化方案', '物流管理方案']);
    expect(cell(4, 'brand')).toEqual(['基于数据中台的DMP方案']);
    expect(cell(5, 'brand')).toEqual([]);
    expect(cell(4, 'channel')).toEqual([]);
    expect(rubric.crossElement.names).toEqual(['全面上云', '应用服务器', '数据库迁移', '业务连续性', '云原生开发方案', '网络互联', '灾备', '安全服务']);
    expect(rubric.products.find((p) => p.pillar === 2)!.names).toContain('钉钉');
    expect(rubric.products.find((p) => p.pillar === 4)!.names).toEqual(['数据中台', '数据银行']);
  });

  it('reads the cases and prose sections', () => {
    expect(rubric.cases.map((c) => c.title)).toEqual(['国内某大型乳业集团', '国内某知名珠宝奢侈品流通企业', '国内某大型烟草商业企业', '国内某著名白酒企业集团', '国内某知名体育民族品牌']);
    const ids = rubric.sections.map((s) => s.id);
    for (const id of ['preface-zhang', 'preface-xiao', 'preface-liu', 'preface-mao', 'key-change-1', 'key-change-2', 'key-change-3', 'maturity-comparison', 'methodology']) expect(ids).toContain(id);
    expect(rubric.sections.find((s) => s.id === 'maturity-comparison')!.text).toContain('零售及消费品行业体现出较高水平的整体数字化成熟度');
  });

  it('keeps no space between two Chinese characters, and Latin words intact', () => {
    const bad = strings(rubric).filter(([, s]) => hasSpaceBetweenCjk(s));
    expect(bad).toEqual([]);
    const all = strings(rubric).map(([, s]) => s).join('\n');
    expect(all).toContain('IaaS、PaaS和SaaS');
    expect(all).toContain('VPN接入');
  });

  describe('a truncated or garbled source fails naming the part', () => {
    const fail = (text: string) => {
      try { buildRubric(text); } catch (err) { expect(err).toBeInstanceOf(IngestError); return (err as Error).message; }
      throw new Error('ingest accepted a broken source');
    };
    it('empty file', () => expect(fail('')).toMatch(/empty/));
    it('cut before the pillar-5 tables', () => expect(fail(source.slice(0, source.indexOf('5.1 洞察可视化')))).toMatch(/pillar 5 \(决策智能化\).*5\.1/));
    it('a level cell lost from 2.3', () => {
      const lines = source.split('\n');
      const k = lines.findIndex((l) => l.startsWith('2.3 数据与质量'));
      lines[k] = lines[k]!.split('\t').slice(0, -1).join('\t');
      expect(fail(lines.join('\n'))).toMatch(/indicator 2\.3/);
    });
    it('a bottleneck missing', () => expect(fail(source.replace('**选址凭经验**', ''))).toMatch(/element 渠道.*bottleneck/));
    it('the matrix header garbled', () => expect(fail(source.replace('\t品牌\t商品\t制造', '\t品牌\t商品 制造'))).toMatch(/solution matrix/));
    it('cut after the matrix', () => expect(fail(source.slice(0, source.indexOf('# 五部曲赋能产业全链路价值重构：案例三')))).toMatch(/case study 3/));
    it('a CJK space check rejects leftovers', () => expect(hasSpaceBetweenCjk('数 据丢失')).toBe(true));
  });
});
