import fs from 'node:fs';
import { createRequire } from 'node:module';
import { dict as jiebaDict, idf as jiebaIdf } from '@node-rs/jieba/dict.js';
import type { Rubric } from '../../knowledge/types.js';
import { LEVEL_HINTS_FILE } from '../../knowledge/level-hints.js';
import { STOP_WORDS } from '../../retrieval/tokenize.js';

/**
 * MEASUREMENT CODE, not product: the English → Chinese terms a reversal of CC-CEDICT (MDBG, CC BY-SA 4.0)
 * gives, as tried against the hand lexicon (knowledge/data/en-lexicon.tsv) by evals/cedict/configs.ts.
 * It measured worse on the development data, so the product does not read it (evals/README.md, *CC-CEDICT*).
 * The dictionary comes from npm `chinese-lexicon@1.0.43` (dictionary/cedict.js, the text in one template
 * literal), which is not a dependency: `npm install --no-save chinese-lexicon@1.0.43` before running.
 * CEDICT only looks up Chinese → English, so its short glosses are reversed, and kept small: words of 2–4
 * Han characters that occur in the whitepaper's own text (the rubric and the level hints), that jieba
 * tags as content words and that are not too common (jieba's IDF).
 */
export function cedictFile(): string {
  try {
    return createRequire(import.meta.url).resolve('chinese-lexicon/dictionary/cedict.js');
  } catch {
    throw new Error('CC-CEDICT not installed: run `npm install --no-save chinese-lexicon@1.0.43` first');
  }
}

/** A gloss that maps to more corpus words than this is too vague to expand ("to be", "way"). */
const MAX_WORDS_PER_GLOSS = 3;
const MAX_GLOSS_WORDS = 3;
/** Senses that name no meaning of their own (a surname, a variant, a classifier, a cross-reference). */
const SKIP_SENSE = new RegExp('^(?:\\([^)]*\\)\\s*)*(?:surname|(?:old |archaic |erhua |japanese |taiwan |unofficial )?variant of'
  + '|see |also |cl:|classifier|abbr|used in|pr\\.|lit\\.|fig\\.)', 'i');
/** A register a consultant's English never means: "(Tw)", "(old)", "(dialect)", "(slang)"… */
const SKIP_REGISTER = /\((?:[^)]*\W)?(?:old|archaic|dialect|literary|classical|slang|tw|taiwan|cantonese|obsolete|buddhism|taoism)\b[^)]*\)/i;

/**
 * jieba's part-of-speech tags of content words (nouns, verbs, adjectives, idioms, abbreviations): a
 * CEDICT word tagged otherwise (所有 b, 可以 c, 其他 r, 一次 m, 现在 t) is how English says "all", "can",
 * "other", "once", "now", which a consultant's English is full of and which mean nothing to look up.
 */
const CONTENT_POS = /^(?:n|v|a|l|i|j)/;
/**
 * Below this inverse document frequency (jieba's idf.txt) a word is too common to point anywhere:
 * 需要 4.3, 提供 4.7, 环境 5.2 go; 客户 6.1, 仓库 7.7, 故障 8.2 stay.
 */
const MIN_IDF = 6;

/** The jieba tag of every word of the vocabulary that jieba's dictionary (already loaded by the tokenizer) holds. */
export function jiebaTags(
  vocabulary: ReadonlyMap<string, number>, dict: Uint8Array = jiebaDict, idf: Uint8Array = jiebaIdf,
): Map<string, string> {
  const tags = new Map<string, string>();
  const lines = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8').split('\n');
  for (const line of lines(dict)) {
    const [word, , tag] = line.split(' ');
    if (word && tag && vocabulary.has(word)) tags.set(word, tag.trim());
  }
  // A common word loses its tag, so it is not a content word here.
  for (const line of lines(idf)) {
    const [word, value] = line.split(' ');
    if (word && tags.has(word) && Number(value) < MIN_IDF) tags.delete(word);
  }
  return tags;
}

