/**
 * Exercises the real TransformersEmbedder end to end (transformers.js tokenizer, onnxruntime-node,
 * pooling, normalisation) on a tiny generated model, with the network rigged to fail loudly.
 */
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { configureLog } from '../../log.js';
import { TransformersEmbedder } from '../../retrieval/transformers-embedder.js';
import { makeTinyModel, TINY_HIDDEN_SIZE } from '../fixtures/make-tiny-model.js';

let tmp: string;
let modelDir: string;
let embedder: TransformersEmbedder;
const fetchSpy = vi.fn(() => Promise.reject(new Error('network access attempted during an offline test')));
const savedEnv = { HTTP_PROXY: process.env.HTTP_PROXY, HTTPS_PROXY: process.env.HTTPS_PROXY };

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** A copy of the tiny model under another folder name, optionally altered. */
async function variant(name: string, alter?: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(modelDir, dir, { recursive: true });
  if (alter) await alter(dir);
  return dir;
}

beforeAll(async () => {
  configureLog({ level: 'silent' });
  // Any attempt to reach the hub fails: fetch is a tripwire and proxies point at a dead port.
  vi.stubGlobal('fetch', fetchSpy);
  process.env.HTTP_PROXY = 'http://127.0.0.1:9';
  process.env.HTTPS_PROXY = 'http://127.0.0.1:9';
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wuyin-tiny-model-'));
  modelDir = (await makeTinyModel(path.join(tmp, 'tiny-bert'))).dir;
  embedder = await TransformersEmbedder.create(modelDir);
});

