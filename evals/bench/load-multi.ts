import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LoadBench } from './load.js';

/**
 * The load test split over several processes on one SQLite file, as two bot replicas behind one
 * volume would run: cross-process write locks (busy timeout) and the store's optimistic version
 * check do the work the in-process mutex does in the single-process run.
 */
export interface MultiLoadBench {
  processes: number;
  conversations: number;
  turns: number;
  turns_per_s: number;
  lost: number;
  doubled: number;
  mismatched: number;
  /** Highest peak resident set of any one worker. */
  worker_peak_rss_mb: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function benchLoadMulti(dataDir: string, opts: { processes?: number; conversations?: number } = {}): Promise<MultiLoadBench> {
  const procs = opts.processes ?? 2;
  const total = opts.conversations ?? 200;
  const workers = Array.from({ length: procs }, (_, w) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'evals/bench/load-worker.ts', dataDir, `bench-multi-${w}`, String(Math.round(total / procs))], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = readline.createInterface({ input: child.stdout });
    const ready = new Promise<void>((resolve) => lines.once('line', () => resolve()));
    const done = new Promise<LoadBench>((resolve, reject) => {
      let last = '';
      lines.on('line', (l) => { last = l; });
      child.on('close', (code) => (code === 0 ? resolve(JSON.parse(last) as LoadBench) : reject(new Error(`load worker ${w} exited ${code}`))));
    });
    return { child, ready, done };
  });
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.stdin.end('go\n');
  const results = await Promise.all(workers.map((w) => w.done));
  const span = (Math.max(...results.map((r) => r.ended_at)) - Math.min(...results.map((r) => r.started_at))) / 1000;
  const turns = results.reduce((s, r) => s + r.turns, 0);
  const sum = (k: 'lost' | 'doubled' | 'mismatched') => results.reduce((s, r) => s + r[k], 0);
  return {
    processes: procs,
    conversations: results.reduce((s, r) => s + r.conversations, 0),
    turns,
    turns_per_s: Math.round(turns / span),
    lost: sum('lost'), doubled: sum('doubled'), mismatched: sum('mismatched'),
    worker_peak_rss_mb: Math.max(...results.map((r) => r.peak_rss_mb)),
  };
}
