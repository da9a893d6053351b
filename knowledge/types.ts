import { z } from 'zod';

/** The five pillars (五部曲), in the whitepaper's order 1 基础设施云化 … 5 决策智能化. */
export type PillarId = 1 | 2 | 3 | 4 | 5;
export type IndicatorId = `${PillarId}.${PillarId}`;
export type Level = 1 | 2 | 3 | 4 | 5;
/** The pentatonic notes the whitepaper writes the pillars as (宫 = pillar 1 … 羽 = pillar 5). */
export type Note = '宫' | '商' | '角' | '徵' | '羽';
export type ElementId =
  | 'brand' | 'product' | 'manufacturing' | 'channel' | 'marketing' | 'retail'
  | 'service' | 'logistics' | 'finance' | 'organization' | 'technology';

export const PILLAR_IDS = [1, 2, 3, 4, 5] as const;
export const LEVELS = [1, 2, 3, 4, 5] as const;
export const NOTES: readonly Note[] = ['宫', '商', '角', '徵', '羽'];
export const LEVEL_LABELS = ['能力缺失', '尝试探索', '浅层应用', '深度掌握', '体系成熟'] as const;
/** Element ids in the whitepaper's order, with their Chinese names. */
export const ELEMENTS: ReadonlyArray<{ id: ElementId; name: string }> = [
  { id: 'brand', name: '品牌' }, { id: 'product', name: '商品' }, { id: 'manufacturing', name: '制造' },
  { id: 'channel', name: '渠道' }, { id: 'marketing', name: '营销' }, { id: 'retail', name: '零售' },
  { id: 'service', name: '服务' }, { id: 'logistics', name: '物流' }, { id: 'finance', name: '金融' },
  { id: 'organization', name: '组织' }, { id: 'technology', name: '技术' },
];

const pillarId = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const level = pillarId;
const indicatorId = z.string().regex(/^[1-5]\.[1-5]$/, 'indicator id like 1.1 … 5.5') as unknown as z.ZodType<IndicatorId>;
const elementId = z.enum(ELEMENTS.map((e) => e.id) as [ElementId, ...ElementId[]]);
const cleanText = z.string().min(1).refine((s) => !/[\u4e00-\u9fff][ \t\u00a0\u3000]+[\u4e00-\u9fff]/u.test(s), {
  message: 'text keeps a space between two Chinese characters',
});

export const LevelDescriptorSchema = z.object({
  level,
  label: z.enum(LEVEL_LABELS),
  labelEn: z.string().min(1),
  text: cleanText,
});
export const IndicatorSchema = z.object({
  id: indicatorId,
  pillar: pillarId,
  name: cleanText,
  nameEn: z.string().min(1),
  description: cleanText,
  levels: z.array(LevelDescriptorSchema).length(5),
});
export const PillarSchema = z.object({
  id: pillarId,
  name: cleanText,
  nameEn: z.string().min(1),
  note: z.enum(['宫', '商', '角', '徵', '羽']),
  /** The section heading's claim, e.g. 以先进技术夯实数智化转型的核心能力底座. */
  tagline: cleanText.optional(),
  definition: cleanText,
  indicators: z.array(IndicatorSchema).length(5),
});
export const DirectionSchema = z.object({ capability: cleanText, pillars: z.array(pillarId) });
export const ElementSchema = z.object({
  id: elementId,
  name: cleanText,
  nameEn: z.string().min(1),
  /** The section title, e.g. 品牌数智化. */
  title: cleanText,
  summary: cleanText,
  bottlenecks: z.array(z.object({ title: cleanText, text: cleanText })).min(3),
  /** Capability directions (数智能力提升方向); pillars is empty where the whitepaper maps none. */
  directions: z.array(DirectionSchema),
});
export const SolutionSchema = z.object({ pillar: pillarId, element: elementId, name: cleanText });
export const ProductsSchema = z.object({ pillar: pillarId, names: z.array(cleanText) });
export const CaseSchema = z.object({ id: z.number().int().min(1), title: cleanText, section: cleanText });
export const SectionSchema = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), title: cleanText, text: cleanText });

export const RubricSchema = z.object({
  source: z.object({ file: z.string(), sha256: z.string().length(64) }),
  pillars: z.array(PillarSchema).length(5),
  elements: z.array(ElementSchema).length(11),
  solutions: z.array(SolutionSchema).min(1),
  /** The cross-element 基础设施云化 row of the solution matrix. */
  crossElement: z.object({ pillar: z.literal(1), names: z.array(cleanText).min(1) }),
  products: z.array(ProductsSchema),
  cases: z.array(CaseSchema).length(5),
  sections: z.array(SectionSchema).min(1),
});

