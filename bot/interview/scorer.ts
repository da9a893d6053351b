import { indicatorOf } from '../../knowledge/load.js';
import type { IndicatorId, Level, Rubric } from '../../knowledge/types.js';
import { explicitLevel, isInjection, readCues, topClaims, type CueReading } from './cues.js';
import { contentKind, type ContentKind } from './content.js';
import { readClauses, type ClauseSignal } from './clauses.js';
import { answerLength, calibratedConfidence, CALIBRATION, levelProbabilities } from './confidence.js';
import { toSimplified } from '../../retrieval/simplified.js';
import { SCORER_TUNING } from '../../knowledge/scorer-tuning.js';
import type { LevelSimilarity } from './similarity.js';

/**
 * The offline scorer: places a free-text answer on the five levels of one indicator from
 * (a) its similarity to each level descriptor read with its everyday phrasings, (b) the rubric-wide
 * level language, (c) cue words with negation, (d) the retriever's dense similarity to the five level
 * passages, (e) its similarity to answers already settled at each level, and (f) an explicit
 * self-assessment (三级, level 3). Text without rubric content never gets a level.
 */
export interface ScoreResult {
  indicator: IndicatorId;
  /** Absent when the text holds nothing to assess. */
  level?: Level;
  /** 0..1: the calibrated probability that the chosen level is right (bot/interview/confidence.ts). */
  confidence: number;
  /** All five levels with their scores, best first. */
  candidates: Array<{ level: Level; score: number }>;
  /** The matched descriptor, quoted as evidence. */
  evidence?: string;
  reason: 'content' | 'explicit' | 'no-content' | 'injection';
  /** The chosen level's softmax share before calibration, and the answer's closest settled-answer similarity. */
  share?: number;
  familiarity?: number;
  /** What the clause reader saw (an abandoned trial, an incident, a need, all but one…), and any ceiling it set. */
  signals?: ClauseSignal[];
  ceiling?: Level;
}

export interface Scorer {
  score(indicator: IndicatorId, answer: string): Promise<ScoreResult>;
  /**
   * The same scorer with the settled answers of these sources left out as examples: the eval scores
   * each data file this way, so no answer is ever scored against itself.
   */
  holdingOut?(sources: ReadonlySet<string>): Scorer;
}

/** The retriever's own view of an answer against named passages (its dense LSA or model vectors). */
export type PassageScorer = (answer: string, ids: string[]) => Promise<Array<{ dense: number }>>;

export interface ScorerWeights {
  similarity: number;
  /** Weight of the rubric-wide level language. */
  language: number;
  /** Weight of the retriever's dense similarity to the five level passages. */
  retrieval: number;
  /** Exponent on the relative descriptor similarity: above 1 favours the single best match. */
  sharpness: number;
  cues: number;
  /** Width of the ordinal spread of a cue onto neighbouring levels. */
  spread: number;
  /** Weight of the similarity to settled answers of the same indicator (knowledge/examples.ts). */
  examples: number;
  /** Weight of the clause reader's signals (bot/interview/clauses.ts); 0 switches it off. */
  clauses: number;
  /**
   * Factor on the cue weight for an answer with no Chinese: its descriptor and settled-answer similarity
   * go through the English map and lose detail, while the English cue words read it directly.
   */
  englishCues: number;
}

/** Tuned on development data only; the figures and what was tried are in knowledge/data/scorer.json. */
export const DEFAULT_WEIGHTS: ScorerWeights = (({ about: _, ...w }) => w)(SCORER_TUNING.weights);

/**
 * Confidence at or above which the interview proposes a level outright instead of following up: the
 * confidence at which ≥ 90 % of proposals were right on the development data (knowledge/data/calibration.json).
 */
export const PROPOSAL_CONFIDENCE = CALIBRATION.threshold;
const LEVELS: Level[] = [1, 2, 3, 4, 5];
/** How much ground each level above a clause-read ceiling loses. */
const CEILING_PENALTY = SCORER_TUNING.ceilingPenalty.value;

export function createOfflineScorer(rubric: Rubric, similarity: LevelSimilarity, weights: ScorerWeights = DEFAULT_WEIGHTS, passages?: PassageScorer, without?: ReadonlySet<string>): Scorer {
  return {
    async score(indicator, answer) {
      // Only answers with content are worth a retrieval pass; the rest get no level anyway.
      const seen = screen(answer);
      const dense = passages && seen.content && !seen.injection
        ? (await passages(answer.slice(0, 2000), [1, 2, 3, 4, 5].map((l) => `lvl:${indicator}:${l}`))).map((p) => p.dense)
        : undefined;
      return scoreAnswer(rubric, similarity, indicator, answer, weights, dense, seen, without);
    },
    holdingOut: (sources) => createOfflineScorer(rubric, similarity, weights, passages, sources),
  };
}

