import { loadConfig } from '../config.js';
import { createRetriever } from '../retrieval/retriever.js';

/** `wuyin ingest <file.md|file.txt>`: add your own material to what search and chat can cite. */
export async function run(args: string[]): Promise<number> {
  if (args.length !== 1 || !args[0]) {
    process.stderr.write('usage: wuyin ingest <file.md|file.txt>\n');
    return 2;
  }
  const { dataDir } = loadConfig();
  const retriever = await createRetriever({ dataDir });
  let result;
  try {
    result = await retriever.ingest(args[0]);
  } catch (err) {
    process.stderr.write(`wuyin ingest: ${(err as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`ingested ${result.file}: ${result.passages} passages, now searchable and cited as "${result.file}"\n`);
  return 0;
}