export type LevelDescriptor = z.infer<typeof LevelDescriptorSchema> & { level: Level };
export type Indicator = Omit<z.infer<typeof IndicatorSchema>, 'levels' | 'pillar'> & {
  id: IndicatorId; pillar: PillarId; levels: LevelDescriptor[];
};
export type Pillar = Omit<z.infer<typeof PillarSchema>, 'indicators' | 'id'> & { id: PillarId; indicators: Indicator[] };
export type Element = z.infer<typeof ElementSchema>;
export type Solution = z.infer<typeof SolutionSchema>;
export type CaseStudy = z.infer<typeof CaseSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type Rubric = Omit<z.infer<typeof RubricSchema>, 'pillars'> & { pillars: Pillar[] };

// ── Product knowledge kept as data (knowledge/data/): schemas of the files the scorer and retriever read ──

const levelKey = z.enum(['1', '2', '3', '4', '5']);
/** Everyday phrasings of one level descriptor: short Chinese phrases an employee says, English a consultant uses. */
export const LevelHintSchema = z.strictObject({
  zh: z.array(z.string().min(2).max(12)).min(1),
  en: z.array(z.string().min(2)).min(1),
});
/** knowledge/data/level-hints.json: every indicator × all five levels. */
export const LevelHintsSchema = z.record(
  z.string().regex(/^[1-5]\.[1-5]$/),
  z.record(levelKey, LevelHintSchema).refine((r) => Object.keys(r).length === 5, 'hints at all five levels'),
);
export type LevelHint = z.infer<typeof LevelHintSchema>;
export type LevelHints = Record<IndicatorId, Record<Level, LevelHint>>;

/** One line of knowledge/data/en-lexicon.tsv: an English phrase (lower case) and its Chinese terms. */
export const LexiconEntrySchema = z.tuple([
  z.string().min(2).regex(/^[^A-Z\t]+$/, 'lower-case English, no tab'),
  z.string().min(1).regex(/^\S+( \S+)*$/, 'Chinese terms separated by single spaces'),
]);
export type LexiconEntry = z.infer<typeof LexiconEntrySchema>;

/** Where a line of product knowledge came from: the source, who wrote it, who rated it and when. */
const SourceSchema = z.union([
  z.string().min(1),
  z.object({ url: z.string().min(1), title: z.string().optional(), kind: z.string().optional(), author: z.string().optional() }),
]);
/**
 * One settled answer (knowledge/data/examples/*.jsonl): what someone said about an indicator and the
 * level a rater gave it from that indicator's descriptors, with its provenance. Extra fields (a
 * justification, the corpus split) are allowed and ignored.
 */
export const LevelExampleSchema = z.object({
  id: z.string().min(1),
  indicator: indicatorId,
  level,
  lang: z.enum(['zh', 'en']),
  answer: z.string().min(1),
  tags: z.array(z.string().min(1)),
  source: SourceSchema,
  written_by: z.string().min(1),
  rated_by: z.string().min(1),
  rated_at: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a date YYYY-MM-DD'),
});

/**
 * One settled question (knowledge/data/questions/*.jsonl): a real question someone asked, in their words,
 * and the passages (ids of retrieval/passages.ts) that answer the need behind it, with its provenance.
 * The retriever indexes its words on those passages: a new question asked the same way finds them.
 */
export const QuestionExampleSchema = z.object({
  id: z.string().min(1),
  lang: z.enum(['zh', 'en']),
  query: z.string().min(5).max(1200),
  gold: z.array(z.string().regex(/^[a-z-]+:\S+$/, 'a passage id')).min(1).max(3),
  need: z.string().min(2),
  source: SourceSchema,
  written_by: z.string().min(1),
  rated_by: z.string().min(1),
  rated_at: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a date YYYY-MM-DD'),
});

/**
 * The scorer's and retriever's signals, each of which the eval can switch off (`--ablate`): the level
 * hints, the settled answers, the English lexicon, the cue words, and the dense (embedding) similarity.
 */
export const SIGNALS = ['hints', 'examples', 'lexicon', 'cues', 'dense'] as const;
export type Signal = (typeof SIGNALS)[number];

/** A regular expression kept as data: it must compile with the flags its reader uses (Unicode, case-insensitive). */
const RegexSource = z.string().min(1).refine((p) => { try { new RegExp(p, 'giu'); return true; } catch { return false; } },
  'not a valid regular expression');
const Patterns = z.array(RegexSource).min(1);
/** One group of cue words: patterns that each say `level`, with the weight one match adds to it. */
export const CueGroupSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  about: z.string().min(1),
  level,
  weight: z.number().positive(),
  /** Whether a hit claims a mature practice, which lifts plain breadth to the top (default: level 5 only). */
  claimsMaturity: z.boolean().optional(),
  patterns: Patterns,
});
const Described = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ about: z.string().min(1), ...shape });
/**
 * knowledge/data/cues.json: the scorer's cue words (bot/interview/cues.ts) and negation words
 * (bot/interview/negation.ts). The readers are the mechanism; what they look for is here.
 */
