import { afterAll, expect, it } from 'vitest';
import { buildPassages } from '../../retrieval/passages.js';
import { createRetriever } from '../../retrieval/retriever.js';
import { loadRubric } from '../../knowledge/load.js';
import { captureLog, tmpDataDir } from './helpers.js';

const { dir, cleanup } = tmpDataDir();
afterAll(cleanup);

it('level passages are found by their everyday phrasings, which are searched but never shown', async () => {
  const passages = await buildPassages(loadRubric());
  const lvl = passages.find((p) => p.id === 'lvl:1.5:2')!;
  expect(lvl.keywords).toContain('磁带备份');
  expect(lvl.text).not.toContain('磁带备份');
  const r = await createRetriever({ dataDir: dir, log: captureLog() });
  const hits = await r.search('我们就是磁带备份', { k: 3 });
  expect(hits[0]!.id).toBe('lvl:1.5:2');
  expect(hits.every((h) => !h.text.includes('磁带备份'))).toBe(true);
});
