import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDelivery, replyingTurn } from '../../adapters/delivery.js';
import { openStore, type SessionStore } from '../../bot/store/index.js';
import type { Reply } from '../../bot/types.js';
import { configureLog } from '../../log.js';
import { tempDirs } from '../bot/store/helpers.js';

beforeAll(() => configureLog({ level: 'silent' }));
const dirs = tempDirs();
afterEach(() => dirs.cleanup());

/** The store with a count of calls per method. */
function counted(store: SessionStore) {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        calls.set(String(prop), (calls.get(String(prop)) ?? 0) + 1);
        return v.apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe('delivery pipeline', () => {
  it('records every reply attempted before it is sent, with no step of its own, and delivers them in order', async () => {
    const raw = openStore(dirs.make());
    const { store, calls } = counted(raw);
    const seen: Array<{ text: string; recorded: string | undefined; attemptId: string }> = [];
    const replies: Reply[] = ['one', 'two', 'three'].map((text) => ({ kind: 'info', blocks: [], text }));
    const d = createDelivery({
      name: 'test', store, sweepMs: 0,
      handle: replyingTurn(store, async () => replies),
      send: async (_t, reply, ctx) => {
        // What a process that died now would find: the reply named by this attempt id.
        const row = (await raw.pendingOutbox()).find((e) => (e.reply as { text: string }).text === (reply as { text: string }).text);
        seen.push({ text: (reply as { text: string }).text, recorded: row?.attemptId, attemptId: ctx.attemptId });
      },
    });
    await d.receive({ platform: 'test', conversationId: 'c1', userId: 'u1', messageId: 'm1', text: 'hi' }, { channel: 'C1' });
    await d.idle();
    expect(seen.map((s) => s.text)).toEqual(['one', 'two', 'three']);
    for (const s of seen) expect(s.recorded).toBe(s.attemptId);
    expect(new Set(seen.map((s) => s.attemptId)).size).toBe(3);
    // Marked with the claim (the first) and with each predecessor's delivered mark (the others).
    expect(calls.get('markAttempted') ?? 0).toBe(0);
    expect(calls.get('markDelivered')).toBe(3);
    expect(await raw.pendingOutbox()).toEqual([]);
    await d.stop(1000);
    await raw.close();
  });
});
