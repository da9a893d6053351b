import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The processes of the replica bench: bot replicas are the replica test's children
 * (test/faults/fixtures/replica-child.ts) running the real bot's turn, each with its own copy of a
 * data dir whose index is built, talking JSON lines on stdin/stdout.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = path.join(ROOT, 'test/faults/fixtures/replica-child.ts');
export const BENCH_SECRET = 'bench-signing-secret';

export interface ReplicaProc {
  child: ChildProcess;
  port: number;
  /** Its lease holder name (adapters/lease.ts), to find the leases it held when killed. */
  holder: string;
  ask<T>(msg: unknown): Promise<T>;
  exited: Promise<unknown>;
  dataDir: string;
}

/** JSON lines from a child's stdout, one answer per question (the child answers in order). */
function lines(child: ChildProcess) {
  const it = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return async <T>() => {
    const r = await it.next();
    if (r.done) throw new Error('the bench child ended');
    return JSON.parse(String(r.value)) as T;
  };
}

export interface ReplicaEnv {
  /** PostgreSQL URL, or undefined for SQLite in the replica's data dir. */
  dbUrl?: string;
  apiUrl: string;
  /** A data dir with the index built; each replica gets a copy. */
  dataDir: string;
  leaseMs: number;
  sweepMs: number;
  /** Extra node flags (e.g. --cpu-prof) from WUYIN_BENCH_NODE_FLAGS; off by default. */
  nodeFlags?: string[];
}

export async function startReplica(e: ReplicaEnv): Promise<ReplicaProc> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-bench-replica-'));
  fs.cpSync(e.dataDir, dataDir, { recursive: true });
  const child = spawn(process.execPath, [...(e.nodeFlags ?? []), '--import', 'tsx', CHILD, e.dbUrl ?? '-', e.apiUrl, BENCH_SECRET, '-', '-', '-'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env, REPLICA_TURN: 'bot', REPLICA_DATA_DIR: dataDir, REPLICA_LOG_LEVEL: 'error',
      REPLICA_LEASE_MS: String(e.leaseMs), REPLICA_SWEEP_MS: String(e.sweepMs),
    },
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const exited = new Promise((r) => child.once('exit', r));
  const next = lines(child);
  const first = await Promise.race([
    next<{ port: number; holder: string }>(),
    exited.then(() => { throw new Error(`a bench replica exited at start: ${err}`); }),
  ]);
  return {
    child, port: first.port, holder: first.holder, exited, dataDir,
    ask: async <T>(msg: unknown) => {
      child.stdin!.write(JSON.stringify(msg) + '\n');
      return next<T>();
    },
  };
}

/** Ends a replica (SIGTERM; it is a bench child, nothing to drain) and removes its data dir. */
export async function stopReplica(r: ReplicaProc): Promise<void> {
  if (r.child.exitCode === null && r.child.signalCode === null) {
    r.child.stdin!.end();
    r.child.kill('SIGTERM');
    await Promise.race([r.exited, new Promise((d) => setTimeout(d, 5000))]);
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  }
  fs.rmSync(r.dataDir, { recursive: true, force: true });
}
