import { loadConfig } from '../config.js';
import { openConfiguredStore, type OpenedStore } from '../bot/store/open.js';
import { parseArgs } from './args.js';

/**
 * `wuyin doctor [--json]`: the store's health, on whichever backend the configuration selects. SQLite:
 * a full integrity check of the file. PostgreSQL: connectivity and the schema version against this
 * Wuyin's migrations (doctor never migrates; `wuyin migrate` does). Both: conversations kept in
 * quarantine, inbox rows not yet processed (stuck ones have failed attempts), replies waiting for
 * delivery, and replies given up on with their errors. Exit 1 when something needs attention.
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const json = args.flags.has('json');
  const config = loadConfig();
  let opened: OpenedStore;
  try {
    opened = await openConfiguredStore(config, { migrate: false });
  } catch (err) {
    // Unreachable (PostgreSQL down, wrong URL): the one answer doctor can give is that, clearly.
    const error = (err as Error).message;
    if (json) process.stdout.write(JSON.stringify({ healthy: false, backend: config.WUYIN_DATABASE_URL ? 'postgres' : 'sqlite', reachable: false, error }, null, 2) + '\n');
    else process.stdout.write(`store unreachable: ${error}\n`);
    return 1;
  }
  const { store, where, backend } = opened;
  try {
    const integrity = await store.checkIntegrity({ full: true });
    // An unmigrated database has no tables to list: say so among the problems rather than crash.
    const read = <T>(p: Promise<T[]>) => p.catch((err: Error) => (integrity.problems.push(err.message), (integrity.ok = false), [] as T[]));
    const inbox = await read(store.pendingInbox());
    const pending = await read(store.pendingOutbox());
    const failed = await read(store.undeliverable());
    const stuck = inbox.filter((e) => e.attempts > 0);
    const recoveredFrom = (store as { recoveredFrom?: string }).recoveredFrom;
    const report = {
      backend,
      ...(backend === 'sqlite' ? { file: where } : { database: where, reachable: true }),
      ...(recoveredFrom ? { recoveredFrom } : {}),
      integrity: { ok: integrity.ok, problems: integrity.problems },
      quarantined: integrity.quarantined,
      inbox: { pending: inbox.length, stuck: stuck.map((e) => ({ id: e.id, conversationId: e.message.conversationId, attempts: e.attempts, error: e.error, receivedAt: e.receivedAt })) },
      outbox: { pending: pending.map((e) => ({ id: e.id, conversationId: e.conversationId, attempts: e.attempts, error: e.error, createdAt: e.createdAt })) },
      undeliverable: failed.map((e) => ({ id: e.id, conversationId: e.conversationId, messageId: e.messageId, attempts: e.attempts, error: e.error, createdAt: e.createdAt })),
    };
    const healthy = integrity.ok && !stuck.length && !failed.length && !integrity.quarantined.length;
    if (json) {
      process.stdout.write(JSON.stringify({ healthy, ...report }, null, 2) + '\n');
      return healthy ? 0 : 1;
    }
    const out: string[] = [backend === 'sqlite' ? `database ${where}` : `PostgreSQL ${where}: reachable`];
    const checked = backend === 'sqlite' ? 'integrity (full check)' : 'schema and stored JSON (full check)';
    out.push(`${checked}: ${integrity.ok ? 'ok' : `FAILED\n  ${integrity.problems.join('\n  ')}`}`);
    out.push(`quarantined conversations: ${integrity.quarantined.length}`, ...integrity.quarantined.map((q) => `  ${q.conversationId}  ${q.at}  ${q.reason}`));
    out.push(`inbox: ${inbox.length} not yet processed, ${stuck.length} stuck`, ...report.inbox.stuck.map((e) => `  #${e.id} ${e.conversationId}  ${e.attempts} attempts  ${e.error ?? ''}`));
    out.push(`outbox: ${pending.length} waiting for delivery`, ...report.outbox.pending.slice(0, 20).map((e) => `  #${e.id} ${e.conversationId}  ${e.attempts} attempts  ${e.error ?? ''}`));
    out.push(`undeliverable replies: ${failed.length}`, ...report.undeliverable.map((e) => `  #${e.id} ${e.conversationId}  ${e.createdAt}  ${e.attempts} attempts  ${e.error ?? ''}`));
    process.stdout.write(out.join('\n') + '\n');
    return healthy ? 0 : 1;
  } finally {
    await store.close();
  }
}
