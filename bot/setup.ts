import type { ElementId, Rubric } from '../knowledge/types.js';
import type { ConversationDeps } from './deps.js';
import type { Intent } from './intent.js';
import { normaliseCommand } from './intent.js';
import * as M from './messages.js';
import { answerQuestion } from './qa.js';
import { planQueue, type Mode, type SessionState } from './session.js';
import type { Locale, Reply } from './types.js';

/**
 * The set-up before the interview: focus elements, mode, and (for focus mode) the pillar. Each step
 * either understands the message and moves on, or answers a question / asks again and changes nothing.
 */
// Words that may surround a selection ("我们关注零售和物流", "focus on retail") without being one.
const FILLER = /^(我们|我|主要|关注|关心|重点|是|选|选择|还有|以及|吧|呢|the|we|i|focus|on|mostly|mainly|please)$/u;

/**
 * Elements named in a set-up answer. The whole message must read as a selection — numbers 1–11,
 * element names, separators and filler words — so markup or "给我打5分" selects nothing.
 */
function parseElements(rubric: Rubric, text: string): ElementId[] {
  const found = new Set<ElementId>();
  const tokens = text.normalize('NFKC').toLowerCase().split(/[\s,，、;；/|+&。.!！]+|和|与|及|\band\b/u).filter(Boolean);
  for (const tok of tokens) {
    if (/^\d{1,2}$/.test(tok)) {
      const e = rubric.elements[Number(tok) - 1];
      if (!e) return [];
      found.add(e.id);
      continue;
    }
    const en = rubric.elements.find((e) => tok === e.id || tok === e.nameEn.toLowerCase());
    if (en) { found.add(en.id); continue; }
    const zh = /^\p{Script=Han}+$/u.test(tok) ? rubric.elements.filter((e) => tok.includes(e.name)) : [];
    if (zh.length) { for (const e of zh) found.add(e.id); continue; }
    if (FILLER.test(tok)) continue;
    return [];
  }
  return rubric.elements.map((e) => e.id).filter((id) => found.has(id));
}

export async function setupElements(deps: ConversationDeps, s: SessionState, intent: Intent, guess: Locale): Promise<Reply[]> {
  const { rubric } = deps;
  const text = intent.kind === 'digit' ? String(intent.value) : intent.kind === 'text' || intent.kind === 'question' ? intent.text : '';
  // A question is answered, never read as a choice: "零售有哪些方案？" names 零售 but picks nothing.
  if (intent.kind === 'question') return [await answerQuestion(deps, intent.text, s.locale), M.askElements(s.locale, rubric)];
  const nameOf = (id: ElementId) => { const e = rubric.elements.find((x) => x.id === id)!; return s.locale === 'zh' ? e.name : e.nameEn; };
  // A tap on the multiple choice ("+零售") adds (or, tapped again, removes) one element and keeps choosing.
  if (intent.kind === 'pick') {
    const picked = parseElements(rubric, intent.text);
    if (!picked.length) return [M.askElements(s.locale, rubric, s.elements.map(nameOf))];
    for (const id of picked) s.elements = s.elements.includes(id) ? s.elements.filter((x) => x !== id) : [...s.elements, id];
    s.elements = rubric.elements.map((e) => e.id).filter((id) => s.elements.includes(id));
    return [M.askElements(s.locale, rubric, s.elements.map(nameOf))];
  }
  // Elements and mode in one message ("零售 物流 标准", "all quick"): the set-up is done in one step.
  // A mode alone after tapped picks (+零售 +物流, then 标准) keeps the picks.
  const both = intent.kind === 'text' ? withMode(rubric, intent.text, s.elements) : undefined;
  if (both) {
    s.elements = both.elements;
    s.mode = both.mode;
    s.locale = guess;
    const names = both.elements.length === rubric.elements.length ? M.t(s.locale, { zh: '全部要素', en: 'all elements' }) : both.elements.map(nameOf).join(s.locale === 'zh' ? '、' : ', ');
    const lead = M.info(s.locale, { zh: `好的，关注：${names}。`, en: `Got it, focusing on: ${names}.` });
    if (both.mode === 'focus') { s.phase = 'pillar'; return [lead, M.askPillar(s.locale, rubric)]; }
    return [lead, ...startInterview(s, rubric)];
  }
  let chosen: ElementId[] = [];
  if (intent.kind === 'command' && intent.command === 'all') chosen = rubric.elements.map((e) => e.id);
  else if (intent.kind === 'command' && intent.command === 'done') chosen = s.elements.length ? s.elements : rubric.elements.map((e) => e.id);
  else chosen = parseElements(rubric, text);
  if (!chosen.length) {
    return [M.info(s.locale, { zh: '没认出要素。请回复1–11的编号或要素名称（如「零售」），或「全部」；不确定就回复「跳过」。', en: 'I didn’t recognise an element. Reply numbers 1–11 or names (e.g. "retail"), "all", or "skip".' }), M.askElements(s.locale, rubric)];
  }
  s.elements = chosen;
  s.phase = 'mode';
  s.locale = guess;
  const names = chosen.map((id) => rubric.elements.find((e) => e.id === id)!).map((e) => (s.locale === 'zh' ? e.name : e.nameEn));
  return [M.info(s.locale, { zh: `好的，关注：${names.join('、')}。`, en: `Got it, focusing on: ${names.join(', ')}.` }), M.askMode(s.locale)];
}

