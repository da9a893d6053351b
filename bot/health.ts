/**
 * A cheap "can the store still write?" probe for /healthz (SQLite; `createStoreProbe` for PostgreSQL). It writes and fsyncs one small
 * file beside the database: a full disk (ENOSPC), a read-only remount (EROFS) or a removed
 * data dir fail it the way they would fail the next turn's commit. The answer is cached for a
 * second so that a flood of health checks cannot turn into a flood of fsyncs.
 */
import fs from 'node:fs';
import path from 'node:path';

export const PROBE_FILE = '.write-probe';
const PROBE_BYTES = Buffer.alloc(4096, 0x2e);

export interface WriteProbe {
  (): Promise<{ ok: boolean; code?: string }>;
}

export function createWriteProbe(dataDir: string, cacheMs = 1000, now: () => number = Date.now): WriteProbe {
  const file = path.join(dataDir, PROBE_FILE);
  let last: { at: number; result: { ok: boolean; code?: string } } | undefined;
  return async () => {
    if (last && now() - last.at < cacheMs) return last.result;
    let result: { ok: boolean; code?: string };
    try {
      const fh = await fs.promises.open(file, 'w');
      try {
        await fh.write(PROBE_BYTES);
        await fh.sync();
      } finally {
        await fh.close();
      }
      result = { ok: true };
    } catch (err) {
      result = { ok: false, code: String((err as { code?: unknown }).code ?? 'EUNKNOWN') };
    }
    last = { at: now(), result };
    return result;
  };
}

/**
 * The same probe for a networked store (PostgreSQL): one round trip, with a deadline so that a
 * server that stopped answering fails the check instead of hanging it. Cached like the file probe.
 */
export function createStoreProbe(ping: () => Promise<{ ok: boolean; code?: string }>, cacheMs = 1000, timeoutMs = 2000, now: () => number = Date.now): WriteProbe {
  let last: { at: number; result: { ok: boolean; code?: string } } | undefined;
  return async () => {
    if (last && now() - last.at < cacheMs) return last.result;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<{ ok: boolean; code: string }>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, code: 'ETIMEDOUT' }), timeoutMs);
    });
    const result = await Promise.race([
      ping().catch((err: unknown) => ({ ok: false, code: String((err as { code?: unknown }).code ?? 'EUNREACHABLE') })),
      deadline,
    ]);
    clearTimeout(timer);
    last = { at: now(), result };
    return result;
  };
}
