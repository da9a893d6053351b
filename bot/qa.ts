import { reply } from './messages.js';
import type { ConversationDeps } from './deps.js';
import type { Citation, Locale, Reply } from './types.js';
import type { SearchHit } from '../retrieval/types.js';

/**
 * Answers a question about the whitepaper from retrieved passages only. Offline, the answer is
 * the passages themselves (quoted, with their sections); with an LLM, a grounded summary of them.
 */
const MIN_SCORE = 0.05;

export function citationOf(hit: SearchHit): Citation {
  return { id: hit.id, section: hit.source.file ? `${hit.source.file}` : hit.source.section, excerpt: excerpt(hit.text, 120) };
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
  const top = hits.slice(0, 3);
  const phrased = deps.llm ? await deps.llm.answer({ question, passages: top, locale: loc }) : undefined;
  const body = phrased ?? top.map((h) => `**${h.source.file ?? h.source.section}**\n${excerpt(h.text, 220)}`).join('\n\n');
  return reply('answer', [
    { kind: 'text', text: (loc === 'zh' ? '白皮书中的相关内容：\n\n' : 'What the whitepaper says (quoted in Chinese):\n\n') + body },
    { kind: 'citations', items: top.map(citationOf) },
  ]);
}
