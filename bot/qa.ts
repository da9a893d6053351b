import { reply } from './messages.js';
import type { ConversationDeps } from './deps.js';
import type { Citation, Locale, Reply } from './types.js';
import type { SearchHit } from '../retrieval/types.js';
import type { Rubric } from '../knowledge/types.js';
import { passageLabel } from './passage-label.js';

/**
 * Answers a question about the whitepaper from retrieved passages only. Offline, the answer is
 * the passages themselves (quoted, with their sections); with an LLM, a grounded summary of them.
 */
const MIN_SCORE = 0.05;

export function citationOf(rubric: Rubric, hit: SearchHit): Citation {
  return { id: hit.id, section: passageLabel(rubric, hit), excerpt: excerpt(hit.text, 120) };
}

function excerpt(text: string, n: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n) + '…' : one;
}

export async function answerQuestion(deps: ConversationDeps, question: string, loc: Locale): Promise<Reply> {
  const hits = (await deps.retrieval.search(question, { k: 4 })).filter((h) => h.score >= MIN_SCORE);
  if (!hits.length) {
    return reply('answer', [{ kind: 'text', text: loc === 'zh'
      ? '白皮书里没有找到和这个问题相关的内容。可以换个说法，或问问五部曲、25项指标、十一要素的瓶颈和方案。'
      : 'I found nothing on that in the whitepaper. Try other words, or ask about the five pillars, the 25 indicators, or the elements’ bottlenecks and solutions.' }]);
  }
  // Close runners-up stay: "零售有哪些方案" is answered by several matrix cells, not one.
  const top = hits.filter((h, i) => i < 2 || (i < 5 && h.score >= hits[0]!.score * 0.8));
  const phrased = deps.llm ? await deps.llm.answer({ question, passages: top, locale: loc }) : undefined;
  const quoted = top.map((h) => `**${passageLabel(deps.rubric, h)}**\n${excerpt(h.text, 220)}`).join('\n\n');
  const lead = loc === 'zh' ? '白皮书中的相关内容：\n\n' : 'What the whitepaper says (quoted in Chinese):\n\n';
  return reply('answer', [
    { kind: 'text', text: phrased ?? lead + quoted },
    { kind: 'citations', items: top.map((h) => citationOf(deps.rubric, h)) },
  ]);
}
