import fs from 'node:fs';
import path from 'node:path';
import { loadRubric } from '../../knowledge/load.js';
import { userDir } from '../../retrieval/corpus.js';
import { buildPassages } from '../../retrieval/passages.js';
import { seededRandom } from '../../retrieval/linalg.js';
import { indexText } from '../../retrieval/state.js';

/**
 * A deterministic synthetic corpus of `scale` × the whitepaper's indexed text, written as user
 * files into a data dir, for the index-scaling bench. Never product knowledge and never shipped:
 * generated at bench time, no download. Each paragraph mixes a whitepaper sentence (so queries
 * meet realistic distractors) with sentences of *new* vocabulary: a lexicon that grows with the
 * corpus (Heaps' law, about 40·√chars words of 2–4 random CJK characters, plus SKU-like Latin
 * codes), sampled by a Zipf law, the way a consultant's client material brings names, products
 * and jargon the whitepaper never used.
 */
const CHARS_PER_FILE = 60_000;
const GLUE = ['的', '和', '在', '对', '将', '通过', '以及', '推动', '提升', '围绕', '基于', '实现'];

export interface ScaleCorpus {
  files: number;
  chars: number;
  lexicon: number;
}

function zipfSampler(size: number, rnd: () => number, s = 1.07): () => number {
  const cum = new Float64Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) cum[r] = total += 1 / (r + 1) ** s;
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** The whitepaper's passages, in sentences; the unit of scale is their indexed text (57 000 characters, 267 passages). */
async function whitepaperSentences(): Promise<{ sentences: string[]; chars: number }> {
  const passages = await buildPassages(loadRubric());
  const text = passages.map((p) => p.text).join('\n');
  const sentences = text.split(/(?<=[。；！？\n])/u).map((s) => s.trim()).filter((s) => s.length >= 8);
  return { sentences, chars: passages.map(indexText).join('\n').length };
}

export async function writeScaleCorpus(dataDir: string, scale: number, seed = 1000): Promise<ScaleCorpus> {
  const { sentences, chars: base } = await whitepaperSentences();
  const target = Math.max(0, Math.round((scale - 1) * base));
  const rnd = seededRandom(seed + scale);
  const lexSize = Math.max(500, Math.round(40 * Math.sqrt(target)));
  const lexicon = Array.from({ length: lexSize }, (_, i) => {
    if (i % 17 === 0) return `sku${Math.floor(rnd() * 1e6).toString(36)}`;
    const len = 2 + Math.floor(rnd() * 3);
    return Array.from({ length: len }, () => String.fromCodePoint(0x4e00 + Math.floor(rnd() * 0x51a0))).join('');
  });
  const word = zipfSampler(lexSize, rnd);
  const dir = userDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  let written = 0;
  let files = 0;
  while (written < target) {
    let doc = `# 客户资料 ${files + 1}\n\n`;
    while (doc.length < CHARS_PER_FILE && written + doc.length < target) {
      const parts = [sentences[Math.floor(rnd() * sentences.length)]!];
      const n = 1 + Math.floor(rnd() * 3);
      for (let s = 0; s < n; s++) {
        const words = Array.from({ length: 4 + Math.floor(rnd() * 8) }, (_, i) => (i % 2 ? GLUE[Math.floor(rnd() * GLUE.length)]! : '') + lexicon[word()]!);
        parts.push(words.join('') + '。');
      }
      doc += parts.join('') + '\n\n';
    }
    fs.writeFileSync(path.join(dir, `synthetic-${String(files + 1).padStart(5, '0')}.md`), doc);
    written += doc.length;
    files++;
  }
  return { files, chars: base + written, lexicon: lexSize };
}

/** A 50-page document (about 1 800 characters a page) of the same kind, for the incremental ingest figure. */
export async function writeIngestDocument(file: string, seed = 77): Promise<number> {
  const { sentences } = await whitepaperSentences();
  const rnd = seededRandom(seed);
  const fresh = Array.from({ length: 400 }, () => Array.from({ length: 3 }, () => String.fromCodePoint(0x4e00 + Math.floor(rnd() * 0x51a0))).join(''));
  let doc = '# 新增客户研究\n\n';
  while (doc.length < 50 * 1800) {
    doc += sentences[Math.floor(rnd() * sentences.length)]! + Array.from({ length: 6 }, () => fresh[Math.floor(rnd() * fresh.length)]).join('和') + '。\n\n';
  }
  fs.writeFileSync(file, doc);
  return doc.length;
}
