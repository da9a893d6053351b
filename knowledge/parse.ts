import { cleanText, normaliseNotes } from './clean.js';
import { ELEMENTS, LEVEL_LABELS, NOTES, PILLAR_IDS } from './types.js';
import type { ElementId, IndicatorId, Level, PillarId } from './types.js';

/**
 * Parses the OCR'd whitepaper into the raw rubric model (without English names or the source
 * hash, which ingest adds). Every part is found by its anchor text; a part that is missing or
 * malformed raises an IngestError naming that part, so a truncated or garbled source never
 * yields a silently partial model.
 */
export interface ParsedLevel { level: Level; label: (typeof LEVEL_LABELS)[number]; text: string }
export interface ParsedIndicator { id: IndicatorId; pillar: PillarId; name: string; description: string; levels: ParsedLevel[] }
export interface ParsedPillar { id: PillarId; name: string; note: string; tagline?: string; definition: string; indicators: ParsedIndicator[] }
export interface ParsedElement {
  id: ElementId; name: string; title: string; summary: string;
  bottlenecks: Array<{ title: string; text: string }>;
  directions: Array<{ capability: string; pillars: PillarId[] }>;
}
export interface ParsedWhitepaper {
  pillars: ParsedPillar[];
  elements: ParsedElement[];
  solutions: Array<{ pillar: PillarId; element: ElementId; name: string }>;
  crossElement: { pillar: 1; names: string[] };
  products: Array<{ pillar: PillarId; names: string[] }>;
  cases: Array<{ id: number; title: string; section: string }>;
  sections: Array<{ id: string; title: string; text: string }>;
}

export class IngestError extends Error {
  constructor(readonly part: string, detail: string) {
    super(`whitepaper ingest: cannot parse ${part}: ${detail}`);
    this.name = 'IngestError';
  }
}

export const PILLAR_NAMES: Record<PillarId, string> = {
  1: '基础设施云化', 2: '触点数字化', 3: '业务在线化', 4: '运营数据化', 5: '决策智能化',
};
const CASE_NUMERALS = ['一', '二', '三', '四', '五'];

/** Lines of the document with helpers to find anchors and slice between them. */
class Doc {
  readonly lines: string[];
  constructor(text: string) { this.lines = text.replace(/\r\n?/g, '\n').split('\n'); }

  find(pred: (line: string) => boolean, from = 0): number {
    for (let i = from; i < this.lines.length; i++) if (pred(this.lines[i]!)) return i;
    return -1;
  }

  require(part: string, pred: (line: string) => boolean, from = 0, what = 'anchor'): number {
    const i = this.find(pred, from);
    if (i < 0) throw new IngestError(part, `${what} not found`);
    return i;
  }

  /** Paragraphs (blank-line separated, trimmed, non-empty) of lines [from, to). */
  paragraphs(from: number, to: number): string[] {
    const out: string[] = [];
    let cur: string[] = [];
    for (let i = from; i < to; i++) {
      const l = this.lines[i]!.trim();
      if (l === '') { if (cur.length) out.push(cur.join('\n')); cur = []; } else cur.push(l);
    }
    if (cur.length) out.push(cur.join('\n'));
    return out;
  }
}

