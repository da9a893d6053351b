import { EXTRA_PARTS, PARTS, runBenchmarks, type Part } from '../evals/bench/run.js';
import { renderTable } from '../evals/bench/table.js';
import { parseArgs, flag } from './args.js';

/**
 * `wuyin bench [--json] [--only startup,load,turns,retrieval] [--postgres]`: the performance benchmarks.
 * `--postgres` runs the several-replicas part alone (with `--only`, beside the parts named): it needs
 * a PostgreSQL server (WUYIN_BENCH_DATABASE_URL, else WUYIN_TEST_DATABASE_URL) and says so when unset.
 * Exit status 0 whatever the figures: targets are reported (✓/✗), not a gate, because a noisy
 * machine must not fail a build — the regression gate is `wuyin eval`.
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'postgres']);
  const only = flag(args, 'only');
  const named = only ? only.split(',').map((p) => p.trim()) : args.flags.has('postgres') ? [] : PARTS;
  const parts = args.flags.has('postgres') ? [...new Set([...named, 'postgres'])] : named;
  const unknown = parts.filter((p) => !PARTS.includes(p as Part) && !EXTRA_PARTS.includes(p as Part));
  if (unknown.length || args.positionals.length) {
    process.stderr.write(`wuyin bench: unknown ${unknown.length ? `part(s) ${unknown.join(', ')}` : `argument ${args.positionals[0]}`}\nusage: wuyin bench [--json] [--only ${[...PARTS, ...EXTRA_PARTS].join(',')}] [--postgres]\n`);
    return 2;
  }
  const json = args.flags.has('json');
  const result = await runBenchmarks({ parts: parts as Part[], progress: json ? undefined : (line) => process.stderr.write(line + '\n') });
  process.stdout.write(json ? JSON.stringify(result, null, 2) + '\n' : renderTable(result));
  return 0;
}
