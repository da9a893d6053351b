/**
 * Inspects an exported transformers.js model folder before anything tries to load it: checks the
 * files are there (so a missing file is reported by name instead of as a runtime 404 deep in the
 * library), fingerprints the model for index invalidation, and reads what the folder says about
 * how it wants to be used (pooling, e5-style prefixes).
 *
 * Expected layout (what `optimum` / Xenova exports produce):
 *   <dir>/config.json  tokenizer.json  tokenizer_config.json
 *   <dir>/onnx/model.onnx  and/or  <dir>/onnx/model_quantized.onnx
 *   <dir>/1_Pooling/config.json   optional, sentence-transformers pooling declaration
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export type Pooling = 'mean' | 'cls';

export interface ModelUsage {
  pooling: Pooling;
  /** Why this pooling was chosen, for the load log line. */
  poolingSource: string;
  queryPrefix: string;
  passagePrefix: string;
}

export interface ModelFolder {
  /** Absolute path. */
  dir: string;
  /** Folder basename, used in the embedder id. */
  name: string;
  /** Relative to dir, e.g. `onnx/model.onnx`. */
  onnxFile: string;
  quantized: boolean;
  modelType: string;
  hiddenSize?: number;
  maxPositionEmbeddings?: number;
  /** What the folder implies about pooling and prefixes; callers may override. */
  usage: ModelUsage;
  /** sha256 (hex) of the config and tokenizer files and the chosen onnx file (name and bytes). */
  fingerprint: string;
}

export interface InspectOptions {
  /** true: require onnx/model_quantized.onnx; false: require onnx/model.onnx; unset: prefer model.onnx. */
  quantized?: boolean;
}

const FULL_ONNX = 'onnx/model.onnx';
const QUANTIZED_ONNX = 'onnx/model_quantized.onnx';
const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;
const NOT_DOWNLOADED = 'models are never downloaded: point WUYIN_EMBEDDING_MODEL at a local exported model folder';

const ModelConfigSchema = z.object({
  model_type: z.string().min(1),
  hidden_size: z.number().int().positive().optional(),
  max_position_embeddings: z.number().int().positive().optional(),
});

const TokenizerConfigSchema = z.object({
  model_max_length: z.number().positive().optional(),
});

/** sentence-transformers' 1_Pooling/config.json; only the two modes we support matter. */
const PoolingConfigSchema = z.object({
  pooling_mode_cls_token: z.boolean().optional(),
  pooling_mode_mean_tokens: z.boolean().optional(),
});

export async function inspectModelFolder(folder: string, options: InspectOptions = {}): Promise<ModelFolder> {
  const dir = path.resolve(folder);
  const dirStat = await stat(dir).catch(() => undefined);
  if (!dirStat) throw new Error(`embedding model folder ${dir} does not exist (${NOT_DOWNLOADED})`);
  if (!dirStat.isDirectory()) throw new Error(`embedding model path ${dir} is not a folder (${NOT_DOWNLOADED})`);

  const sizes = new Map<string, number>();
  for (const rel of [...REQUIRED, FULL_ONNX, QUANTIZED_ONNX]) {
    const s = await stat(path.join(dir, rel)).catch(() => undefined);
    if (s?.isFile()) sizes.set(rel, s.size);
  }
  const onnxFile =
    options.quantized === true ? QUANTIZED_ONNX : options.quantized === false ? FULL_ONNX : sizes.has(FULL_ONNX) ? FULL_ONNX : QUANTIZED_ONNX;
  const missing = [...REQUIRED, onnxFile].filter((rel) => !sizes.has(rel));
  if (missing.length > 0) {
    const onnxHint = options.quantized === undefined && missing.includes(onnxFile) ? ` (or ${FULL_ONNX})` : '';
    throw new Error(`embedding model folder ${dir} is missing ${missing.join(', ')}${onnxHint}`);
  }
  for (const rel of [...REQUIRED, onnxFile]) {
    if (sizes.get(rel) === 0) throw new Error(`embedding model file ${path.join(dir, rel)} is empty`);
  }

  const configBytes = await readFile(path.join(dir, 'config.json'));
  const tokenizerBytes = await readFile(path.join(dir, 'tokenizer.json'));
  const tokenizerConfigBytes = await readFile(path.join(dir, 'tokenizer_config.json'));
  const config = parseJson(configBytes, path.join(dir, 'config.json'), ModelConfigSchema);
  parseJson(tokenizerConfigBytes, path.join(dir, 'tokenizer_config.json'), TokenizerConfigSchema);

  // The onnx weights are hashed in full, not by size: a fine-tuned re-export of the same
  // architecture has exactly the same byte count. Streaming even a 470 MB model costs ~0.5 s, once
  // per start, next to a load that reads the whole file anyway.
  const hash = createHash('sha256');
  for (const bytes of [configBytes, tokenizerBytes, tokenizerConfigBytes]) hash.update(bytes).update('\0');
  hash.update(`${onnxFile}\0`);
  for await (const chunk of createReadStream(path.join(dir, onnxFile), { highWaterMark: 1 << 22 })) hash.update(chunk as Buffer);

  const name = path.basename(dir);
  return {
    dir,
    name,
    onnxFile,
    quantized: onnxFile === QUANTIZED_ONNX,
    modelType: config.model_type,
    hiddenSize: config.hidden_size,
    maxPositionEmbeddings: config.max_position_embeddings,
    usage: await inferUsage(dir, name),
    fingerprint: hash.digest('hex'),
  };
}

/**
 * Pooling: the folder's own sentence-transformers declaration wins; otherwise bge models are known
 * to be trained with CLS pooling (Xenova exports drop 1_Pooling/), and everything else gets mean
 * pooling, which is right for e5, MiniLM and text2vec and a sane default for unknown encoders.
 * Prefixes: e5 models were trained with "query: " / "passage: " and degrade noticeably without.
 */
async function inferUsage(dir: string, name: string): Promise<ModelUsage> {
  const isE5 = /(^|[^a-z0-9])e5([^a-z0-9]|$)/i.test(name);
  const prefixes = isE5 ? { queryPrefix: 'query: ', passagePrefix: 'passage: ' } : { queryPrefix: '', passagePrefix: '' };

  const poolingFile = path.join(dir, '1_Pooling', 'config.json');
  const poolingBytes = await readFile(poolingFile).catch(() => undefined);
  if (poolingBytes) {
    const declared = parseJson(poolingBytes, poolingFile, PoolingConfigSchema);
    if (declared.pooling_mode_cls_token) return { pooling: 'cls', poolingSource: '1_Pooling/config.json', ...prefixes };
    if (declared.pooling_mode_mean_tokens) return { pooling: 'mean', poolingSource: '1_Pooling/config.json', ...prefixes };
    throw new Error(`${poolingFile} declares neither pooling_mode_cls_token nor pooling_mode_mean_tokens; only cls and mean pooling are supported`);
  }
  if (/bge/i.test(name)) return { pooling: 'cls', poolingSource: 'bge model name', ...prefixes };
  return { pooling: 'mean', poolingSource: 'default', ...prefixes };
}

function parseJson<T extends z.ZodType>(bytes: Buffer, file: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${file} is not a usable model file (${where})`);
  }
  return parsed.data;
}
