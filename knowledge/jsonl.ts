import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

/** A line of a JSONL data file that is not valid JSON or fails its schema; the message names file:line. */
export class DatasetError extends Error {}

/** Parses and validates one JSON data file (knowledge/data/*.json); a bad file fails naming the file and field. */
export function loadJsonFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Parses one `*.jsonl` file; `ids` (shared across files) catches an id used twice. */
export function loadJsonlFile<S extends z.ZodType>(file: string, schema: S, ids = new Map<string, string>()): Array<z.infer<S> & { file: string }> {
  const out: Array<z.infer<S> & { file: string }> = [];
  const rel = path.relative(process.cwd(), file) || file;
  const name = path.basename(file);
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    const where = `${rel}:${i + 1}`;
    if (!line.trim()) return;
    let raw: unknown;
    try { raw = JSON.parse(line); } catch (err) { throw new DatasetError(`${where}: not valid JSON (${(err as Error).message})`); }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const why = parsed.error.issues.map((x) => `${x.path.join('.') || '(line)'}: ${x.message}`).join('; ');
      throw new DatasetError(`${where}: ${why}`);
    }
    const item = parsed.data as z.infer<S> & { id: string };
    const seen = ids.get(item.id);
    if (seen) throw new DatasetError(`${where}: duplicate id '${item.id}' (first at ${seen})`);
    ids.set(item.id, where);
    out.push({ ...item, file: name });
  });
  return out;
}

/** Parses every `*.jsonl` in a folder (sorted by name); ids must be unique across the folder. */
export function loadJsonl<S extends z.ZodType>(dir: string, schema: S): Array<z.infer<S> & { file: string }> {
  const ids = new Map<string, string>();
  return fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((name) => loadJsonlFile(path.join(dir, name), schema, ids));
}
