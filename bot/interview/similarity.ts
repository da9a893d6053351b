import { allIndicators } from '../../knowledge/load.js';
import type { IndicatorId, Level, Rubric } from '../../knowledge/types.js';
import { segments } from './negation.js';
import { LEVEL_HINTS } from '../../knowledge/level-hints.js';
import type { LevelExample } from '../../knowledge/examples.js';
import { createTokenizer, type Tokenizer } from '../../retrieval/tokenize.js';
import { buildEnglishMap, englishExpansion, rubricTerms, type EnglishMap } from '../../retrieval/vocabulary.js';

/**
 * Similarity of an answer to the five level descriptors of one indicator: TF-IDF cosine over
 * jieba words and Han bigrams, with IDF taken over all 125 descriptors so the terms that set a
 * level apart (灾备, 异地多活, 试点) weigh more than the words every descriptor shares (企业, 能力).
 * English answers are mapped to the rubric's Chinese terms first.
 */
export interface LevelSimilarity {
  /** Cosine similarity of the answer to each of the indicator's five descriptors. */
  (indicator: IndicatorId, answer: string): number[];
  /** Affinity of the answer to each level's wording across the whole rubric. */
  language: LevelLanguage;
  /**
   * Per level, the mean cosine of the answer to its two closest settled answers of this indicator
   * (knowledge/examples.ts); sources in `without` are left out. All zero without examples.
   */
  examples: (indicator: IndicatorId, answer: string, without?: ReadonlySet<string>) => number[];
  /** Each level's descriptor and everyday phrasings, lower-cased and joined with ｜, as read above. */
  levelTexts: (indicator: IndicatorId) => string[];
  /** Vectorises every indicator's settled answers now, instead of on each indicator's first answer. */
  prepare: () => void;
}

/** How many of the closest settled answers of a level count towards its example similarity. */
const EXAMPLE_NEIGHBOURS = 2;

/**
 * How each level is worded across all 25 indicators: the log-odds of a term in the 25 level-L
 * descriptors against the other levels. It learns the rubric's own level language (尝试 → 2,
 * 统一 → 4, 完善/体系 → 5) from the whitepaper instead of a hand-written list.
 */
export type LevelLanguage = (answer: string) => number[];

type Vec = Map<string, number>;

