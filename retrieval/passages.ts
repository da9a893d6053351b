import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { ElementId, PillarId, Rubric } from '../knowledge/types.js';
import type { Passage, PassageSource } from './types.js';
import { LEVEL_HINTS } from '../knowledge/level-hints.js';
import type { LevelExample } from '../knowledge/examples.js';
import type { QuestionExample } from '../knowledge/questions.js';

/**
 * Turns the rubric model into retrievable passages, one per structural unit (definition,
 * indicator, level descriptor, bottleneck, solution cell, …) so a hit cites exactly one thing.
 * Each text carries its context (indicator and pillar names, level label, element) because a
 * bare descriptor like "企业具备完备的安全体系" does not say which indicator it grades.
 */
export interface ChunkOptions {
  chunkSize: number;
  chunkOverlap: number;
}

export const PROSE_CHUNKS: ChunkOptions = { chunkSize: 300, chunkOverlap: 60 };
const SEPARATORS = ['\n\n', '\n', '。', '；', '！', '？', '，', ' ', ''];
const LEADING_PUNCT = /^[\s。；！？，、]+/u;
const CN_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Prose split on paragraph, line and sentence boundaries, with overlap so no sentence is orphaned. */
export async function chunkText(text: string, opts: ChunkOptions = PROSE_CHUNKS): Promise<string[]> {
  const splitter = new RecursiveCharacterTextSplitter({ ...opts, separators: SEPARATORS });
  const chunks = await splitter.splitText(text.trim());
  // The splitter keeps a separator at the start of the next piece; a chunk reads better without it.
  return chunks.map((c) => c.replace(LEADING_PUNCT, '').trim()).filter((c) => c.length > 0);
}

export interface PassageOptions {
  /** `false` leaves the level hints out of the level passages (the eval's ablation). */
  hints?: boolean;
  /** Settled answers, whose words become the `settled` field of their indicator's passage. */
  examples?: readonly LevelExample[];
  /** Settled questions, whose words become the `asked` field of the passages that answer them. */
  questions?: readonly QuestionExample[];
}

/**
 * Each settled answer's first characters are enough: 150 and 400 measured the same on the dev
 * questions, and 400 keeps all but the longest real passages whole (evals/README.md).
 */
export const SETTLED_MAX_CHARS = 400;

/** The settled answers of one indicator, every level and source, as one text. */
function settledText(examples: readonly LevelExample[], indicator: string): string {
  return examples.filter((e) => e.indicator === indicator).map((e) => e.answer.slice(0, SETTLED_MAX_CHARS)).join('\n');
}

