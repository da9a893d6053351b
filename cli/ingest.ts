import { loadConfig } from '../config.js';
import { configuredRetriever } from '../retrieval/configured.js';

/** `wuyin ingest <file.md|.txt|.pdf|.docx>`: add your own material to what search and chat can cite. */
export async function run(args: string[]): Promise<number> {
  if (args.length !== 1 || !args[0]) {
    process.stderr.write('usage: wuyin ingest <file.md|file.txt|file.pdf|file.docx>\n');
    return 2;
  }
  const corpus = await configuredRetriever(loadConfig());
  let result;
  try {
    result = await corpus.retriever.ingest(args[0]);
  } catch (err) {
    process.stderr.write(`wuyin ingest: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await corpus.close();
  }
  process.stdout.write(`ingested ${result.file}: ${result.passages} passages, now searchable and cited as "${result.file}"\n`);
  if (result.emptyPages) process.stdout.write(`note: ${result.emptyPages} page(s) had no text layer (scanned?) and were left out\n`);
  return 0;
}
