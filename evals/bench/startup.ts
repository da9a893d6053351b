import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

/**
 * Cold start as a person meets it: `wuyin chat` spawned with one line piped in, timed from spawn
 * to the first byte of the first reply on stdout; with the index already built in the data dir
 * (every start after the first) and with a fresh data dir (the very first start builds it).
 */
export interface StartupBench {
  /** Median over `runs` starts with a pre-built index. */
  cold_start_ms: number;
  cold_start_runs_ms: number[];
  fresh_start_ms: number;
  fresh_start_runs_ms: number[];
  /** Peak resident set of the chat process (highest over the runs). */
  child_peak_rss_mb: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROBE = path.join(ROOT, 'evals/bench/rss-probe.mjs');

interface Start { firstReplyMs: number; peakRssMb: number }

function startChat(dataDir: string, user: string): Promise<Start> {
  const rssFile = path.join(os.tmpdir(), `wuyin-bench-rss-${process.pid}-${user}`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', PROBE, 'bin/wuyin.mjs', 'chat', '--user', user], {
      cwd: ROOT,
      env: { ...process.env, WUYIN_DATA_DIR: dataDir, WUYIN_LOG_LEVEL: 'warn', WUYIN_BENCH_RSS_FILE: rssFile, OPENAI_API_KEY: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let first: number | undefined;
    let stderr = '';
    child.stdout.once('data', () => { first = performance.now() - t0; });
    child.stdout.resume();
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdin.end('开始\n');
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || first === undefined) return reject(new Error(`wuyin chat exited ${code} without a reply: ${stderr.slice(0, 500)}`));
      const kb = Number(fs.readFileSync(rssFile, 'utf8'));
      fs.rmSync(rssFile, { force: true });
      resolve({ firstReplyMs: Math.round(first), peakRssMb: Math.round((kb / 1024) * 10) / 10 });
    });
  });
}

export async function benchStartup(opts: { runs?: number; freshRuns?: number } = {}): Promise<StartupBench> {
  const runs = opts.runs ?? 5;
  const freshRuns = opts.freshRuns ?? 3;
  const dirs: string[] = [];
  const mk = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-bench-start-')); dirs.push(d); return d; };
  try {
    const fresh: Start[] = [];
    // The first fresh start also warms tsx's transpile cache, as any second run of the CLI finds it.
    for (let i = 0; i < freshRuns; i++) fresh.push(await startChat(mk(), `fresh-${i}`));
    const built = dirs[0]!;
    const warm: Start[] = [];
    for (let i = 0; i < runs; i++) warm.push(await startChat(built, `warm-${i}`));
    return {
      cold_start_ms: median(warm.map((s) => s.firstReplyMs)),
      cold_start_runs_ms: warm.map((s) => s.firstReplyMs),
      fresh_start_ms: median(fresh.map((s) => s.firstReplyMs)),
      fresh_start_runs_ms: fresh.map((s) => s.firstReplyMs),
      child_peak_rss_mb: Math.max(...[...fresh, ...warm].map((s) => s.peakRssMb)),
    };
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}
