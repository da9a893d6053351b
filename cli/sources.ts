import { loadConfig } from '../config.js';
import { configuredRetriever } from '../retrieval/configured.js';
import type { Retriever } from '../retrieval/retriever.js';

/** `wuyin sources [--json]` lists ingested material; `wuyin sources remove NAME` drops one and rebuilds the index. */
const USAGE = 'usage: wuyin sources [--json] | wuyin sources remove NAME';

export async function run(args: string[]): Promise<number> {
  const remove = args[0] === 'remove';
  const json = !remove && args.length === 1 && args[0] === '--json';
  if (remove ? args.length !== 2 || !args[1] : args.length > 0 && !json) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const corpus = await configuredRetriever(loadConfig());
  try {
    return await runWith(corpus.retriever, remove, json, args);
  } finally {
    await corpus.close();
  }
}

async function runWith(retriever: Retriever, remove: boolean, json: boolean, args: string[]): Promise<number> {
  if (remove) {
    if (!(await retriever.remove(args[1]!))) {
      const names = retriever.sources().map((s) => s.name);
      process.stderr.write(`wuyin sources: no ingested source named '${args[1]}'${names.length ? ` (have: ${names.join(', ')})` : ''}\n`);
      return 2;
    }
    process.stdout.write(`removed ${args[1]}; the index now has ${retriever.stats().passages} passages\n`);
    return 0;
  }
  const list = retriever.sources();
  if (json) {
    process.stdout.write(JSON.stringify(list, null, 2) + '\n');
    return 0;
  }
  if (list.length === 0) {
    process.stdout.write('No ingested material yet. Add some with: wuyin ingest <file.md|.txt|.pdf|.docx>\n');
    return 0;
  }
  const rows = list.map((s) => [s.name, s.kind, `${(s.bytes / 1024).toFixed(1)} KB`, String(s.passages), s.ingestedAt.slice(0, 10)]);
  const head = ['name', 'kind', 'size', 'passages', 'ingested'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i]!)).join('  ').trimEnd();
  process.stdout.write([line(head), ...rows.map(line)].join('\n') + '\n');
  return 0;
}
