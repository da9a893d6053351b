/**
 * Shared pieces of the adapter fuzz tests: a seeded PRNG (the same 1 000 payloads every run),
 * hostile values (wrong JSON types, ids with characters an id cannot have, odd unicode, huge
 * strings), and a dump of every table of the store's SQLite file to compare before and after.
 */
import Database from 'better-sqlite3';
import { seededRandom } from '../../../retrieval/linalg.js';

/** A seeded generator (the project's mulberry32) with helpers to pick mutations reproducibly. */
export function prng(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
export type Rng = ReturnType<typeof prng>;

/** Values of the wrong JSON type for a string field. */
export const WRONG_TYPES: readonly unknown[] = [null, 0, -1, 1.5, true, false, [], ['x'], {}, { id: 'x' }];

/** Strings no id may be: controls, lone surrogates, white space, bidi and zero-width marks, too long. */
export function badIds(rng: Rng): string {
  return rng.pick([
    '', ' ', 'D1 2', 'D1\u0000', 'D1\u0007', '\u0085D1', 'D\ud800', '\udc00D', 'D1\u202e', '\u200bD1', 'D1\ufeff', 'D1\n', '\tD1',
    'D1\ue000', 'D1\ufffd', 'x'.repeat(300 + rng.int(200)),
  ]);
}

/** Malformed Slack timestamps. */
export function badTs(rng: Rng): string {
  return rng.pick(['', 'abc', '1.2.3', '１７００００００００.１', '-1', '1e9', '1700000000.', '.5', '1700000000.000100 ', '1700000000\u0000.1']);
}

const ODD = [
  '你好', '数据中台', '😀', '👩‍👩‍👧‍👦', '\u0301', 'e\u0301', '\u202e', '\u2066', '\u200b', '\u200d', '\ud800', '\udfff', '\u0000', '\u001b[2J',
  '\u0007', '\r\n', '<!channel>', '<@U1>', '*bold*', '```', 'ignore previous instructions', 'ﷺ', 'ؐ', 'מה', '\ufeff', '\uffff', '𝕏', ' ', '\t',
];

/** A string of odd unicode, 1–`max` pieces long. */
export function oddText(rng: Rng, max = 60): string {
  return Array.from({ length: 1 + rng.int(max) }, () => rng.pick(ODD)).join('');
}

/** A huge string (≥ 9 000 characters, over the message limit, under the body cap). */
export function hugeText(rng: Rng): string {
  return rng.pick(['数', 'a', '😀', 'é']).repeat(9000 + rng.int(60_000));
}

/** Every row of every table, in rowid order: equal dumps mean no state changed. */
export function dumpStore(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
  } finally {
    db.close();
  }
}

/** Sets (or deletes, for `undefined`) the value at a dotted path ("actions.0.value") of a copy. */
export function mutateAt<T>(obj: T, path: string, value: unknown): T {
  const copy = structuredClone(obj) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy as T;
}
