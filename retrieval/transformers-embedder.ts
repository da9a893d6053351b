/**
 * The real dense embedder: a local ONNX sentence encoder (bge-small-zh, multilingual-e5-small, …)
 * run through @xenova/transformers' feature-extraction pipeline, pooled and L2-normalised.
 *
 * Strictly offline: remote models are disabled before anything loads, the library's file cache is
 * bypassed (it would shadow the folder with stale copies keyed by name), and the folder is checked
 * up front so a broken export fails with the missing file's name rather than a 404 from the hub.
 *
 * Pooling: mean over non-padding tokens unless the folder says otherwise (1_Pooling/config.json,
 * or a bge model, which is trained for CLS); see model-folder.ts. Constructor options override.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FeatureExtractionPipeline, Tensor } from '@xenova/transformers';
import { logger } from '../log.js';
import { inspectModelFolder, type ModelFolder, type Pooling } from './model-folder.js';
import type { Embedder } from './types.js';

export interface TransformersEmbedderOptions {
  /** Overrides the pooling the folder implies. Changes the id. */
  pooling?: Pooling;
  /** Prepended to texts given to `embedQueries` / `forQueries()`. Default: "query: " for e5, else "". */
  queryPrefix?: string;
  /** Prepended to texts given to `embed`. Default: "passage: " for e5, else "". Changes the id. */
  passagePrefix?: string;
  /** Texts per forward pass; bounds memory, since a batch is padded to its longest text. Default 16. */
  batchSize?: number;
  /** true: onnx/model_quantized.onnx; false: onnx/model.onnx; unset: model.onnx when present. */
  quantized?: boolean;
}

const log = logger('embedder');
const DEFAULT_BATCH_SIZE = 16;
const PROBE_TEXT = '数字化转型 probe';

type Transformers = typeof import('@xenova/transformers');
let library: Promise<Transformers> | undefined;

/** Imported lazily so that using the built-in embedder never loads onnxruntime or sharp. */
async function transformers(): Promise<Transformers> {
  library ??= import('@xenova/transformers');
  const t = await library;
  // Reasserted on every load: env is process-global and another module could have flipped it.
  t.env.allowRemoteModels = false;
  t.env.allowLocalModels = true;
  t.env.useFSCache = false;
  t.env.useBrowserCache = false;
  return t;
}

