import { loadConfig } from '../config.js';
import { openStore } from '../bot/store/index.js';
import { parseArgs } from './args.js';

/**
 * `wuyin doctor [--json]`: the store's health. A full integrity check of the database, conversations
 * kept in quarantine, inbox rows not yet processed (stuck ones have failed attempts), replies waiting
 * for delivery, and replies given up on with their errors. Exit 1 when something needs attention.
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json']);
  const store = openStore(loadConfig().dataDir);
  try {
    const integrity = await store.checkIntegrity({ full: true });
    const inbox = await store.pendingInbox();
    const pending = await store.pendingOutbox();
    const failed = await store.undeliverable();
    const stuck = inbox.filter((e) => e.attempts > 0);
    const report = {
      file: store.file,
      ...(store.recoveredFrom ? { recoveredFrom: store.recoveredFrom } : {}),
      integrity: { ok: integrity.ok, problems: integrity.problems },
      quarantined: integrity.quarantined,
      inbox: { pending: inbox.length, stuck: stuck.map((e) => ({ id: e.id, conversationId: e.message.conversationId, attempts: e.attempts, error: e.error, receivedAt: e.receivedAt })) },
      outbox: { pending: pending.map((e) => ({ id: e.id, conversationId: e.conversationId, attempts: e.attempts, error: e.error, createdAt: e.createdAt })) },
      undeliverable: failed.map((e) => ({ id: e.id, conversationId: e.conversationId, messageId: e.messageId, attempts: e.attempts, error: e.error, createdAt: e.createdAt })),
    };
    const healthy = integrity.ok && !stuck.length && !failed.length && !integrity.quarantined.length;
    if (args.flags.has('json')) {
      process.stdout.write(JSON.stringify({ healthy, ...report }, null, 2) + '\n');
      return healthy ? 0 : 1;
    }
    const out: string[] = [`database ${report.file}`];
    out.push(`integrity (full check): ${integrity.ok ? 'ok' : `FAILED\n  ${integrity.problems.join('\n  ')}`}`);
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
