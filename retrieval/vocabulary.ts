import { ELEMENT_GLOSSARY, INDICATOR_GLOSSARY, LEVEL_GLOSSARY, PILLAR_GLOSSARY } from '../knowledge/glossary.js';
import { LEVEL_LABELS } from '../knowledge/types.js';
import type { ElementId, IndicatorId, PillarId, Rubric } from '../knowledge/types.js';
import { EN_LEXICON } from './en-lexicon.js';
import { EN_TERMS } from './en-terms.js';

/**
 * The rubric's own vocabulary: whole terms for the tokenizer, and the English → Chinese map
 * that lets "data governance" find 治理与管控. Both derive from the rubric so a re-parse of the
 * whitepaper updates them without code changes.
 */
export type EnglishMap = ReadonlyArray<{ re: RegExp; chinese: string; needle: string }>;

/** Names that must survive segmentation whole: indicators, elements, solutions, bottlenecks, capabilities. */
export function rubricTerms(rubric: Rubric): string[] {
  const terms: string[] = [];
  for (const p of rubric.pillars) {
    terms.push(p.name);
    for (const ind of p.indicators) terms.push(ind.name);
  }
  for (const e of rubric.elements) {
    terms.push(e.name, e.title, ...e.bottlenecks.map((b) => b.title), ...e.directions.map((d) => d.capability));
  }
  terms.push(...rubric.solutions.map((s) => s.name), ...rubric.crossElement.names);
  terms.push(...rubric.products.flatMap((p) => p.names), ...LEVEL_LABELS);
  // Solution names like 基于大数据的门店选址方案 also stand for their core (门店选址).
  terms.push(...rubric.solutions.map((s) => s.name.replace(/^基于.+?的/, '').replace(/方案$/, '')));
  // The whitepaper's own coinages, which the general dictionary splits (数智化 → 数 / 智 / 化).
  terms.push('数智化', '数智', '数智化转型', '全链路', '五部曲', '云化', '在线化', '数据化', '智能化', '数字化', '触点');
  return terms.filter((t) => t.length >= 2);
}

function phraseRegex(phrase: string): RegExp {
  const body = phrase.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+');
  return new RegExp(`(^|[^a-z0-9])${body}(?:e?s)?(?=$|[^a-z0-9])`, 'g');
}

/** The longest literal piece of a phrase: a cheap substring test that must pass before its regex can match. */
function longestPart(phrase: string): string {
  return phrase.split(/[\s-]+/).reduce((a, b) => (b.length > a.length ? b : a), '');
}

/**
 * `names` (default on) maps the English names and aliases of pillars, indicators and elements to
 * their Chinese names: right for finding a section, noise when placing an answer within one indicator.
 */
export function buildEnglishMap(rubric: Rubric, opts: { names?: boolean; lexicon?: boolean } = {}): EnglishMap {
  const names = opts.names ?? true;
  const map = new Map<string, Set<string>>();
  const add = (phrase: string, chinese: string) => {
    const k = phrase.trim().toLowerCase();
    if (k.length < 2) return;
    if (!map.has(k)) map.set(k, new Set());
    for (const c of chinese.split(/\s+/)) if (c) map.get(k)!.add(c);
  };
  for (const p of rubric.pillars) {
    const g = PILLAR_GLOSSARY[p.id as PillarId];
    if (names) for (const ph of [p.nameEn, g.en, ...g.aliases]) add(ph, p.name);
    for (const ind of p.indicators) {
      const gi = INDICATOR_GLOSSARY[ind.id as IndicatorId];
      if (names) for (const ph of [ind.nameEn, gi.en, ...gi.aliases]) add(ph, ind.name);
      for (const l of ind.levels) add(l.labelEn, l.label);
    }
  }
  for (const [lvl, g] of Object.entries(LEVEL_GLOSSARY)) {
    for (const ph of [g.en, ...g.aliases]) add(ph, LEVEL_LABELS[Number(lvl) - 1]!);
  }
  for (const e of rubric.elements) {
    const g = ELEMENT_GLOSSARY[e.id as ElementId];
    if (names) for (const ph of [e.nameEn, g.en, ...g.aliases]) add(ph, `${e.name} ${e.title}`);
  }
  for (const [phrase, chinese] of EN_TERMS) add(phrase, chinese);
  // `lexicon: false` is the eval's ablation of the whitepaper lexicon (knowledge/data/en-lexicon.tsv).
  if (opts.lexicon ?? true) for (const [phrase, chinese] of EN_LEXICON) add(phrase, chinese);
  // Longest phrases first, so "data governance" is consumed before "data".
  return [...map.entries()]
    .sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))
    .map(([phrase, zh]) => ({ re: phraseRegex(phrase), chinese: [...zh].join(' '), needle: longestPart(phrase) }));
}

