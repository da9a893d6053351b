import type { ElementId, IndicatorId, Level, PillarId } from '../knowledge/types.js';

/**
 * Where a passage sits in the whitepaper. Stable passage ids:
 *   pillar:1            pillar definition          ind:1.1        indicator description
 *   lvl:1.1:3           level descriptor           elem:retail    element summary
 *   bn:retail:2         2nd bottleneck of 零售      dir:retail     capability directions of 零售
 *   sol:5:channel       solution cell 决策智能化×渠道  sol:1:all      the cross-element 基础设施云化 row
 *   prod:5              products of a pillar row   case:1         case study 1
 *   sec:<slug>:<n>      n-th prose chunk of a section   user:<file>:<n>  user-ingested material
 */
export interface PassageSource {
  section: string;
  pillar?: PillarId;
  indicator?: IndicatorId;
  level?: Level;
  element?: ElementId;
  /** The file a user ingested the passage from. */
  file?: string;
}

export interface Passage {
  id: string;
  text: string;
  source: PassageSource;
  /** Extra words that are searched but never shown (the everyday phrasings of a level descriptor). */
  keywords?: string;
  /**
   * Settled answers of the passage's indicator (knowledge/data/examples/): searched as a BM25 field
   * of their own, with its own weight, and never shown.
   */
  settled?: string;
  /**
   * Settled questions this passage answers (knowledge/data/questions/): searched as a BM25 field of
   * their own, with its own weight, and never shown.
   */
  asked?: string;
}

export interface SearchHit {
  id: string;
  score: number;
  text: string;
  source: PassageSource;
}

export interface SearchFilter {
  pillar?: PillarId;
  indicator?: IndicatorId;
  element?: ElementId;
  /** Keep only passages whose id starts with one of these prefixes (e.g. ['lvl:']). */
  kinds?: string[];
}

/** Dense text embeddings. Vectors are L2-normalised so inner product = cosine. */
export interface Embedder {
  /** Identifies model and parameters; a change triggers an index rebuild. */
  readonly id: string;
  readonly dimension: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}
