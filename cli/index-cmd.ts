import { loadConfig } from '../config.js';
import { createRetriever } from '../retrieval/retriever.js';

/** `wuyin index`: rebuild the retrieval index now, then time a fresh load of what was written. */
export async function run(args: string[]): Promise<number> {
  if (args.length > 0) {
    process.stderr.write(`wuyin index: takes no arguments (got ${args.join(' ')})\nusage: wuyin index\n`);
    return 2;
  }
  const { dataDir } = loadConfig();
  const built = await createRetriever({ dataDir, rebuild: true });
  const b = built.stats();
  const t = performance.now();
  const loaded = await createRetriever({ dataDir });
  const loadMs = performance.now() - t;
  process.stdout.write(
    `index rebuilt in ${dataDir}/index: ${b.passages} passages, embedder ${b.embedderId}\n` +
      `  build ${Math.round(b.ms)} ms, load ${Math.round(loadMs)} ms${loaded.stats().built ? ' (had to rebuild again!)' : ''}\n`,
  );
  return 0;
}
