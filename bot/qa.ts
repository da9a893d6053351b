import fs from 'node:fs';
import { z } from 'zod';
import { brief, reply } from './messages.js';
import type { ConversationDeps } from './deps.js';
import type { Citation, Locale, Reply } from './types.js';
import type { SearchHit } from '../retrieval/types.js';
import type { Rubric, Solution } from '../knowledge/types.js';
import { buildEnglishMap, englishExpansion, type EnglishMap } from '../retrieval/vocabulary.js';
import { passageLabel } from './passage-label.js';
import { keyPhrases, loadQueryConcepts } from '../retrieval/keyphrases.js';

/**
 * Answers a question about the whitepaper, offline. The question's kind decides the answer:
 * - pillars (五部曲, 宫商角徵羽): the five pillars and what each means, from the rubric;
 * - definition (什么是X): the whitepaper's own definition where it has one, otherwise that it has
 *   none and where the term appears;
 * - case (乳业那个案例): the whitepaper gives case titles only — the matching one named;
 * - solution (智能补货有什么方案): the matrix cells whose names match the theme, whole names only;
 * - passages: anything else, from retrieved passages (with an LLM, a grounded summary of them).
 * English questions are read through the same English→Chinese map as retrieval, so both forms of a
 * question get the same kind of answer. Citations are one short line and never repeat the body.
 */
export type AnswerKind = 'pillars' | 'definition' | 'case' | 'solution' | 'passages';

const MIN_SCORE = 0.05;
/**
 * Below this best score the nearest passages are shown as nearest, not as the answer. On the
 * development questions (evals/datasets/real/questions-dev.jsonl) the top passage was right for 7 of
 * the 13 below 0.35 and 9 of the 13 above; off-topic chat ("今天午饭吃什么") scores 0.31–0.34; 24 of
 * the 329 synthetic questions fall below.
 */
export const NEAREST_BELOW = 0.35;

let needNames: Map<string, string> | undefined;
/** The whitepaper's word for each need a question reveals (knowledge/data/query-concepts.json). */
function needsOf(question: string): string[] {
  needNames ??= new Map(loadQueryConcepts().concepts.map((c) => [c.id, c.terms[0]!]));
  return keyPhrases(question).concepts.map((id) => needNames!.get(id)!).filter(Boolean);
}

/**
 * The lead of a passages answer. A tool-level question (its needs found, keyphrases.ts) hears that the
 * whitepaper covers the capability behind it, not the tool; a weak best score, that what follows is
 * only the nearest the whitepaper has.
 */
export function passagesLead(question: string, loc: Locale, nearest: boolean): string {
  const needs = needsOf(question);
  const zh = needs.map((n) => `「${n}」`).join('、');
  if (loc === 'zh') {
    if (needs.length) return `白皮书不讲具体工具和做法，讲的是背后的能力，这里像是${zh}。${nearest ? '最接近的内容' : '相关内容'}：\n`;
    return nearest ? '白皮书里没有直接回答这个问题的内容，最接近的是：\n' : '白皮书中的相关内容：\n';
  }
  if (needs.length) {
    return `The whitepaper covers capabilities, not tools or how-tos; the one behind this looks like ${needs.join(', ')}. ${nearest ? 'The nearest passages' : 'What it says'} (quoted in Chinese):\n`;
  }
  return nearest ? 'The whitepaper has nothing that answers this directly; the nearest passages (quoted in Chinese):\n' : 'What the whitepaper says (quoted in Chinese):\n';
}

export function citationOf(rubric: Rubric, hit: SearchHit): Citation {
  return { id: hit.id, section: passageLabel(rubric, hit) };
}

const maps = new WeakMap<Rubric, EnglishMap>();
/** The question with the Chinese terms its English words stand for appended (nothing for Chinese). */
function readable(rubric: Rubric, question: string): string {
  let map = maps.get(rubric);
  if (!map) maps.set(rubric, (map = buildEnglishMap(rubric)));
  const zh = englishExpansion(question, map);
  return zh ? `${question} ${zh}` : question;
}