/** What an answer offers before any ranking: an injection attempt, an explicit level, rubric content. */
export interface Screened { text: string; injection: boolean; explicit?: Level; content: boolean; kind: ContentKind }

export function screen(answer: string): Screened {
  // Traditional characters read as simplified: the rubric, hints and examples are written in simplified.
  // Typographic apostrophes (don’t, couldn’t) read as ASCII ones, which every English negation word is written with.
  const text = toSimplified(answer.normalize('NFKC').replace(/[\u2018\u2019\u02bc]/gu, "'").trim());
  const kind = contentKind(text);
  return { text, injection: isInjection(text), explicit: explicitLevel(text), content: kind === 'content', kind };
}

/** How close plain prose must come to one of the indicator's level texts, or settled answers, to count as an answer. */
const PLAIN_ANSWER_SIMILARITY = SCORER_TUNING.plainAnswer.descriptors;
const PLAIN_ANSWER_EXAMPLE_SIMILARITY = SCORER_TUNING.plainAnswer.examples;

export function scoreAnswer(rubric: Rubric, similarity: LevelSimilarity, indicator: IndicatorId, answer: string, w: ScorerWeights = DEFAULT_WEIGHTS, dense?: number[], seen = screen(answer), without?: ReadonlySet<string>): ScoreResult {
  const ind = indicatorOf(rubric, indicator);
  const { text, explicit, content } = seen;
  const none = (reason: ScoreResult['reason']): ScoreResult => ({
    indicator, confidence: 0, reason, candidates: LEVELS.map((level) => ({ level, score: 0 })),
  });
  if (seen.injection) return none('injection');
  if (!content && !explicit && seen.kind !== 'plain') return none('no-content');

  const sims = similarity(indicator, text);
  // Plain words with no business vocabulary are an answer only when they echo this indicator's level
  // texts or answers already settled for it.
  const settled = w.examples ? similarity.examples(indicator, text, without) : [0, 0, 0, 0, 0];
  // Clause by clause: what is only wanted or was given up is no capability, and its words are no cue.
  const reading = w.clauses ? readClauses(text) : undefined;
  // Plain words that the clause reader reads as a clear state ("完全没有…", "试了一次就没再用") are an answer too.
  const clear = Boolean(reading?.signals.length) && text.length >= SCORER_TUNING.plainAnswer.clearMinLength;
  if (!content && !explicit && !clear && Math.max(...sims) < PLAIN_ANSWER_SIMILARITY && Math.max(...settled) < PLAIN_ANSWER_EXAMPLE_SIMILARITY) return none('no-content');
  const cues = withTopClaims(localiseCues(readCues(reading?.actual || text), similarity.levelTexts(indicator),
    ind.levels.map((l) => l.text)), reading?.actual || text, ind.levels[4]!.text);
  // A capped claim ("其他业务还没用", "not fully") cannot be 体系成熟, however close its wording comes.
  if (cues.capped && w.cues) sims[4]! *= SCORER_TUNING.cappedTopSimilarity.value;
  const simMax = Math.max(...sims, 1e-9);
  // Each cue also lends weight to its neighbours: people rarely land exactly on a descriptor.
  const cueScore = LEVELS.map((l) => cues.perLevel.reduce((sum, v, k) => sum + v * Math.exp(-((l - (k + 1)) ** 2) / w.spread), 0));
  const lang = similarity.language(text);
  const cueWeight = /\p{Script=Han}/u.test(text) ? w.cues : w.cues * w.englishCues;
  const scores = LEVELS.map((l, k) => w.similarity * (sims[k]! / simMax) ** w.sharpness * Math.min(1, simMax * 4) + cueWeight * cueScore[k]! + w.language * lang[k]! + w.retrieval * (dense?.[k] ?? 0) + w.examples * settled[k]!);
  if (reading) {
    reading.perLevel.forEach((x, k) => { scores[k]! += w.clauses * x; });
    // A ceiling the words set (an outage story is no 4): each level above it loses ground.
    if (reading.ceiling) for (let l = reading.ceiling + 1; l <= 5; l++) scores[l - 1]! -= CEILING_PENALTY * (l - reading.ceiling);
  }
  // Level 5 is a claim of maturity (闭环, 体系, 持续优化, ecosystem: a level-5 cue). Without one, a write-up reaches 5
  // by many weak resemblances of its topic words (知识图谱, 可视化) to the level-5 texts and settled answers, which
  // a vocabulary-rich passage shows whatever its level: a top level no cue claims must then beat 4 by a margin,
  // or it reads as 4 (the two swap, so the reading stays adjacent and the confidence keeps its share).
  if (w.cues && !(cues.perLevel[4]! > 0)) {
    const [s4, s5] = [scores[3]!, scores[4]!];
    if (s5 >= Math.max(...scores) && s5 - s4 < SCORER_TUNING.unclaimedTop.value) [scores[3], scores[4]] = [s5, s4];
  }
  // Level 4 is a claim too: of a standard, unification or most of the business (统一, 大部分, 数对得上: a level-4
  // cue) or breadth the clause reader reads (broad-live, all but one). Without any such claim at 4 or 5, a 4 that
  // tops a 3 by a hair is topic words again, and the two swap (real dev: gold 3 read as 4 was the largest error).
  if (w.cues && !(cues.perLevel[3]! > 0) && !(cues.perLevel[4]! > 0) && !((reading?.perLevel[3] ?? 0) > 0)) {
    const [s3, s4] = [scores[2]!, scores[3]!];
    if (s4 >= Math.max(...scores) && s4 - s3 < SCORER_TUNING.unclaimedFour.value) [scores[2], scores[3]] = [s4, s3];
  }
  if (explicit) scores[explicit - 1]! += SCORER_TUNING.explicitBonus.value;

  const ranked = LEVELS.map((level, k) => ({ level, score: round(scores[k]!) })).sort((a, b) => b.score - a.score || a.level - b.level);
  const best = ranked[0]!;
  // A calibrated probability (bot/interview/confidence.ts): "0.8" is right about 80 % of the time on development data.
  const share = levelProbabilities(scores)[best.level - 1]!;
  const familiarity = Math.max(0, ...settled);
  const confidence = explicit && !content ? share : calibratedConfidence(share, familiarity, answerLength(text));
  return {
    indicator,
    level: best.level,
    confidence: round(confidence),
    candidates: ranked,
    evidence: ind.levels[best.level - 1]!.text,
    reason: explicit && !content ? 'explicit' : 'content',
    share: round(share), familiarity: round(familiarity),
    ...(reading?.signals.length ? { signals: reading.signals } : {}),
    ...(reading?.ceiling ? { ceiling: reading.ceiling } : {}),
  };
}