export function createLevelSimilarity(rubric: Rubric, tokenizer?: Tokenizer, hints = true, settled: readonly LevelExample[] = [], opts: { lexicon?: boolean } = {}): LevelSimilarity {
  const tok = tokenizer ?? createTokenizer({ terms: rubricTerms(rubric) });
  // Without the rubric's names: for one indicator, "backup" → 业务连续性 (its own name) says nothing about the level.
  const en: EnglishMap = buildEnglishMap(rubric, { names: false, lexicon: opts.lexicon });
  // Terms inside a negation's scope are their own features (!w:灾备), matching negated descriptors.
  const terms = (text: string) => segments(text).flatMap((seg) => {
    const t = tok.tokens(seg.text);
    const p = seg.negated ? '!' : '';
    return [...t.words.map((w) => p + 'w:' + w), ...t.bigrams.map((b) => p + 'b:' + b)];
  });
  // Each clause carries its own Chinese terms, so "no central storage" keeps its negation scope.
  const withChinese = (text: string) => (/\p{Script=Han}/u.test(text) ? text
    : text.split(/(?<=[,;.!?:\n—–-])\s+|(?<=[;:—–])/u).map((cl) => cl.replace(/[\s,;.!?:—–-]*$/u, (end) => ` ${englishExpansion(cl, en)}${end}`)).join('\n'));
  // One answer is read three ways (descriptors, level language, settled answers): tokenise it once.
  let last: { answer: string; terms: string[] } | undefined;
  const answerTerms = (answer: string) => {
    if (last?.answer !== answer) last = { answer, terms: terms(withChinese(answer)) };
    return last.terms;
  };
  const docs = new Map<IndicatorId, string[][]>();
  const texts = new Map<IndicatorId, string[]>();
  const df = new Map<string, number>();
  let n = 0;
  for (const ind of allIndicators(rubric)) {
    // Each descriptor is read together with its everyday phrasings (knowledge/level-hints.ts), so
    // "异地多活" or "active-active" meets the level-5 text that only says 完善的业务连续性策略.
    const hintsOf = (level: Level) => (hints ? LEVEL_HINTS[ind.id][level] : undefined);
    const levelTerms = ind.levels.map((l) => {
      const h = hintsOf(l.level);
      return terms(h ? `${l.text}。${h.zh.join('，')}。${h.en.join(', ')}` : l.text);
    });
    texts.set(ind.id, ind.levels.map((l) => {
      const h = hintsOf(l.level);
      return [l.text, ...(h ? [...h.zh, ...h.en] : [])].join('｜').toLowerCase();
    }));
    docs.set(ind.id, levelTerms);
    for (const d of levelTerms) {
      n++;
      for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  const idf = (t: string) => Math.log(1 + n / (df.get(t) ?? 0.5));
  const vec = (ts: string[]): Vec => {
    const v: Vec = new Map();
    for (const t of ts) v.set(t, (v.get(t) ?? 0) + 1);
    let norm = 0;
    for (const [t, f] of v) { const w = (1 + Math.log(f)) * idf(t); v.set(t, w); norm += w * w; }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  };
  const language: LevelLanguage = (() => {
    const counts = [0, 1, 2, 3, 4].map(() => new Map<string, number>());
    for (const ds of docs.values()) ds.forEach((d, k) => { for (const t of new Set(d)) counts[k]!.set(t, (counts[k]!.get(t) ?? 0) + 1); });
    const weights = new Map<string, number[]>();
    const alpha = 1;
    for (const t of new Set(counts.flatMap((m) => [...m.keys()]))) {
      const c = counts.map((m) => m.get(t) ?? 0);
      const total = c.reduce((a, b) => a + b, 0);
      if (total < 2) continue; // a term of one descriptor says nothing about levels in general
      weights.set(t, c.map((x) => Math.log((x + alpha) / ((total - x) / 4 + alpha))));
    }
    return (answer: string) => {
      const ts = answerTerms(answer);
      const out = [0, 0, 0, 0, 0];
      for (const t of ts) { const w = weights.get(t); if (w) for (let k = 0; k < 5; k++) out[k]! += w[k]!; }
      const norm = Math.sqrt(ts.length || 1);
      return out.map((x) => x / norm);
    };
  })();
  const levelVecs = new Map<IndicatorId, Vec[]>([...docs].map(([id, ds]) => [id, ds.map(vec)]));
  const similarity = (indicator: IndicatorId, answer: string) => {
    const q = vec(answerTerms(answer));
    return levelVecs.get(indicator)!.map((d) => {
      let dot = 0;
      for (const [t, w] of q) dot += w * (d.get(t) ?? 0);
      return dot;
    });
  };
  // Vectorised per indicator on first use, or all at once by prepare() while the process is idle: a
  // thousand answers cost a quarter second, which neither the start nor one person's answer should wait for.
  const exampleVecs = new Map<IndicatorId, Array<Array<{ source: string; v: Vec }>>>();
  const examplesOf = (indicator: IndicatorId) => {
    let byLevel = exampleVecs.get(indicator);
    if (!byLevel) {
      byLevel = [[], [], [], [], []];
      for (const e of settled) if (e.indicator === indicator) byLevel[e.level - 1]!.push({ source: e.source, v: vec(terms(withChinese(e.answer))) });
      exampleVecs.set(indicator, byLevel);
    }
    return byLevel;
  };
  const examples = (indicator: IndicatorId, answer: string, without?: ReadonlySet<string>) => {
    if (!settled.length) return [0, 0, 0, 0, 0];
    const q = vec(answerTerms(answer));
    const byLevel = examplesOf(indicator);
    return [1, 2, 3, 4, 5].map((l) => {
      const sims = byLevel[l - 1]!
        .filter((e) => !without?.has(e.source))
        .map((e) => { let dot = 0; for (const [t, w] of q) dot += w * (e.v.get(t) ?? 0); return dot; })
        .sort((a, b) => b - a)
        .slice(0, EXAMPLE_NEIGHBOURS);
      return sims.reduce((a, b) => a + b, 0) / EXAMPLE_NEIGHBOURS;
    });
  };
  const prepare = () => { for (const ind of allIndicators(rubric)) examplesOf(ind.id); };
  return Object.assign(similarity, { language, examples, levelTexts: (indicator: IndicatorId) => texts.get(indicator)!, prepare });
}
