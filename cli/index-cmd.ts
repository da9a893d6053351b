import { loadConfig } from '../config.js';
import { configuredRetriever } from '../retrieval/configured.js';
import { sharedCacheDir } from '../retrieval/shared-corpus.js';

/** `wuyin index`: rebuild the retrieval index now, then time a fresh load of what was written. */
export async function run(args: string[]): Promise<number> {
  if (args.length > 0) {
    process.stderr.write(`wuyin index: takes no arguments (got ${args.join(' ')})\nusage: wuyin index\n`);
    return 2;
  }
  const config = loadConfig();
  // With WUYIN_DATABASE_URL the index is built from the shared corpus, in this replica's cache dir.
  const built = await configuredRetriever(config, { rebuild: true });
  const dir = built.shared ? sharedCacheDir(config.dataDir) : config.dataDir;
  const b = built.retriever.stats();
  await built.close();
  const t = performance.now();
  const loaded = await configuredRetriever(config);
  const loadMs = performance.now() - t;
  const again = loaded.retriever.stats().built;
  await loaded.close();
  process.stdout.write(
    `index rebuilt in ${dir}/index: ${b.passages} passages, embedder ${b.embedderId}\n` +
      `  build ${Math.round(b.ms)} ms, load ${Math.round(loadMs)} ms${again ? ' (had to rebuild again!)' : ''}\n`,
  );
  return 0;
}