const PILLARS = /五部曲|宫商角徵羽|五个部曲|五音|五大能力|一级能力|five pillars|pillars|five movements/i;
const ONE_NOTE = /^(?:请问)?([宫商角徵羽])(?:是|代表|指|表示)(?:什么|啥|哪个)/u;
const CASE = /案例|case/i;
const SOLUTION = /方案|解决|solution|办法|怎么做好|怎么提升/i;
const DEFINE_ZH = [/(?:什么是|什么叫|何为|何谓|解释一下|解释)「?(.+?)」?(?:[？?。！!]|$)/u, /^「?(.+?)」?(?:是什么|是啥|指什么|是指什么|什么意思|啥意思|的定义|的含义)/u];
const DEFINE_EN = /^(?:what(?:'s| is| are| does)|define|definition of|meaning of)\s+/i;

/** What kind of answer a question wants, and the term or theme it names. */
export function questionKind(rubric: Rubric, question: string): { kind: AnswerKind; term?: string } {
  // Without greetings, links and idioms: "in the case that the host dies" asks for no case.
  const q = readable(rubric, keyPhrases(question).text);
  if (PILLARS.test(q) || ONE_NOTE.test(q)) return { kind: 'pillars' };
  if (CASE.test(q)) return { kind: 'case' };
  if (SOLUTION.test(q)) return { kind: 'solution' };
  for (const re of DEFINE_ZH) {
    const m = re.exec(question.trim());
    if (m?.[1] && m[1].length <= 16) return { kind: 'definition', term: m[1].replace(/^(一下|下)/u, '') };
  }
  if (DEFINE_EN.test(question.trim())) {
    const zh = q.slice(question.length).trim().split(/\s+/).find((w) => /\p{Script=Han}{2,}/u.test(w));
    if (zh) return { kind: 'definition', term: zh };
  }
  return { kind: 'passages' };
}

export async function answerQuestion(deps: ConversationDeps, question: string, loc: Locale): Promise<Reply> {
  return (await answerFor(deps, question, loc)).reply;
}

/** The answer and its kind (the retrieval eval checks the kind). */
export async function answerFor(deps: ConversationDeps, question: string, loc: Locale): Promise<{ kind: AnswerKind; reply: Reply }> {
  const { rubric } = deps;
  const { kind, term } = questionKind(rubric, question);
  if (kind === 'pillars') return { kind, reply: pillarsAnswer(rubric, question, loc) };
  if (kind === 'case') return { kind, reply: caseAnswer(rubric, readable(rubric, question), loc) };
  if (kind === 'solution') {
    const r = solutionAnswer(rubric, readable(rubric, question), loc);
    if (r) return { kind, reply: r };
  }
  if (kind === 'definition' && term) {
    const r = definitionAnswer(rubric, term, loc);
    // No definition in the whitepaper: with an LLM, the passages where the term appears are summarised too.
    if (deps.llm && !r.text.startsWith(L(loc, '白皮书对', 'The whitepaper on'))) {
      const more = await passagesAnswer(deps, question, loc);
      return { kind, reply: reply('answer', [...r.blocks, ...more.blocks]) };
    }
    return { kind, reply: r };
  }
  return { kind: 'passages', reply: await passagesAnswer(deps, question, loc) };
}

const L = (loc: Locale, zh: string, en: string) => (loc === 'zh' ? zh : en);
const cite = (id: string, section: string): Citation => ({ id, section });

function pillarsAnswer(rubric: Rubric, question: string, loc: Locale): Reply {
  const one = ONE_NOTE.exec(question.trim())?.[1];
  const shown = rubric.pillars.filter((p) => !one || p.note === one);
  const lines = shown.map((p) => `**${p.note} ${p.name}**${loc === 'en' ? ` (${p.nameEn})` : ''}：${brief(p.definition, 40)}`);
  return reply('answer', [
    { kind: 'text', text: one ? lines.join('\n') : L(loc, '五部曲是白皮书的五项一级能力，依次为宫商角徵羽：', 'The five pillars (五部曲), 宫商角徵羽 in order (quoted in Chinese):') + '\n' + lines.join('\n') },
    { kind: 'citations', items: [cite('pillars', '白皮书 › 五部曲 › 一级能力的解释')] },
  ]);
}

function caseAnswer(rubric: Rubric, question: string, loc: Locale): Reply {
  const overlap = (title: string) => { const t = title.replace(/^国内某(大型|知名|著名)?/u, ''); let n = 0; for (let i = 0; i + 1 < t.length; i++) if (question.includes(t.slice(i, i + 2))) n++; return n; };
  const best = [...rubric.cases].sort((a, b) => overlap(b.title) - overlap(a.title))[0]!;
  const match = overlap(best.title) > 0 ? best : undefined;
  const titles = rubric.cases.map((c) => `${c.id}. ${c.title}`).join('\n');
  const lead = match
    ? L(loc, `你问的应是案例${match.id}「${match.title}」。白皮书只给出了案例的标题，没有展开内容。五个案例：`,
      `That is case ${match.id}, “${match.title}”. The whitepaper gives only the case titles, no content. The five cases:`)
    : L(loc, '白皮书只给出了五个案例的标题，没有展开内容：', 'The whitepaper gives only the titles of its five cases, no content:');
  return reply('answer', [
    { kind: 'text', text: `${lead}\n${titles}` },
    { kind: 'citations', items: [cite('cases', `白皮书 › ${(match ?? best).section.split('：')[0]}`)] },
  ]);
}

const ThemesSchema = z.object({ themes: z.record(z.string(), z.array(z.string().min(1))) });
let themes: Record<string, string[]> | undefined;
function solutionThemes(): Record<string, string[]> {
  themes ??= ThemesSchema.parse(JSON.parse(fs.readFileSync(new URL('../knowledge/solution-themes.json', import.meta.url), 'utf8'))).themes;
  return themes;
}
// Words every other solution name has: they never decide a match on their own.
const GENERIC = new Set(['智能', '数据', '大数据', '管理', '平台', '方案', '基于', '数智化', '系统', '提升', '优化', '中心', '有什么', '哪些']);
let segmenter: Intl.Segmenter | undefined;

/** The matrix cells for a theme or an element. Null when nothing in the matrix matches. */
function solutionAnswer(rubric: Rubric, question: string, loc: Locale): Reply | null {
  // A whole name ends in 方案; the OCR'd matrix has one cell cut to "智能", which is not a solution.
  const whole = rubric.solutions.filter((s) => s.name.endsWith('方案'));
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words = [...segmenter.segment(question)].map((s) => s.segment).filter((w) => /\p{Script=Han}{2,}|[A-Za-z]{2,}/u.test(w) && !GENERIC.has(w));
  const th = solutionThemes();
  const wanted = new Set<string>();
  const lower = question.toLowerCase();
  const element = rubric.elements.find((e) => question.includes(e.name) || new RegExp(`\\b${e.nameEn.toLowerCase()}\\b`).test(lower));
  const isElement = (w: string) => rubric.elements.some((e) => e.name === w || e.title === w);
  for (const [theme, hits] of Object.entries(th)) {
    if (element && (theme === element.name || theme === element.nameEn.toLowerCase())) continue;
    const hit = /^[a-z ]+$/.test(theme) ? new RegExp(`\\b${theme}`).test(lower) : question.includes(theme);
    if (hit) for (const h of hits) wanted.add(h);
  }
  for (const w of words) if (!isElement(w) && whole.some((s) => s.name.includes(w))) wanted.add(w);
  let cells: Solution[] = whole.filter((s) => [...wanted].some((w) => s.name.toLowerCase().includes(w.toLowerCase())));
  if (element) cells = cells.length ? cells.filter((s) => s.element === element.id).concat(cells.filter((s) => s.element !== element.id)) : whole.filter((s) => s.element === element.id);
  if (!cells.length) return null;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const s of cells) {
    if (seen.has(s.name)) continue;
    seen.add(s.name);
    const where = cells.filter((c) => c.name === s.name).map((c) => `${rubric.elements.find((e) => e.id === c.element)!.name} × ${rubric.pillars[c.pillar - 1]!.name}`);
    lines.push(`- **${s.name}**（${where.join('；')}）`);
  }
  const shown = lines.slice(0, 10);
  return reply('answer', [
    { kind: 'text', text: L(loc, '白皮书方案矩阵里的相关方案（方案名，要素 × 部曲）：', 'Matching cells of the whitepaper’s solution matrix (name, element × pillar):') + '\n' + shown.join('\n') + (lines.length > 10 ? L(loc, `\n…另有${lines.length - 10}个`, `\n…and ${lines.length - 10} more`) : '') },
    { kind: 'citations', items: [cite('matrix', '白皮书 › 解决方案矩阵')] },
  ]);
}

/** Texts of the whitepaper with where they are, for finding a term and its definition. */
function texts(rubric: Rubric): Array<{ where: string; text: string }> {
  return [
    ...rubric.pillars.flatMap((p) => [{ where: `五部曲 › ${p.note} ${p.name}`, text: `${p.name}：${p.definition}` },
      ...p.indicators.map((i) => ({ where: `${p.name} › ${i.id} ${i.name}`, text: `${i.name}：${i.description}` }))]),
    ...rubric.elements.map((e) => ({ where: e.title, text: `${e.title}：${e.summary} ${e.bottlenecks.map((b) => b.text).join(' ')}` })),
    ...rubric.sections.map((s) => ({ where: s.title.replace(/（.*?）/u, ''), text: s.text })),
    { where: '解决方案矩阵', text: [...rubric.solutions.map((s) => s.name), ...rubric.products.flatMap((p) => p.names), ...rubric.crossElement.names].join('、') },
  ];
}

function definitionAnswer(rubric: Rubric, term: string, loc: Locale): Reply {
  const all = texts(rubric);
  // The rubric's own names carry their definition (pillar definition, indicator description).
  const named = all.find((t) => t.text.startsWith(`${term}：`));
  const esc = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const defining = new RegExp(`(?:^|[。；！\\n]|所谓)\\s*(?:“|「)?${esc}(?:”|」)?(?:是指|是|指的是|指|即|，即|就是)[^。]{4,}`, 'u');
  const found = named ? { where: named.where, sentence: named.text } : all.map((t) => ({ where: t.where, m: defining.exec(t.text) })).filter((x) => x.m).map((x) => ({ where: x.where, sentence: x.m![0].replace(/^[。；！\n\s]+|^所谓/u, '') }))[0];
  if (found) {
    return reply('answer', [
      { kind: 'text', text: `${L(loc, `白皮书对「${term}」的说法：`, `The whitepaper on “${term}” (in Chinese):`)}\n${brief(found.sentence, 160)}` },
      { kind: 'citations', items: [cite(`def:${term}`, found.where)] },
    ]);
  }
  const places = [...new Set(all.filter((t) => t.text.includes(term)).map((t) => t.where))];
  const text = places.length
    ? L(loc, `白皮书没有给出「${term}」的定义。这个词出现在：${places.slice(0, 4).join('；')}${places.length > 4 ? ` 等${places.length}处` : ''}。`,
      `The whitepaper gives no definition of “${term}”. The term appears in: ${places.slice(0, 4).join('; ')}${places.length > 4 ? ` (${places.length} places)` : ''}.`)
    : L(loc, `白皮书里没有出现「${term}」，也没有它的定义。`, `“${term}” does not occur in the whitepaper, and it gives no definition of it.`);
  // Not a word of the whitepaper, but close to one of its indicators ("数据治理" → 4.3 治理与管控).
  const near = places.length ? undefined : rubric.pillars.flatMap((p) => p.indicators.map((i) => ({ p, i })))
    .map((x) => ({ ...x, n: sharedBigrams(term, x.i.name) })).filter((x) => x.n > 0).sort((a, b) => b.n - a.n)[0];
  if (near) {
    return reply('answer', [
      { kind: 'text', text: `${text}
${L(loc, `最接近的是指标 ${near.i.id} ${near.i.name}：`, `The closest is indicator ${near.i.id} ${near.i.nameEn}: `)}${brief(near.i.description, 80)}` },
      { kind: 'citations', items: [cite(`ind:${near.i.id}`, `${near.p.name} › ${near.i.id} ${near.i.name}`)] },
    ]);
  }
  return reply('answer', [{ kind: 'text', text }]);
}

// Bigrams in nearly every indicator name or description: they say nothing about which one is meant.
const COMMON_BIGRAMS = new Set(['数据', '企业', '能力', '业务', '数字', '字化', '智能']);
function sharedBigrams(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const bi = b.slice(i, i + 2);
    if (/\p{Script=Han}{2}/u.test(bi) && !COMMON_BIGRAMS.has(bi) && a.includes(bi)) n++;
  }
  return n;
}