const LEVEL_RE = /(^|[^a-z0-9])(?:level|stage|l)\s*([1-5])(?=$|[^0-9])/g;

/**
 * The phrases that can match a text, by their needle (longest part): a phrase matches only where
 * its needle is a whole alphanumeric run of the text (the last part may carry a plural "s"/"es"),
 * so a query checks the phrases of its own words instead of testing thousands of needles.
 * Needles that are not plain alphanumerics are always checked.
 */
interface NeedleIndex { byNeedle: Map<string, number[]>; always: number[] }
const needleIndexes = new WeakMap<EnglishMap, NeedleIndex>();

function needleIndex(map: EnglishMap): NeedleIndex {
  let ix = needleIndexes.get(map);
  if (ix) return ix;
  ix = { byNeedle: new Map(), always: [] };
  map.forEach(({ needle }, i) => {
    if (!/^[a-z0-9]+$/.test(needle)) ix!.always.push(i);
    else if (ix!.byNeedle.has(needle)) ix!.byNeedle.get(needle)!.push(i);
    else ix!.byNeedle.set(needle, [i]);
  });
  needleIndexes.set(map, ix);
  return ix;
}

function candidatePhrases(text: string, map: EnglishMap): number[] {
  const { byNeedle, always } = needleIndex(map);
  const found = new Set(always);
  for (const run of new Set(text.match(/[a-z0-9]+/g) ?? [])) {
    for (const key of [run, run.endsWith('s') ? run.slice(0, -1) : '', run.endsWith('es') ? run.slice(0, -2) : '']) {
      for (const i of (key && byNeedle.get(key)) || []) found.add(i);
    }
  }
  // In map order: longest phrases first, as the blanking below relies on.
  return [...found].sort((a, b) => a - b);
}

/**
 * The Chinese terms an English query stands for, or '' when it has no Latin words. Matched
 * spans are blanked so a long phrase does not also fire its parts. `scanAll` tests every phrase
 * (the reference the needle index must agree with).
 */
export function englishExpansion(query: string, map: EnglishMap, opts: { scanAll?: boolean } = {}): string {
  let text = query.toLowerCase();
  if (!/[a-z]{2}/.test(text)) return '';
  const out: string[] = [];
  text = text.replace(LEVEL_RE, (_m, pre: string, n: string) => {
    out.push(`${n}级 ${LEVEL_LABELS[Number(n) - 1]}`);
    return pre + ' ';
  });
  const phrases = opts.scanAll ? map.map((_, i) => i) : candidatePhrases(text, map);
  for (const i of phrases) {
    const { re, chinese, needle } = map[i]!;
    // Skip the regex unless the phrase's longest word still occurs (an earlier phrase may have blanked it).
    if (!text.includes(needle)) continue;
    re.lastIndex = 0;
    if (!re.test(text)) continue;
    out.push(chinese);
    text = text.replace(re, (_m, pre: string) => pre + ' ');
  }
  return out.join(' ');
}