/**
 * Cue words are indicator-agnostic: 手工做 reads as level 1 anywhere. But where this indicator's own
 * level texts (descriptor and everyday phrasings) use the cue at exactly one other level — 5.1 puts
 * 手工做报表 at level 3 — the rubric knows better, and the cue's weight moves to that level. The descriptors
 * are read first: they are the authority, and a hint at a neighbouring level ("单点尝试" at 2 of 5.2, whose
 * level-3 descriptor says 尝试了人工智能技术) must not cancel what the descriptor itself says.
 */
export function localiseCues(cues: CueReading, texts: string[], descriptors: string[] = []): CueReading {
  const perLevel = [...cues.perLevel];
  const levelsWith = (xs: string[], cue: string) =>
    xs.flatMap((t, k) => (t.toLowerCase().includes(cue) ? [k + 1] : []));
  for (const hit of cues.hits) {
    const cue = hit.cue.toLowerCase().trim();
    if (cue.length < 2) continue;
    const inDescriptors = levelsWith(descriptors, cue);
    const found = inDescriptors.length ? inDescriptors : levelsWith(texts, cue);
    if (found.length !== 1 || found[0] === hit.level) continue;
    perLevel[hit.level - 1]! -= hit.weight;
    perLevel[found[0]! - 1]! += hit.weight;
  }
  return { ...cues, perLevel };
}

/** Adds the level-5 claims the indicator's top descriptor asks for (a magnitude, an outward offer…: cues.ts). */
function withTopClaims(cues: CueReading, text: string, topDescriptor: string): CueReading {
  const hits = topClaims(text, topDescriptor);
  if (!hits.length) return cues;
  const perLevel = [...cues.perLevel];
  for (const h of hits) perLevel[h.level - 1]! += h.weight;
  return { ...cues, hits: [...cues.hits, ...hits], perLevel };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