async function passagesAnswer(deps: ConversationDeps, question: string, loc: Locale): Promise<Reply> {
  const hits = (await deps.retrieval.search(question, { k: 4 })).filter((h) => h.score >= MIN_SCORE);
  if (!hits.length) {
    return reply('answer', [{ kind: 'text', text: loc === 'zh'
      ? '白皮书里没有找到和这个问题相关的内容。可以换个说法，或问问五部曲、25项指标、十一要素的瓶颈和方案。'
      : 'I found nothing on that in the whitepaper. Try other words, or ask about the five pillars, the 25 indicators, or the elements’ bottlenecks and solutions.' }]);
  }
  // Close runners-up stay: a question may be answered by several passages, not one.
  const top = hits.filter((h, i) => i < 2 || (i < 4 && h.score >= hits[0]!.score * 0.8)).slice(0, 3);
  const phrased = deps.llm ? await deps.llm.answer({ question, passages: top, locale: loc }) : undefined;
  // The body quotes, numbered; the citation line names where each quote is from, and nothing else.
  const quoted = top.map((h, i) => `[${i + 1}] ${brief(h.text.replace(/\s+/g, ' '), 110)}`).join('\n');
  const nearest = hits[0]!.score < NEAREST_BELOW;
  const lead = passagesLead(question, loc, nearest);
  // An LLM's phrasing keeps the honest lead when the whitepaper has only something near.
  const body = phrased ? (nearest ? lead + phrased : phrased) : lead + quoted;
  return reply('answer', [
    { kind: 'text', text: body },
    { kind: 'citations', items: top.map((h, i) => ({ ...citationOf(deps.rubric, h), section: `[${i + 1}] ${passageLabel(deps.rubric, h)}` })) },
  ]);
}