const MODE_TOKEN: Record<string, Mode> = { 快速: 'quick', 快速版: 'quick', quick: 'quick', 标准: 'standard', 标准版: 'standard', standard: 'standard', 聚焦: 'focus', focus: 'focus' };
const ALL_TOKEN = /^(全部|所有|all|everything)$/;

/** A set-up answer naming a mode beside the elements (none named, or 全部: all of them); else undefined. */
function withMode(rubric: Rubric, text: string, picked: ElementId[] = []): { elements: ElementId[]; mode: Mode } | undefined {
  const tokens = text.normalize('NFKC').toLowerCase().split(/[\s,，、;；/|+&。.!！]+/u).filter(Boolean);
  const modes = tokens.filter((tok) => MODE_TOKEN[tok]);
  if (modes.length !== 1) return undefined;
  const rest = tokens.filter((tok) => !MODE_TOKEN[tok]);
  const all = rubric.elements.map((e) => e.id);
  if (!rest.length) return { elements: picked.length ? picked : all, mode: MODE_TOKEN[modes[0]!]! };
  if (rest.length === 1 && ALL_TOKEN.test(rest[0]!)) return { elements: all, mode: MODE_TOKEN[modes[0]!]! };
  const elements = parseElements(rubric, rest.join(' '));
  return elements.length ? { elements, mode: MODE_TOKEN[modes[0]!]! } : undefined;
}

const MODE_WORDS: Array<[RegExp, Mode]> = [[/^(1|快速|quick|fast)/i, 'quick'], [/^(2|标准|standard|full|完整)/i, 'standard'], [/^(3|聚焦|focus)/i, 'focus']];

export async function setupMode(deps: ConversationDeps, s: SessionState, intent: Intent, guess: Locale): Promise<Reply[]> {
  const raw = intent.kind === 'digit' ? String(intent.value) : intent.kind === 'text' || intent.kind === 'question' ? normaliseCommand(intent.text) : '';
  const mode = MODE_WORDS.find(([re]) => re.test(raw))?.[1];
  if (!mode) {
    if (intent.kind === 'question') return [await answerQuestion(deps, intent.text, s.locale), M.askMode(s.locale)];
    return [M.info(s.locale, { zh: '请回复1（快速）、2（标准）或3（聚焦）。', en: 'Please reply 1 (quick), 2 (standard) or 3 (focus).' }), M.askMode(s.locale)];
  }
  s.mode = mode;
  s.locale = guess;
  if (mode === 'focus') { s.phase = 'pillar'; return [M.askPillar(s.locale, deps.rubric)]; }
  return startInterview(s, deps.rubric);
}

export async function setupPillar(deps: ConversationDeps, s: SessionState, intent: Intent, guess: Locale): Promise<Reply[]> {
  const { rubric } = deps;
  const raw = intent.kind === 'digit' ? String(intent.value) : intent.kind === 'text' || intent.kind === 'question' ? intent.text : '';
  const p = rubric.pillars.find((x) => raw.trim() === String(x.id) || raw.includes(x.name) || raw.trim() === x.note || raw.toLowerCase().includes(x.nameEn.toLowerCase()));
  if (!p) {
    if (intent.kind === 'question') return [await answerQuestion(deps, intent.text, s.locale), M.askPillar(s.locale, rubric)];
    return [M.info(s.locale, { zh: '请回复1–5选择一个部曲。', en: 'Please reply 1–5 to pick a pillar.' }), M.askPillar(s.locale, rubric)];
  }
  s.focusPillar = p.id;
  s.locale = guess;
  return startInterview(s, rubric);
}

export function startInterview(s: SessionState, rubric: Rubric): Reply[] {
  s.queue = planQueue(s.mode!, s.focusPillar);
  s.index = 0;
  s.phase = 'interview';
  const mode = M.t(s.locale, M.MODE_NAMES[s.mode!]);
  return [M.info(s.locale, { zh: `开始${mode}评估，共${s.queue.length}题。点选一级，或直接用一句话说说现状（「帮助」看用法）。`, en: `Starting the ${mode} assessment: ${s.queue.length} questions. Tap a level or describe your situation in a sentence ("help" for more).` }), M.question(s, rubric)];
}

