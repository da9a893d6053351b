import type { Tokenizer, Tokens } from './tokenize.js';

/**
 * The corpus tokenised once, as integer ids: per passage its distinct terms with their counts,
 * in first-seen order, for each of the two token streams. BM25's postings, the LSA fit, its
 * fold-in and the passage vectors all read this instead of re-walking string tokens (four passes
 * of per-passage string maps were a third of a 100× build), and the token strings of a passage
 * die as soon as it is interned (the corpus's token arrays were the build's largest transient).
 * Term ids are first-seen across the corpus, the order BM25 has always stored its terms in.
 */
export interface TermField {
  /** Term id → term. */
  terms: string[];
  /** Passage p's distinct terms are ids/counts[offsets[p] .. offsets[p+1]), first-seen order. */
  offsets: Int32Array;
  ids: Int32Array;
  counts: Int32Array;
  /** Tokens of the passage, repeats included (BM25's length). */
  lengths: Float32Array;
}

export interface TermDocs {
  n: number;
  words: TermField;
  bigrams: TermField;
}

class FieldBuilder {
  private readonly index = new Map<string, number>();
  private readonly terms: string[] = [];
  private offsets = new Int32Array(1024);
  private ids = new Int32Array(1 << 16);
  private counts = new Int32Array(1 << 16);
  private lengths = new Float32Array(1024);
  /** Per term: the passage (+1) it was last seen in, and its slot there. */
  private seenIn = new Int32Array(1 << 12);
  private slot = new Int32Array(1 << 12);
  private n = 0;
  private used = 0;

  add(tokens: readonly string[]): void {
    const p = ++this.n;
    if (p >= this.offsets.length) {
      this.offsets = grow(this.offsets, p + 1);
      this.lengths = grow(this.lengths, p + 1);
    }
    if (this.used + tokens.length > this.ids.length) {
      this.ids = grow(this.ids, this.used + tokens.length);
      this.counts = grow(this.counts, this.used + tokens.length);
    }
    for (const t of tokens) {
      let id = this.index.get(t);
      if (id === undefined) {
        id = this.terms.length;
        this.index.set(t, id);
        this.terms.push(t);
        if (id >= this.seenIn.length) {
          this.seenIn = grow(this.seenIn, id + 1);
          this.slot = grow(this.slot, id + 1);
        }
      }
      if (this.seenIn[id] === p) {
        this.counts[this.slot[id]!]!++;
      } else {
        this.seenIn[id] = p;
        this.slot[id] = this.used;
        this.ids[this.used] = id;
        this.counts[this.used++] = 1;
      }
    }
    this.offsets[p] = this.used;
    this.lengths[p - 1] = tokens.length;
  }

  done(): TermField {
    const n = this.n;
    return {
      terms: this.terms,
      offsets: this.offsets.slice(0, n + 1),
      ids: this.ids.slice(0, this.used),
      counts: this.counts.slice(0, this.used),
      lengths: this.lengths.slice(0, n),
    };
  }
}

function grow<T extends Int32Array | Float32Array>(a: T, atLeast: number): T {
  let size = a.length * 2;
  while (size < atLeast) size *= 2;
  const out = new (a.constructor as new (n: number) => T)(size);
  out.set(a);
  return out;
}

/** Interns token streams passage by passage; `done` hands back the TermDocs. */
export class TermDocsBuilder {
  private readonly words = new FieldBuilder();
  private readonly bigrams = new FieldBuilder();
  private n = 0;

  add(tokens: Tokens): void {
    this.words.add(tokens.words);
    this.bigrams.add(tokens.bigrams);
    this.n++;
  }

  done(): TermDocs {
    return { n: this.n, words: this.words.done(), bigrams: this.bigrams.done() };
  }
}

export function termDocsOf(docs: Iterable<Tokens>): TermDocs {
  const b = new TermDocsBuilder();
  for (const d of docs) b.add(d);
  return b.done();
}

/** Tokenises the texts one at a time: only one passage's token strings are alive at once. */
export function tokenizeCorpus(texts: Iterable<string>, tokenizer: Tokenizer): TermDocs {
  const b = new TermDocsBuilder();
  for (const t of texts) b.add(tokenizer.tokens(t));
  return b.done();
}
