import { describe, expect, it } from 'vitest';
import { neighbourRetriever } from '../../evals/baselines/retrieval.js';
import type { Passage } from '../../retrieval/types.js';

const passages: Passage[] = ['ind:1.5', 'ind:1.3', 'elem:logistics'].map((id) => ({ id, text: id, source: { section: id } }));
const questions = [
  { id: 'a', query: '主库挂了能不能自动切换到从库', gold: ['ind:1.5'] },
  { id: 'b', query: '服务器中了挖矿病毒怎么办', gold: ['ind:1.3'] },
  { id: 'c', query: '仓库拣货路径怎么排', gold: ['elem:logistics', 'ind:1.5'] },
];

describe('the question neighbours baseline', () => {
  it("ranks the gold of the closest settled questions, summing each passage's neighbours", async () => {
    const s = neighbourRetriever(questions, passages, 2);
    const hits = await s.search('主库挂了以后从库能自动切换吗');
    expect(hits[0]!.id).toBe('ind:1.5');
    expect(hits[0]!.text).toBe('ind:1.5');
    // One neighbour: only its gold.
    expect((await neighbourRetriever(questions, passages, 1).search('挖矿病毒')).map((h) => h.id)).toEqual(['ind:1.3']);
  });

  it('finds nothing for a question that shares no bigram with any settled question', async () => {
    expect(await neighbourRetriever(questions, passages).search('zzz qqq')).toEqual([]);
  });
});