const isHeading = (l: string) => /^#{1,6}\s/.test(l);
const headingText = (l: string) => l.replace(/^#{1,6}\s+/, '').trim();

function parsePillarDefinitions(doc: Doc): Map<PillarId, string> {
  const part = 'the pillar definitions (五项一级能力 table)';
  const start = doc.require(part, (l) => l.startsWith('五项一级能力'));
  const defs = new Map<PillarId, string>();
  for (let i = start + 1; i < doc.lines.length && defs.size < 5; i++) {
    const line = doc.lines[i]!;
    if (isHeading(line)) break;
    const m = /^([1-5])\t+([^\t]+)\t+(.+)$/.exec(line);
    if (!m) continue;
    const id = Number(m[1]) as PillarId;
    if (cleanText(m[2]!) !== PILLAR_NAMES[id]) throw new IngestError(part, `row ${id} names '${m[2]}', expected ${PILLAR_NAMES[id]}`);
    defs.set(id, cleanText(m[3]!));
  }
  const missing = PILLAR_IDS.filter((p) => !defs.get(p));
  if (missing.length) throw new IngestError(part, `no definition for pillar ${missing.join(', ')}`);
  return defs;
}

function parseIndicators(doc: Doc): Map<PillarId, { tagline?: string; indicators: ParsedIndicator[] }> {
  const out = new Map<PillarId, { tagline?: string; indicators: ParsedIndicator[] }>();
  const taglines = new Map<PillarId, string>();
  for (const line of doc.lines) {
    if (!isHeading(line)) continue;
    const m = /^(基础设施云化|触点数字化|业务在线化|运营数据化|决策智能化)：(.+)$/.exec(headingText(line));
    if (!m) continue;
    const id = (PILLAR_IDS.find((p) => PILLAR_NAMES[p] === m[1]))!;
    if (!taglines.has(id)) taglines.set(id, cleanText(m[2]!));
  }
  for (const line of doc.lines) {
    const m = /^([1-5])\.([1-5])\s*([^\t]+)\t(.*)$/.exec(line);
    if (!m) continue;
    const pillar = Number(m[1]) as PillarId;
    const id = `${m[1]}.${m[2]}` as IndicatorId;
    const part = `indicator ${id} (${PILLAR_NAMES[pillar]} table)`;
    const fields = m[4]!.split('\t').map(cleanText);
    while (fields.length && fields[fields.length - 1] === '') fields.pop();
    if (fields.length !== 6 || fields.some((f) => f.length < 4)) {
      throw new IngestError(part, `expected a description and 5 level descriptors, found ${fields.filter(Boolean).length} cells`);
    }
    const entry = out.get(pillar) ?? { indicators: [] };
    if (entry.indicators.some((x) => x.id === id)) throw new IngestError(part, 'row appears twice');
    entry.indicators.push({
      id, pillar, name: cleanText(m[3]!), description: fields[0]!,
      levels: fields.slice(1).map((text, i) => ({ level: (i + 1) as Level, label: LEVEL_LABELS[i]!, text })),
    });
    out.set(pillar, entry);
  }
  for (const p of PILLAR_IDS) {
    const part = `the indicators of pillar ${p} (${PILLAR_NAMES[p]})`;
    const entry = out.get(p);
    const have = new Set(entry?.indicators.map((x) => x.id) ?? []);
    const missing = PILLAR_IDS.map((i) => `${p}.${i}`).filter((id) => !have.has(id as IndicatorId));
    if (missing.length) throw new IngestError(part, `missing indicator rows ${missing.join(', ')}`);
    entry!.indicators.sort((a, b) => a.id.localeCompare(b.id));
    // Pillar 5's tables have no heading of their own in this edition: its tagline stays absent.
    entry!.tagline = taglines.get(p);
  }
  return out;
}

/** Notes like "羽 徽 宫" or "羽微角商宫" → pillar ids, ascending. */
function notesToPillars(raw: string): PillarId[] {
  const notes = [...normaliseNotes(raw).replace(/\s+/g, '')];
  return notes.map((n) => (NOTES.indexOf(n as never) + 1) as PillarId).sort((a, b) => a - b);
}
const isNotes = (s: string) => /^[宫商角徵徽微羽\s]+$/.test(s) && s.trim().length > 0;

function parseDirections(doc: Doc, from: number, to: number, part: string): ParsedElement['directions'] {
  const start = doc.find((l) => /数智能力\s*提升方向/.test(l), from);
  if (start < 0 || start >= to) return [];
  const out: ParsedElement['directions'] = [];
  for (let i = start; i < to; i++) {
    const line = doc.lines[i]!;
    if (i > start && isHeading(line)) break;
    // The legend ("宫 基础设施云化" or the five pillar names on one line) ends the list.
    if (/^[宫商角徵徽微羽]\s+\S+化$/.test(line.trim()) || /^基础设施云化\s+触点数字化/.test(line.trim())) break;
    const cells = line.replace(/^#+\s*/, '').replace(/数智能力\s*提升方向/, '').split('\t').map((c) => c.trim()).filter(Boolean);
    for (const cell of cells) {
      if (isNotes(cell)) {
        const last = out[out.length - 1];
        if (!last || last.pillars.length) throw new IngestError(part, `notes '${cell}' follow no capability`);
        last.pillars = notesToPillars(cell);
      } else {
        out.push({ capability: cleanText(cell), pillars: [] });
      }
    }
  }
  if (!out.length) throw new IngestError(part, 'capability directions heading without capabilities');
  return out;
}

function parseElements(doc: Doc): ParsedElement[] {
  const heads = ELEMENTS.map((e) => {
    const part = `element ${e.name} (${e.name}数智化)`;
    return { e, part, at: doc.require(part, (l) => isHeading(l) && headingText(l) === `五部曲赋能产业全链路价值重构：${e.name}数智化`, 0, 'section heading') };
  });
  const matrixAt = doc.require('the solution matrix', (l) => isHeading(l) && headingText(l).startsWith('通过五部曲提升企业全链路价值'));
  return heads.map(({ e, part, at }, k) => {
    const end = k + 1 < heads.length ? heads[k + 1]!.at : matrixAt;
    const bnAt = doc.find((l) => isHeading(l) && headingText(l) === '目前遇到的瓶颈', at);
    if (bnAt < 0 || bnAt >= end) throw new IngestError(part, "'目前遇到的瓶颈' (bottlenecks) heading not found");
    const summary = doc.paragraphs(at + 1, bnAt).map(cleanText).join('\n');
    if (!summary) throw new IngestError(part, 'no summary paragraph');
    const bottlenecks: ParsedElement['bottlenecks'] = [];
    let current: { title: string; body: string[] } | undefined;
    const flush = () => {
      if (!current) return;
      const text = cleanText(current.body.join('\n'));
      if (!text) throw new IngestError(part, `bottleneck '${current.title}' has no text`);
      bottlenecks.push({ title: current.title, text });
      current = undefined;
    };
    for (let i = bnAt + 1; i < end; i++) {
      const line = doc.lines[i]!.trim();
      if (/数智能力\s*提升方向/.test(line)) break;
      const title = /^###\s+(.+)$/.exec(line)?.[1] ?? /^\*\*(.+)\*\*$/.exec(line)?.[1];
      if (title) { flush(); current = { title: cleanText(title), body: [] }; continue; }
      if (isHeading(line)) continue; // '未来模式进化和场景' sits between bottlenecks in the 服务 section
      if (current && line) current.body.push(line);
    }
    flush();
    if (bottlenecks.length < 3) throw new IngestError(part, `found ${bottlenecks.length} bottlenecks, expected 3`);
    return { id: e.id, name: e.name, title: `${e.name}数智化`, summary, bottlenecks, directions: parseDirections(doc, bnAt, end, part) };
  });
}

function parseMatrix(doc: Doc): Pick<ParsedWhitepaper, 'solutions' | 'crossElement' | 'products'> {
  const part = 'the solution matrix (通过五部曲提升企业全链路价值)';
  const at = doc.require(part, (l) => isHeading(l) && headingText(l).startsWith('通过五部曲提升企业全链路价值'));
  const header = doc.require(part, (l) => l.split('\t').map((c) => c.trim()).join(',').startsWith(',品牌,商品,制造'), at, 'column header row');
  const columns = doc.lines[header]!.split('\t').slice(1).map((c) => c.trim());
  const expected = ELEMENTS.map((e) => e.name);
  if (columns.join() !== expected.join()) throw new IngestError(part, `columns are '${columns.join(' ')}', expected ${expected.join(' ')}`);
  const solutions: ParsedWhitepaper['solutions'] = [];
  const products: ParsedWhitepaper['products'] = [];
  let crossElement: string[] | undefined;
  const seen = new Set<PillarId>();
  for (let i = header + 1; i < doc.lines.length; i++) {
    const line = doc.lines[i]!;
    if (isHeading(line)) break;
    const cells = line.split('\t');
    const rowName = cells[0]!.trim();
    const pillar = PILLAR_IDS.find((p) => PILLAR_NAMES[p] === rowName);
    if (pillar === 1) {
      crossElement = cleanText(cells.slice(1).join(' ')).split(/[、，,]/).map((s) => s.trim()).filter(Boolean);
      seen.add(1);
      continue;
    }
    if (pillar) {
      seen.add(pillar);
      // Columns are tab positions: an empty cell is a real gap in the matrix, not a shift.
      ELEMENTS.forEach((e, col) => {
        const cell = cells[col + 1] ?? '';
        for (const m of cell.matchAll(/<li>([^<]*)<\/li>/g)) {
          const name = cleanText(m[1]!);
          if (name) solutions.push({ pillar, element: e.id, name });
        }
      });
      // The line after a row lists the Alibaba Cloud products of that row.
      const next = doc.lines[i + 1] ?? '';
      if (next.startsWith('\t') && !next.includes('<li>')) {
        const names = next.split(/\s+/).map(cleanText).filter(Boolean);
        products.push({ pillar, names });
        i++;
      }
    }
  }
  const missing = PILLAR_IDS.filter((p) => !seen.has(p));
  if (missing.length) throw new IngestError(part, `rows missing for ${missing.map((p) => PILLAR_NAMES[p]).join(', ')}`);
  if (!crossElement?.length) throw new IngestError(part, 'the 基础设施云化 row is empty');
  return { solutions, crossElement: { pillar: 1, names: crossElement }, products };
}

function parseCases(doc: Doc): ParsedWhitepaper['cases'] {
  return CASE_NUMERALS.map((num, k) => {
    const part = `case study ${k + 1} (案例${num})`;
    const at = doc.require(part, (l) => isHeading(l) && headingText(l) === `五部曲赋能产业全链路价值重构：案例${num}`, 0, 'section heading');
    const t = doc.require(part, (l) => isHeading(l) && headingText(l).startsWith('全链路价值重构解析-'), at, 'title line');
    const title = cleanText(headingText(doc.lines[t]!).replace('全链路价值重构解析-', ''));
    if (!title) throw new IngestError(part, 'empty title');
    return { id: k + 1, title, section: `五部曲赋能产业全链路价值重构：案例${num}` };
  });
}

/** Prose between two anchors, tables flattened ("a | b"), markdown stripped. */
function prose(doc: Doc, part: string, from: (l: string) => boolean, to: (l: string) => boolean, opts: { skipHeading?: boolean } = {}): string {
  const a = doc.require(part, from, 0, 'start');
  const b = doc.require(part, to, a + 1, 'end');
  const text = doc.paragraphs(opts.skipHeading ? a + 1 : a, b)
    .map((p) => p.split('\n').map((l) => headingText(l.replace(/\*\*/g, '').replace(/<\/b>\s*/g, '：')).replace(/^[-*]\s+/, '').split('\t').map((c) => c.trim()).filter(Boolean).join(' | ')).filter(Boolean).join('\n'))
    .map(cleanText)
    .filter(Boolean)
    .join('\n\n');
  if (text.length < 20) throw new IngestError(part, 'no text');
  return text;
}

function parseSections(doc: Doc): ParsedWhitepaper['sections'] {
  const h = (t: string) => (l: string) => isHeading(l) && headingText(l).startsWith(t);
  const bold = (name: string) => (l: string) => l.trim().startsWith(`**${name}`);
  const preface = (id: string, name: string, next: (l: string) => boolean) => {
    const part = `序言 by ${name}`;
    const at = doc.require(part, bold(name));
    const end = doc.require(part, next, at + 1, 'end');
    const paras = doc.paragraphs(at, end);
    const [byline, ...body] = paras;
    const text = body.map(cleanText).join('\n\n');
    if (!byline || text.length < 50) throw new IngestError(part, 'no text');
    const role = cleanText(byline.replace(/\*\*/g, '').split('\n').slice(1).join('，'));
    return { id, title: `序言（${name.replace(' 博士', '')}，${role}）`, text };
  };
  const s = [
    preface('preface-zhang', '张建锋', bold('肖利华')),
    preface('preface-xiao', '肖利华 博士', bold('刘松')),
    preface('preface-liu', '刘松', bold('毛健')),
    preface('preface-mao', '毛健', h('目录')),
    { id: 'transformation', title: '商业生态的全链路数智化转型', text: prose(doc, 'the transformation overview', (l) => l.startsWith('中国商业正在由'), h('关键变化一')) },
    { id: 'key-change-1', title: '关键变化一：链接价值被重新定义', text: prose(doc, '关键变化一', h('关键变化一'), h('关键变化二')) },
    { id: 'key-change-2', title: '关键变化二：人货场价值被重新定义', text: prose(doc, '关键变化二', h('关键变化二'), h('关键变化三')) },
    { id: 'key-change-3', title: '关键变化三：技术价值被重新定义', text: prose(doc, '关键变化三', h('关键变化三'), h('中国产业数智化转型成熟度比较')) },
    { id: 'maturity-comparison', title: '中国产业数智化转型成熟度比较 2019', text: prose(doc, 'the industry maturity comparison', h('中国产业数智化转型成熟度比较'), h('目录')) },
    { id: 'framework', title: '消费品生态全链路数智化转型框架', text: prose(doc, 'the five-pillar framework', h('五部曲赋能商业操作系统十一商业要素'), (l) => l.startsWith('五项一级能力')) },
    // The methodology chapter is a title page only in this edition; it is kept so it can be cited as such.
    { id: 'methodology', title: '消费品生态全链路数智化转型共创方法论', text: cleanText(headingText(doc.lines[doc.require('the methodology', h('消费品生态全链路数智化转型共创方法论'))]!)) },
    { id: 'research-team', title: '研究团队介绍和致谢', text: prose(doc, 'the research team', h('研究团队介绍和致谢'), h('联系我们')) },
    { id: 'about-research-center', title: '关于阿里云智能研究中心', text: prose(doc, '关于阿里云智能研究中心', h('关于阿里云智能研究中心'), h('关于毕马威'), { skipHeading: true }) },
    { id: 'about-kpmg', title: '关于毕马威', text: prose(doc, '关于毕马威', h('关于毕马威'), (l) => l.startsWith('本报告版权属于'), { skipHeading: true }) },
  ];
  return s;
}

export function parseWhitepaper(text: string): ParsedWhitepaper {
  const doc = new Doc(text);
  const defs = parsePillarDefinitions(doc);
  const inds = parseIndicators(doc);
  const pillars: ParsedPillar[] = PILLAR_IDS.map((id) => ({
    id, name: PILLAR_NAMES[id], note: NOTES[id - 1]!, tagline: inds.get(id)!.tagline, definition: defs.get(id)!, indicators: inds.get(id)!.indicators,
  }));
  return { pillars, elements: parseElements(doc), ...parseMatrix(doc), cases: parseCases(doc), sections: parseSections(doc) };
}