/** The dictionary's text. Read, not required: the literal holds no escapes or substitutions (checked). */
export function readCedict(file = cedictFile()): string {
  const raw = fs.readFileSync(file, 'utf8');
  const a = raw.indexOf('`');
  const b = raw.lastIndexOf('`');
  const body = raw.slice(a + 1, b);
  if (a < 0 || b <= a || body.includes('\\') || body.includes('${')) throw new Error(`${file}: not a plain CC-CEDICT template literal`);
  return body;
}

/** Counts of every 2–4 character Han substring of the text: the vocabulary a dictionary word must meet. */
export function hanSubstrings(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const run of text.match(/\p{Script=Han}{2,}/gu) ?? []) {
    for (let i = 0; i < run.length; i++) {
      for (let n = 2; n <= 4 && i + n <= run.length; n++) {
        const w = run.slice(i, i + n);
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/** The short English glosses of one CEDICT sense, lower case; none when the sense is skipped. */
export function glossesOf(sense: string): string[] {
  if (SKIP_SENSE.test(sense.trim()) || SKIP_REGISTER.test(sense)) return [];
  const out: string[] = [];
  const plain = sense.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' ').replace(/\S*[|\p{Script=Han}]\S*/gu, ' ');
  for (const part of plain.split(/[;,]/)) {
    let g = part.toLowerCase().replace(/\s+/g, ' ').trim();
    // "to be a go-getter" → "go-getter": the words English drops when the phrase is used.
    for (let prev = ''; prev !== g;) [prev, g] = [g, g.replace(/^(?:to|a|an|the|be|one's|sb|sth)\s+/, '')];
    if (!/^[a-z][a-z' -]*[a-z]$/.test(g) || g.length < 3) continue;
    const words = g.split(/[\s-]+/);
    if (words.length > MAX_GLOSS_WORDS || words.every((w) => STOP_WORDS.has(w))) continue;
    out.push(g);
  }
  return out;
}

/**
 * english → Chinese terms (space-separated, most frequent in the vocabulary first). Deterministic:
 * ties break on the word, and the pairs come sorted by English.
 */
export function reverseCedict(
  text: string, vocabulary: ReadonlyMap<string, number>, tags?: ReadonlyMap<string, string>,
): Array<[english: string, chinese: string]> {
  const byGloss = new Map<string, Set<string>>();
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const line = text.slice(from, to);
    from = to + 1;
    // `trad simp [pin yin] /sense/sense/`: the simplified word is checked before anything is parsed.
    const s1 = line.indexOf(' ');
    const s2 = line.indexOf(' ', s1 + 1);
    if (line[0] === '#' || s1 < 0 || s2 < 0) continue;
    const simp = line.slice(s1 + 1, s2);
    if (!vocabulary.has(simp) || !/^\p{Script=Han}{2,4}$/u.test(simp)) continue;
    if (tags && !CONTENT_POS.test(tags.get(simp) ?? '')) continue;
    const senses = line.slice(line.indexOf('/', s2) + 1, line.lastIndexOf('/')).split('/');
    for (const g of senses.flatMap(glossesOf)) {
      if (!byGloss.has(g)) byGloss.set(g, new Set());
      byGloss.get(g)!.add(simp);
    }
  }
  const out: Array<[string, string]> = [];
  for (const [g, words] of byGloss) {
    if (words.size > MAX_WORDS_PER_GLOSS * 2) continue;
    const ranked = [...words].sort((a, b) => vocabulary.get(b)! - vocabulary.get(a)! || (a < b ? -1 : 1));
    out.push([g, ranked.slice(0, MAX_WORDS_PER_GLOSS).join(' ')]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const cache = new WeakMap<Rubric, ReadonlyArray<readonly [string, string]>>();

/** The reversed dictionary for this rubric's vocabulary (as measured: MIN_IDF 6), built once per rubric. */
export function cedictTerms(rubric: Rubric): ReadonlyArray<readonly [english: string, chinese: string]> {
  let terms = cache.get(rubric);
  if (!terms) {
    const vocabulary = hanSubstrings(JSON.stringify(rubric) + fs.readFileSync(LEVEL_HINTS_FILE, 'utf8'));
    terms = reverseCedict(readCedict(), vocabulary, jiebaTags(vocabulary));
    cache.set(rubric, terms);
  }
  return terms;
}
