import { Jieba } from '@node-rs/jieba';
import { dict as defaultDict } from '@node-rs/jieba/dict.js';
import { STOP_WORD_LIST } from '../knowledge/stop-words.js';
import { presentWords } from './dict-scan.js';

/**
 * Chinese-aware tokenisation shared by BM25 and the LSA embedder, so both see the same terms.
 * Two token streams: jieba words (with the rubric's own terms added to the dictionary so
 * 集成与存储 or 门店选址 stay whole) and Han character bigrams, which still match when jieba
 * segments a query differently from the passage.
 */
export interface Tokens {
  words: string[];
  bigrams: string[];
}

export interface Tokenizer {
  tokens(text: string): Tokens;
}

/** Function words and fillers that carry no retrieval signal. */
// The words are data (knowledge/data/stop-words.json); where they are dropped is the mechanism here.
export const STOP_WORDS: ReadonlySet<string> = new Set([...STOP_WORD_LIST.zh, ...STOP_WORD_LIST.en]);

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
// Indicator ids (1.1) and version-like numbers stay one token; jieba would split them at the dot.
const DECIMAL = /\d+\.\d+/g;
const WORDLIKE = /^[\p{Script=Han}\p{L}\p{N}]/u;

/** NFKC folds full-width Latin and digits (ＡＩ, ４) into their ASCII forms before lowercasing. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Han character bigrams; a lone Han character stands for itself. */
export function hanBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = Array.from(run);
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** The jieba dictionary lines that add whole terms; the high frequency makes them win over splits. */
export function termDictLines(terms: Iterable<string>): string {
  const seen = new Set<string>();
  let out = '';
  for (const raw of terms) {
    const t = normalise(raw).replace(/\s+/g, '');
    if (t.length < 2 || seen.has(t) || !HAN.test(t)) continue;
    seen.add(t);
    out += `${t} 200000 n\n`;
  }
  return out;
}

/** Past this many substrings a set of them would be large (and at 56 M characters passed a Set's 2^24 limit). */
const SMALL_TEXT_SUBSTRINGS = 4_000_000;

const defaultDictLines = () => Buffer.from(defaultDict).toString('utf8').split('\n');

/**
 * For a small text (an ingested file): every substring of it up to maxWordLength, then one pass
 * over the dictionary. No set of the dictionary's words and prefixes (a second of work) is built.
 */
function presentBySubstrings(text: string, lines: string[], maxWordLength: number): Set<string> {
  const subs = new Set<string>();
  for (const part of text.split('\n')) {
    const chars = Array.from(part);
    for (let i = 0; i < chars.length; i++) {
      let s = '';
      for (let j = i; j < Math.min(chars.length, i + maxWordLength); j++) subs.add((s += chars[j]));
    }
  }
  const present = new Set<string>();
  for (const line of lines) {
    if (!line) continue;
    const w = line.slice(0, line.indexOf(' '));
    if (subs.has(w)) present.add(w);
  }
  return present;
}

/**
 * The default jieba dictionary restricted to words that occur in the corpus. Segmenting corpus
 * text gives the same words as the full dictionary (jieba only considers words that are
 * substrings of the sentence); the removed frequency mass is kept in one placeholder entry so
 * path probabilities do not shift. Loading it takes milliseconds instead of ~200 ms.
 * A large text is scanned with a trie of the dictionary (dict-scan.ts), never a set of corpus
 * substrings: its size is bounded by the dictionary (about 350 000 words) whatever the corpus
 * size (a set of every substring up to 8 characters passed a Set's 2^24 limit at 56 M characters).
 */
export function prunedDefaultDict(corpusText: string, maxWordLength = 8): string {
  const lines = defaultDictLines();
  const text = normalise(corpusText);
  const small = text.length * maxWordLength <= SMALL_TEXT_SUBSTRINGS;
  const present = small
    ? presentBySubstrings(text, lines, maxWordLength)
    : presentWords(text, lines.filter(Boolean).map((l) => l.slice(0, l.indexOf(' '))), maxWordLength);
  let kept = '';
  let removedFreq = 0;
  for (const line of lines) {
    if (!line) continue;
    const sp = line.indexOf(' ');
    const word = line.slice(0, sp);
    // Stop words stay whole even when absent from the corpus, so queries drop them cleanly.
    if (present.has(word) || STOP_WORDS.has(word)) kept += line + '\n';
    else removedFreq += Number(line.slice(sp + 1, line.indexOf(' ', sp + 1))) || 0;
  }
  // U+E000 is a private-use character: it never occurs in real text, so it never wins a path.
  return kept + `\uE000\uE000 ${removedFreq} x\n`;
}

/**
 * The union of two pruned dictionaries (an index's, and one pruned to newly ingested text), with
 * the placeholder recomputed so the total frequency stays that of the full dictionary.
 */
let dictTotal: number | undefined;

export function mergePrunedDicts(a: string, b: string): string {
  if (dictTotal === undefined) {
    dictTotal = 0;
    for (const line of defaultDictLines()) if (line) dictTotal += Number(line.split(' ')[1]) || 0;
  }
  const total = dictTotal;
  const lines = new Map<string, string>();
  for (const line of `${a}\n${b}`.split('\n')) {
    const word = line.slice(0, line.indexOf(' '));
    if (line && !word.startsWith('\uE000')) lines.set(word, line);
  }
  let kept = '';
  let freq = 0;
  for (const line of lines.values()) {
    kept += line + '\n';
    freq += Number(line.split(' ')[1]) || 0;
  }
  return kept + `\uE000\uE000 ${Math.max(0, total - freq)} x\n`;
}

export interface TokenizerOptions {
  /** Whole terms to keep unsplit (rubric names). */
  terms?: Iterable<string>;
  /** Jieba dictionary text; defaults to the full shipped dictionary. */
  dict?: string | Uint8Array;
}

export function createTokenizer(opts: TokenizerOptions = {}): Tokenizer {
  const base = opts.dict === undefined ? defaultDict : typeof opts.dict === 'string' ? Buffer.from(opts.dict) : opts.dict;
  const jieba = Jieba.withDict(base);
  const extra = termDictLines(opts.terms ?? []);
  if (extra) jieba.loadDict(Buffer.from(extra));
  return {
    tokens(text: string): Tokens {
      const norm = normalise(text);
      const words: string[] = norm.match(DECIMAL) ?? [];
      for (const w of jieba.cut(norm.replace(DECIMAL, ' '), false)) {
        if (!WORDLIKE.test(w) || STOP_WORDS.has(w)) continue;
        words.push(w);
        // A whole rubric term (基于数据中台的dmp方案) also yields its parts, so "dmp方案" or "数据中台"
        // still meet it: Latin runs inside it, and jieba's search-mode sub-words of a long term.
        if (w.length >= 5 && HAN.test(w)) {
          for (const latin of w.match(/[a-z0-9]{2,}/g) ?? []) words.push(latin);
          for (const sub of jieba.cutForSearch(w, false)) if (sub !== w && sub.length >= 2 && HAN.test(sub) && !STOP_WORDS.has(sub)) words.push(sub);
        }
      }
      return { words, bigrams: hanBigrams(norm) };
    },
  };
}