afterAll(async () => {
  await embedder?.dispose();
  vi.unstubAllGlobals();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('TransformersEmbedder on a generated tiny model', () => {
  it('reads the dimension from the model output and names model, pooling and fingerprint in its id', () => {
    expect(embedder.dimension).toBe(TINY_HIDDEN_SIZE);
    expect(embedder.pooling).toBe('mean');
    expect(embedder.id).toMatch(/^transformers:tiny-bert:mean:[0-9a-f]{12}$/);
    expect(embedder.folder.onnxFile).toBe('onnx/model.onnx');
  });

  it('returns unit-norm vectors, also for empty, unknown-token and over-long texts', async () => {
    const texts = ['数字化转型', 'Digital retail transformation', '', 'ЖЖЖ 😀', '零售'.repeat(400)];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(TINY_HIDDEN_SIZE);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    }
  });

  it('is deterministic across calls and across instances', async () => {
    const texts = ['消费品行业的数字化转型', 'cloud data platform'];
    const first = await embedder.embed(texts);
    const again = await embedder.embed(texts);
    const other = await TransformersEmbedder.create(modelDir);
    const fromOther = await other.embed(texts);
    await other.dispose();
    expect(other.id).toBe(embedder.id);
    expect(again).toEqual(first);
    expect(fromOther).toEqual(first);
  });

  it('puts texts that share tokens closer together than unrelated texts', async () => {
    const pairs: Array<[anchor: string, sharing: string, unrelated: string]> = [
      ['数字化转型', '数字化营销', '天气很好'],
      ['供应链协同', '供应链管理', '猫狗鱼鸟'],
      ['digital retail channel', 'digital retail brand', 'hello weather cat'],
      ['会员运营数据中台', '会员运营数据平台', '山河湖海花草树木'],
    ];
    let margin = 0;
    for (const [anchor, sharing, unrelated] of pairs) {
      const [a, s, u] = await embedder.embed([anchor, sharing, unrelated]);
      expect(dot(a!, s!), `${anchor} ~ ${sharing} vs ${unrelated}`).toBeGreaterThan(dot(a!, u!));
      margin += (dot(a!, s!) - dot(a!, u!)) / pairs.length;
    }
    // Random 16-d rows are only roughly orthogonal; on average the shared tokens must dominate.
    expect(margin).toBeGreaterThan(0.4);
  });

  it('gives the same vectors in a padded batch as one at a time', async () => {
    const texts = ['零售', '全域营销与私域运营的数字化', 'supply chain', '', 'brand customer data 品牌用户数据', '云', 'kpmg alibaba'];
    const batched = await TransformersEmbedder.create(modelDir, { batchSize: 3 });
    const together = await batched.embed(texts);
    await batched.dispose();
    expect(together).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [alone] = await embedder.embed([text]);
      for (let k = 0; k < TINY_HIDDEN_SIZE; k++) expect(together[i]![k]).toBeCloseTo(alone![k]!, 5);
    }
    expect(await embedder.embed([])).toEqual([]);
  });

  it('applies e5 query/passage prefixes for an e5 folder, and only the passage prefix enters the id', async () => {
    const e5 = await TransformersEmbedder.create(await variant('multilingual-e5-tiny'));
    const [passage] = await e5.embed(['数据中台']);
    const [query] = await e5.forQueries().embed(['数据中台']);
    const [explicitPassage, explicitQuery] = await embedder.embed(['passage: 数据中台', 'query: 数据中台']);
    expect(passage).toEqual(explicitPassage);
    expect(query).toEqual(explicitQuery);
    expect(e5.forQueries().id).toBe(e5.id);

    const otherQueryPrefix = await TransformersEmbedder.create(e5.folder.dir, { queryPrefix: '' });
    const noPassagePrefix = await TransformersEmbedder.create(e5.folder.dir, { passagePrefix: '' });
    expect(otherQueryPrefix.id).toBe(e5.id);
    expect(noPassagePrefix.id).not.toBe(e5.id);
    await Promise.all([e5.dispose(), otherQueryPrefix.dispose(), noPassagePrefix.dispose()]);
  });

  it('uses CLS pooling when the folder declares it, and lets an option override it', async () => {
    const dir = await variant('st-export', async (d) => {
      await mkdir(path.join(d, '1_Pooling'));
      await writeFile(path.join(d, '1_Pooling', 'config.json'), JSON.stringify({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }));
    });
    const cls = await TransformersEmbedder.create(dir);
    const mean = await TransformersEmbedder.create(dir, { pooling: 'mean' });
    expect(cls.pooling).toBe('cls');
    expect(cls.id).toMatch(/^transformers:st-export:cls:/);
    expect(mean.pooling).toBe('mean');
    // The tiny model is token-local, so with CLS pooling every text maps to the [CLS] row.
    const [a, b] = await cls.embed(['数字化', 'weather']);
    expect(dot(a!, b!)).toBeCloseTo(1, 5);
    await Promise.all([cls.dispose(), mean.dispose()]);
  });

  it('changes its id when the model changes, and loads a quantized-only export', async () => {
    const edited = await variant('tiny-bert-edited', async (d) => {
      const config = JSON.parse(await readFile(path.join(d, 'config.json'), 'utf8'));
      await writeFile(path.join(d, 'config.json'), JSON.stringify({ ...config, _name_or_path: 'edited' }));
    });
    const quantizedOnly = await variant('tiny-bert-q', (d) => rename(path.join(d, 'onnx/model.onnx'), path.join(d, 'onnx/model_quantized.onnx')));
    const a = await TransformersEmbedder.create(edited);
    const q = await TransformersEmbedder.create(quantizedOnly);
    expect(a.id.split(':').at(-1)).not.toBe(embedder.id.split(':').at(-1));
    expect(q.folder.onnxFile).toBe('onnx/model_quantized.onnx');
    expect(await q.embed(['数字化'])).toEqual(await embedder.embed(['数字化']));
    await Promise.all([a.dispose(), q.dispose()]);
  });

  it('fails with a message naming the folder and the missing file', async () => {
    const missingFolder = path.join(tmp, 'no-such-model');
    await expect(TransformersEmbedder.create(missingFolder)).rejects.toThrow(`embedding model folder ${missingFolder} does not exist`);

    const noOnnx = await variant('no-onnx', (d) => rm(path.join(d, 'onnx/model.onnx')));
    await expect(TransformersEmbedder.create(noOnnx)).rejects.toThrow(`embedding model folder ${noOnnx} is missing onnx/model_quantized.onnx (or onnx/model.onnx)`);
    await expect(TransformersEmbedder.create(noOnnx, { quantized: false })).rejects.toThrow(`${noOnnx} is missing onnx/model.onnx`);

    const noTokenizer = await variant('no-tokenizer', (d) => rm(path.join(d, 'tokenizer.json')));
    await expect(TransformersEmbedder.create(noTokenizer)).rejects.toThrow(`${noTokenizer} is missing tokenizer.json`);

    const badConfig = await variant('bad-config', (d) => writeFile(path.join(d, 'config.json'), '{"hidden_size": 16'));
    await expect(TransformersEmbedder.create(badConfig)).rejects.toThrow(`${path.join(badConfig, 'config.json')} is not valid JSON`);

    const noType = await variant('no-model-type', (d) => writeFile(path.join(d, 'config.json'), '{"hidden_size": 16}'));
    await expect(TransformersEmbedder.create(noType)).rejects.toThrow(/config\.json is not a usable model file \(model_type: /);

    // transformers.js logs the onnxruntime failure itself before retrying on wasm; keep the run quiet.
    const quiet = [vi.spyOn(console, 'warn').mockImplementation(() => {}), vi.spyOn(console, 'error').mockImplementation(() => {})];
    const corrupt = await variant('corrupt-onnx', (d) => writeFile(path.join(d, 'onnx/model.onnx'), 'not a protobuf'));
    await expect(TransformersEmbedder.create(corrupt)).rejects.toThrow(`failed to load embedding model ${corrupt} (onnx/model.onnx): `);
    for (const spy of quiet) spy.mockRestore();
  });

  it('never touched the network', async () => {
    const { env } = await import('@xenova/transformers');
    expect(env.allowRemoteModels).toBe(false);
    expect(env.useFSCache).toBe(false);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