export async function buildPassages(rubric: Rubric, opts: PassageOptions = {}): Promise<Passage[]> {
  const out: Passage[] = [];
  const push = (id: string, text: string, source: PassageSource) => out.push({ id, text, source });
  const pillarName = (id: PillarId) => rubric.pillars[id - 1]?.name ?? `五部曲${id}`;
  const elementName = (id: ElementId) => rubric.elements.find((e) => e.id === id)?.name ?? id;

  for (const p of rubric.pillars) {
    const tagline = p.tagline ? `：${p.tagline}` : '';
    // 一级能力 / 能力解释 / 二级指标 are the whitepaper's own table headers: they let "what is pillar X"
    // and "what does indicator Y measure" reach the definition rather than a passage merely naming X.
    push(`pillar:${p.id}`, `一级能力 ${p.name}（${p.note}）${tagline}。能力解释：${p.definition}`, { section: p.name, pillar: p.id });
    for (const ind of p.indicators) {
      const src = { section: p.name, pillar: p.id, indicator: ind.id };
      push(`ind:${ind.id}`, `二级指标 ${ind.id} ${ind.name}（${p.name}）：${ind.description}`, src);
      // People ask in the words of their own situation, the words the settled answers are in: the
      // indicator's passage carries them as a field of its own (only the indicator's: on the level
      // passages they blurred the levels and pulled the dev questions down, evals/README.md).
      const settled = opts.examples ? settledText(opts.examples, ind.id) : '';
      if (settled) out[out.length - 1]!.settled = settled;
      for (const l of ind.levels) {
        push(`lvl:${ind.id}:${l.level}`, `${ind.id} ${ind.name} · ${l.level}级 ${l.label}：${l.text}`, { ...src, level: l.level });
        // People describe their situation in everyday words, not the descriptor's: index those too.
        const h = LEVEL_HINTS[ind.id][l.level];
        if (opts.hints ?? true) out[out.length - 1]!.keywords = `${h.zh.join('，')}。${h.en.join(', ')}`;
      }
    }
  }

  for (const e of rubric.elements) {
    const src = { section: e.title, element: e.id };
    push(`elem:${e.id}`, `${e.title}（${e.name}）：${e.summary}`, src);
    e.bottlenecks.forEach((b, i) => push(`bn:${e.id}:${i + 1}`, `${e.title} 目前遇到的瓶颈 · ${b.title}：${b.text}`, src));
    if (e.directions.length > 0) {
      // The whitepaper marks each capability with the notes of its pillars; spelling out pillar names
      // per capability would repeat them a dozen times and drown every pillar query in this passage.
      const noteOf = (id: number) => rubric.pillars[id - 1]?.note ?? String(id);
      const dirs = e.directions.map((d) => (d.pillars.length ? `${d.capability}（${d.pillars.map(noteOf).join('')}）` : d.capability));
      const legend = rubric.pillars.map((p) => `${p.note} ${p.name}`).join('，');
      push(`dir:${e.id}`, `${e.title} 数智能力提升方向：${dirs.join('；')}。图例：${legend}`, src);
    }
  }

  const cells = new Map<string, { pillar: PillarId; element: ElementId; names: string[] }>();
  for (const s of rubric.solutions) {
    const key = `${s.pillar}:${s.element}`;
    const cell = cells.get(key) ?? { pillar: s.pillar as PillarId, element: s.element, names: [] };
    cell.names.push(s.name);
    cells.set(key, cell);
  }
  for (const [key, c] of cells) {
    const text = `${pillarName(c.pillar)} × ${elementName(c.element)} 联合解决方案：${c.names.join('、')}`;
    push(`sol:${key}`, text, { section: '五部曲联合方案', pillar: c.pillar, element: c.element });
  }
  const cross = rubric.crossElement;
  push('sol:1:all', `${pillarName(1)} × 全部商业要素 解决方案：${cross.names.join('、')}`, { section: '五部曲联合方案', pillar: 1 });
  for (const pr of rubric.products) {
    const pid = pr.pillar as PillarId;
    push(`prod:${pid}`, `${pillarName(pid)} 阿里云产品：${pr.names.join('、')}`, { section: '阿里云产品', pillar: pid });
  }
  for (const c of rubric.cases) {
    const n = CN_NUMERALS[c.id] ?? String(c.id);
    push(`case:${c.id}`, `案例${n}：${c.title}（${c.section}）`, { section: c.section });
  }

  for (const s of rubric.sections) {
    const chunks = await chunkText(s.text);
    chunks.forEach((chunk, i) => push(`sec:${s.id}:${i + 1}`, `${s.title}\n${chunk}`, { section: s.title }));
  }
  if (opts.questions?.length) attachQuestions(out, opts.questions);
  return out;
}

/**
 * People ask in the words of their own tools ("redis挖矿", "pick logic for bins"); the passage that met
 * such a need before carries those words in a field of its own (`asked`). An id no passage has is left out (the
 * data test names it); a section's id stands for each of its chunks; level passages get none.
 */
function attachQuestions(out: Passage[], questions: readonly QuestionExample[]): void {
  const byId = new Map(out.map((p) => [p.id, p]));
  for (const q of questions) {
    const text = q.query.slice(0, SETTLED_MAX_CHARS);
    for (const id of q.gold) {
      // A section's id names all its chunks (sec:x is sec:x:1, sec:x:2…), as in the eval's gold.
      // Not on the level passages: there they blurred the levels, as the settled answers did (dev questions
      // hit@5 0.913 with, 0.924 without, at the weight chosen).
      if (id.startsWith('lvl:')) continue;
      const ps = byId.has(id) ? [byId.get(id)!] : out.filter((p) => p.id.startsWith(`${id}:`));
      for (const p of ps) p.asked = p.asked ? `${p.asked}\n${text}` : text;
    }
  }
}

/** A user's file chunked like prose: ids user:<file>:<n>, cited by the file name. */
export async function buildUserPassages(file: string, text: string): Promise<Passage[]> {
  const chunks = await chunkText(text);
  return chunks.map((chunk, i) => ({ id: `user:${file}:${i + 1}`, text: chunk, source: { section: file, file } }));
}
