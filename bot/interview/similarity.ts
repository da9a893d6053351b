import { allIndicators } from '../../knowledge/load.js';
import type { IndicatorId, Rubric } from '../../knowledge/types.js';
import { segments } from './negation.js';
import { createTokenizer, type Tokenizer } from '../../retrieval/tokenize.js';
import { buildEnglishMap, englishExpansion, rubricTerms, type EnglishMap } from '../../retrieval/vocabulary.js';

/**
 * Similarity of an answer to the five level descriptors of one indicator: TF-IDF cosine over
 * jieba words and Han bigrams, with IDF taken over all 125 descriptors so the terms that set a
 * level apart (灾备, 异地多活, 试点) weigh more than the words every descriptor shares (企业, 能力).
 * English answers are mapped to the rubric's Chinese terms first.
 */
export type LevelSimilarity = (indicator: IndicatorId, answer: string) => number[];

type Vec = Map<string, number>;

export function createLevelSimilarity(rubric: Rubric, tokenizer?: Tokenizer): LevelSimilarity {
  const tok = tokenizer ?? createTokenizer({ terms: rubricTerms(rubric) });
  const en: EnglishMap = buildEnglishMap(rubric);
  // Terms inside a negation's scope are their own features (!w:灾备), matching negated descriptors.
  const terms = (text: string) => segments(text).flatMap((seg) => {
    const t = tok.tokens(seg.text);
    const p = seg.negated ? '!' : '';
    return [...t.words.map((w) => p + 'w:' + w), ...t.bigrams.map((b) => p + 'b:' + b)];
  });
  const docs = new Map<IndicatorId, string[][]>();
  const df = new Map<string, number>();
  let n = 0;
  for (const ind of allIndicators(rubric)) {
    const levelTerms = ind.levels.map((l) => terms(l.text));
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
  const levelVecs = new Map<IndicatorId, Vec[]>([...docs].map(([id, ds]) => [id, ds.map(vec)]));
  const withChinese = (text: string) => (/\p{Script=Han}/u.test(text) ? text : `${text} ${englishExpansion(text, en)}`);
  return (indicator, answer) => {
    const q = vec(terms(withChinese(answer)));
    return levelVecs.get(indicator)!.map((d) => {
      let dot = 0;
      for (const [t, w] of q) dot += w * (d.get(t) ?? 0);
      return dot;
    });
  };
}
