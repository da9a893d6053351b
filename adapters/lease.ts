import crypto from 'node:crypto';
import os from 'node:os';

/**
 * Holding a store lease while a conversation's pending rows are worked (one replica drains a
 * conversation's inbox, and one its outbox, at a time; see README "Several replicas"). The lease is
 * taken together with the rows (`claim`, one step) and given up together with a look for rows written
 * meanwhile (`release`, one step): two round trips a drain instead of four. While held it is renewed
 * every third of its time to live; when a renewal is refused or fails, `lost()` turns true and the work
 * stops before its next step. A replica killed with -9 stops renewing, and another takes the lease once
 * it expires: that is the fail-over.
 */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;

export interface ClaimSteps<E> {
  /** Takes the lease and reads the rows; null while another holder has it. */
  claim(): Promise<E[] | null>;
  /** Renews the lease; false when another holder took it. */
  renew(): Promise<boolean>;
  /** Gives the lease up; true when rows are pending that this drain did not see. */
  release(): Promise<boolean>;
}

/**
 * Runs `body` on the claimed rows under the lease. Resolves undefined when another holder has the lease,
 * else with whether rows are left for another round (a failed release says no: the lease then expires,
 * and the sweep finds what is left).
 */
export async function withClaim<E>(steps: ClaimSteps<E>, ttlMs: number, body: (rows: E[], lost: () => boolean) => Promise<void>): Promise<{ more: boolean } | undefined> {
  const rows = await steps.claim();
  if (!rows) return undefined;
  let lost = false;
  const renew = setInterval(() => {
    steps.renew().then((ok) => void (lost ||= !ok), () => void (lost = true));
  }, Math.max(10, ttlMs / 3));
  renew.unref();
  try {
    await body(rows, () => lost);
  } finally {
    clearInterval(renew);
  }
  return { more: await steps.release().catch(() => false) };
}
