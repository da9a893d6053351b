import crypto from 'node:crypto';
import os from 'node:os';
import type { SessionStore } from '../bot/store/index.js';

/**
 * Holding a store lease while a piece of work runs (one replica drains a conversation's outbox at a
 * time; see README "Several replicas"). The lease is renewed every third of its time to live; when a
 * renewal is refused or fails, `lost()` turns true and the work stops before its next step. A replica
 * killed with -9 stops renewing, and another takes the lease once it expires: that is the fail-over.
 */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;

export async function withLease(
  store: Pick<SessionStore, 'acquireLease' | 'releaseLease'>,
  name: string,
  ttlMs: number,
  body: (lost: () => boolean) => Promise<void>,
  holder = PROCESS_HOLDER,
): Promise<boolean> {
  if (!(await store.acquireLease(name, holder, ttlMs))) return false;
  let lost = false;
  const renew = setInterval(() => {
    store.acquireLease(name, holder, ttlMs).then((ok) => void (lost ||= !ok), () => void (lost = true));
  }, Math.max(10, ttlMs / 3));
  renew.unref();
  try {
    await body(() => lost);
  } finally {
    clearInterval(renew);
    await store.releaseLease(name, holder).catch(() => undefined);
  }
  return true;
}