export const CueWordsSchema = Described({
  cues: z.array(CueGroupSchema).min(1),
  breadth: Described({ level, matureLevel: level, weight: z.number().positive(), patterns: Patterns }),
  caps: Described({
    penalty: z.strictObject({ '4': z.number().nonnegative(), '5': z.number().nonnegative() }),
    groups: z.array(CueGroupSchema).min(1),
  }),
  deniedAbsence: Described({ patterns: Patterns }),
  denial: Described({ patterns: Patterns }),
  contrast: Described({ qualifiedGapWeight: z.number().min(0).max(1), patterns: Patterns, conceding: Described({ patterns: Patterns }) }),
  coverage: Described({
    unitsZh: Patterns, unitsEn: Patterns, weight: z.number().positive(),
    /** Share (percent) at or above which coverage names each level, highest first, ending at 0. */
    levels: z.array(z.strictObject({ atLeast: z.number().min(0).max(100), level })).min(1),
  }),
  /** Units of measure: a scope word right before one ("a few minutes", "a couple of clicks") states a magnitude, no scope. */
  magnitude: Described({ units: Patterns }),
  /**
   * Claims of a level-5 descriptor's own content in other words (a stated magnitude for 海量, a capability offered
   * outward for 合作伙伴/生态): each group counts only where the indicator's level-5 descriptor matches its words.
   */
  topClaims: Described({
    level,
    groups: z.array(Described({
      id: z.string().min(1), weight: z.number().positive(), descriptorWords: Patterns, patterns: Patterns,
    })).min(1),
  }),
  negation: Described({
    falseNegations: Described({ words: Patterns }),
    doubleNegation: Described({ patterns: Patterns }),
    negators: Described({ patterns: Patterns }),
    clauseBreak: Described({ patterns: Patterns }),
  }),
});
export type CueGroup = z.infer<typeof CueGroupSchema> & { level: Level };
export type CueWords = z.infer<typeof CueWordsSchema>;

/** What a whole message can ask for, before any state is consulted (bot/intent.ts). */
export const CommandSchema = z.enum(['help', 'skip', 'back', 'progress', 'report', 'restart', 'forget', 'start', 'confirm', 'all',
  'lang-en', 'lang-zh', 'more', 'done', 'deny', 'extend', 'details']);
export type Command = z.infer<typeof CommandSchema>;
const Words = z.array(z.string().min(1)).min(1);
/** knowledge/data/commands.json: the words that are a command when they are the whole message. */
export const CommandWordsSchema = Described({
  commands: z.strictObject(Object.fromEntries(CommandSchema.options.map((c) => [c, Words])) as Record<Command, typeof Words>),
  pastReport: Described({ words: Words }),
});
export type CommandWords = z.infer<typeof CommandWordsSchema>;

/** knowledge/data/content-words.json: what bot/interview/content.ts looks for (business words, deferrals, small talk). */
export const ContentWordsSchema = Described({
  terms: Described({ zh: Patterns, en: Patterns }),
  later: Described({ patterns: Patterns }),
  meta: Described({ patterns: Patterns }),
});
export type ContentWords = z.infer<typeof ContentWordsSchema>;

/** knowledge/data/stop-words.json: function words the tokenizer drops (retrieval/tokenize.ts). */
export const StopWordsSchema = Described({
  zh: z.array(z.string().regex(/^\p{Script=Han}+$/u)).min(1),
  en: z.array(z.string().regex(/^[a-z]+$/)).min(1),
});
export type StopWords = z.infer<typeof StopWordsSchema>;

const Tuned = z.strictObject({ about: z.string().min(1), value: z.number() });
/** knowledge/data/scorer.json: the offline scorer's tuning constants, chosen on development data only. */
export const ScorerTuningSchema = z.strictObject({
  about: z.string().min(1),
  weights: z.strictObject({
    about: z.string().min(1),
    similarity: z.number().nonnegative(), language: z.number().nonnegative(), retrieval: z.number().nonnegative(),
    sharpness: z.number().positive(), cues: z.number().nonnegative(), spread: z.number().positive(),
    examples: z.number().nonnegative(), clauses: z.number().nonnegative(), englishCues: z.number().positive(),
  }),
  ceilingPenalty: Tuned,
  cappedTopSimilarity: Tuned,
  unclaimedTop: z.strictObject({ about: z.string().min(1), value: z.number().nonnegative() }),
  unclaimedFour: z.strictObject({ about: z.string().min(1), value: z.number().nonnegative() }),
  explicitBonus: Tuned,
  plainAnswer: z.strictObject({
    about: z.string().min(1), descriptors: z.number().min(0).max(1), examples: z.number().min(0).max(1),
    clearMinLength: z.number().int().nonnegative(),
  }),
});
export type ScorerTuning = z.infer<typeof ScorerTuningSchema>;