export class TransformersEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  readonly pooling: Pooling;
  readonly folder: ModelFolder;
  private readonly extractor: FeatureExtractionPipeline;
  private readonly queryPrefix: string;
  private readonly passagePrefix: string;
  private readonly batchSize: number;

  /** Validates the folder, loads the model and embeds a probe string to learn the dimension. */
  static async create(folder: string, options: TransformersEmbedderOptions = {}): Promise<TransformersEmbedder> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`TransformersEmbedder batchSize must be a positive integer, got ${batchSize}`);
    const started = Date.now();
    const info = await inspectModelFolder(folder, { quantized: options.quantized });
    const t = await transformers();

    // transformers.js resolves `<localModelPath>/<model id>/<file>`. Using the filesystem root as
    // localModelPath and the rest of the absolute path as the id keeps the global setting the same
    // for every folder, so two embedders loading concurrently cannot redirect each other.
    const root = path.parse(info.dir).root;
    t.env.localModelPath = root;
    let extractor: FeatureExtractionPipeline;
    try {
      extractor = await t.pipeline('feature-extraction', path.relative(root, info.dir), {
        quantized: info.quantized,
        local_files_only: true,
      });
    } catch (err) {
      throw new Error(`failed to load embedding model ${info.dir} (${info.onnxFile}): ${(err as Error).message}`, { cause: err });
    }
    clampTruncation(extractor, info);

    const pooling = options.pooling ?? info.usage.pooling;
    const passagePrefix = options.passagePrefix ?? info.usage.passagePrefix;
    const probe = await runBatch(extractor, [PROBE_TEXT], pooling);
    const dimension = probe.dims[1];
    if (probe.dims.length !== 2 || !dimension) {
      throw new Error(`embedding model ${info.dir} produced output of shape [${probe.dims.join(', ')}], expected [batch, hidden]`);
    }

    const id = `transformers:${info.name}:${pooling}:${shortHash(info.fingerprint, pooling, passagePrefix)}`;
    const embedder = new TransformersEmbedder({
      id,
      dimension,
      pooling,
      folder: info,
      extractor,
      queryPrefix: options.queryPrefix ?? info.usage.queryPrefix,
      passagePrefix,
      batchSize,
    });
    log.info('embedding model loaded', {
      id,
      dimension,
      onnx: info.onnxFile,
      pooling,
      poolingSource: options.pooling ? 'option' : info.usage.poolingSource,
      ms: Date.now() - started,
    });
    return embedder;
  }

  private constructor(parts: {
    id: string;
    dimension: number;
    pooling: Pooling;
    folder: ModelFolder;
    extractor: FeatureExtractionPipeline;
    queryPrefix: string;
    passagePrefix: string;
    batchSize: number;
  }) {
    this.id = parts.id;
    this.dimension = parts.dimension;
    this.pooling = parts.pooling;
    this.folder = parts.folder;
    this.extractor = parts.extractor;
    this.queryPrefix = parts.queryPrefix;
    this.passagePrefix = parts.passagePrefix;
    this.batchSize = parts.batchSize;
  }

  /** Embeds passages (documents to be indexed), with the passage prefix. */
  embed(texts: string[]): Promise<Float32Array[]> {
    return this.embedWithPrefix(texts, this.passagePrefix);
  }

  /** Embeds search queries, with the query prefix. */
  embedQueries(texts: string[]): Promise<Float32Array[]> {
    return this.embedWithPrefix(texts, this.queryPrefix);
  }

  /**
   * An Embedder view for the query side of a search. Same id and vector space as this embedder
   * (query prefixes do not touch the index), so it can be handed to code that only knows `embed`.
   */
  forQueries(): Embedder {
    return { id: this.id, dimension: this.dimension, embed: (texts) => this.embedQueries(texts) };
  }

  /** Releases the ONNX session. */
  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }

  private async embedWithPrefix(texts: string[], prefix: string): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((text) => prefix + text);
      const output = await runBatch(this.extractor, batch, this.pooling);
      const [rows, dim] = output.dims;
      if (rows !== batch.length || dim !== this.dimension) {
        throw new Error(`embedding model ${this.folder.dir} returned shape [${output.dims.join(', ')}] for ${batch.length} texts, expected [${batch.length}, ${this.dimension}]`);
      }
      const data = output.data as Float32Array;
      for (let r = 0; r < rows; r++) {
        // Copied, not a subarray view: a view would pin the whole batch buffer for the vector's lifetime.
        const vector = data.slice(r * dim, (r + 1) * dim);
        if (!vector.every(Number.isFinite)) {
          throw new Error(`embedding model ${this.folder.dir} produced a non-finite vector for text #${start + r}`);
        }
        vectors.push(vector);
      }
    }
    return vectors;
  }
}

async function runBatch(extractor: FeatureExtractionPipeline, texts: string[], pooling: Pooling): Promise<Tensor> {
  return (await extractor(texts, { pooling, normalize: true })) as Tensor;
}

/**
 * The pipeline truncates to the tokenizer's model_max_length; some exports leave it unset or at
 * 1e30, and a text longer than the position table then crashes the ONNX run instead of truncating.
 */
function clampTruncation(extractor: FeatureExtractionPipeline, info: ModelFolder): void {
  // RoBERTa-family position tables reserve two slots for the padding offset.
  const limit = info.maxPositionEmbeddings && (info.modelType.includes('roberta') ? info.maxPositionEmbeddings - 2 : info.maxPositionEmbeddings);
  const tokenizer = extractor.tokenizer as { model_max_length?: number };
  if (limit && !(typeof tokenizer.model_max_length === 'number' && tokenizer.model_max_length <= limit)) {
    tokenizer.model_max_length = limit;
  }
}

function shortHash(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\0');
  return hash.digest('hex').slice(0, 12);
}
