import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configureLog } from '../../../log.js';
import { openStore, StoreDataError, type SessionStore } from '../../../bot/store/index.js';
import { type Counter, CounterSchema, increment, key, tempDirs } from './helpers.js';

const dirs = tempDirs();
beforeAll(() => configureLog({ level: 'warn' }));
const open: SessionStore[] = [];
function newStore(dir = dirs.make()): SessionStore {
  const store = openStore(dir);
  open.push(store);
  return store;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  dirs.cleanup();
});

/** Rows per table, straight from the file, bypassing the store. */
function tableCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const count = (t: string) => db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
    return Object.fromEntries(['conversations', 'turns', 'processed_messages', 'answers'].map((t) => [t, count(t)]));
  } finally {
    db.close();
  }
}

describe('runTurn', () => {
  it('commits state, transcript and the processed id of a turn', async () => {
    const store = newStore();
    const outcome = await store.runTurn(key('c1', 'm1'), increment('m1'), { schema: CounterSchema });
    expect(outcome).toEqual({ replies: [{ kind: 'info', text: 'count is 1' }], duplicate: false, version: 1, attempts: 1 });
    expect(store.getState<Counter>('c1', { schema: CounterSchema })).toEqual({ count: 1, seen: ['m1'] });
    const transcript = store.transcript('c1');
    expect(transcript.map((t) => [t.seq, t.role, t.messageId, t.text])).toEqual([
      [1, 'user', 'm1', 'message m1'],
      [2, 'bot', 'm1', 'count is 1'],
    ]);
    expect(transcript[0]!.replies).toBeNull();
    expect(transcript[1]!.replies).toEqual([{ kind: 'info', text: 'count is 1' }]);
    expect(store.listConversations()).toMatchObject([{ conversationId: 'c1', platform: 'test', userId: 'u1', version: 1, hasState: true }]);
  });

  it('returns the stored replies for a repeated message id without calling fn', async () => {
    const store = newStore();
    await store.runTurn(key('c1', 'm1'), increment('m1'));
    let called = 0;
    const again = await store.runTurn(key('c1', 'm1'), async (s: Counter | undefined) => {
      called++;
      return increment('m1')(s);
    });
    expect(called).toBe(0);
    expect(again).toMatchObject({ replies: [{ kind: 'info', text: 'count is 1' }], duplicate: true, version: 1 });
    expect(store.getState<Counter>('c1')?.count).toBe(1);
    expect(store.transcript('c1')).toHaveLength(2);
  });

  it('makes a duplicate that arrives mid-turn wait for the first and get its replies', async () => {
    const store = newStore();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = async (s: Counter | undefined) => {
      calls++;
      await gate;
      return increment('m1', 0)(s);
    };
    const first = store.runTurn(key('c1', 'm1'), slow);
    const second = store.runTurn(key('c1', 'm1'), slow);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(1);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(calls).toBe(1);
    expect(a.duplicate).toBe(false);
    expect(b.duplicate).toBe(true);
    expect(b.replies).toEqual(a.replies);
    expect(store.getState<Counter>('c1')).toEqual({ count: 1, seen: ['m1'] });
  });

  it('loses no update when 50 turns of one conversation run concurrently, and keeps arrival order', async () => {
    const store = newStore();
    const ids = Array.from({ length: 50 }, (_, i) => `m${i}`);
    const outcomes = await Promise.all(ids.map((id) => store.runTurn(key('c1', id), increment(id), { schema: CounterSchema })));
    expect(outcomes.map((o) => o.version)).toEqual(ids.map((_, i) => i + 1));
    expect(store.getState<Counter>('c1')).toEqual({ count: 50, seen: ids });
    expect(store.transcript('c1').map((t) => t.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('runs turns of one conversation one at a time but lets conversations interleave', async () => {
    const store = newStore();
    const events: string[] = [];
    const traced = (conv: string, id: string) => async (s: Counter | undefined) => {
      events.push(`${conv}:${id}:start`);
      await new Promise((r) => setTimeout(r, 15));
      events.push(`${conv}:${id}:end`);
      return increment(id, 0)(s);
    };
    await Promise.all([
      store.runTurn(key('a', 'a1'), traced('a', 'a1')),
      store.runTurn(key('a', 'a2'), traced('a', 'a2')),
      store.runTurn(key('b', 'b1'), traced('b', 'b1')),
      store.runTurn(key('b', 'b2'), traced('b', 'b2')),
    ]);
    const at = (e: string) => events.indexOf(e);
    // Within a conversation: the second starts only after the first ended.
    expect(at('a:a2:start')).toBeGreaterThan(at('a:a1:end'));
    expect(at('b:b2:start')).toBeGreaterThan(at('b:b1:end'));
    // Across conversations: b1 started while a1 was still running.
    expect(at('b:b1:start')).toBeLessThan(at('a:a1:end'));
    expect(store.getState<Counter>('a')?.count).toBe(2);
    expect(store.getState<Counter>('b')?.count).toBe(2);
  });

  it('writes nothing when fn throws, propagates the error, and accepts the message later', async () => {
    const store = newStore();
    await store.runTurn(key('c1', 'm1'), increment('m1'));
    const before = tableCounts(store.file);
    await expect(
      store.runTurn(key('c1', 'm2'), async () => {
        throw new Error('llm timed out');
      }),
    ).rejects.toThrow('llm timed out');
    expect(tableCounts(store.file)).toEqual(before);
    expect(store.getState<Counter>('c1')).toEqual({ count: 1, seen: ['m1'] });
    // Not marked processed: a redelivery is computed afresh.
    const retry = await store.runTurn(key('c1', 'm2'), increment('m2'));
    expect(retry.duplicate).toBe(false);
    expect(store.getState<Counter>('c1')?.count).toBe(2);
  });

  it('rejects a new state that fails the schema and writes nothing', async () => {
    const store = newStore();
    const bad = async () => ({ state: { count: -1, seen: [] }, replies: [], userText: 'x' });
    await expect(store.runTurn(key('c1', 'm1'), bad, { schema: CounterSchema })).rejects.toThrow(StoreDataError);
    expect(tableCounts(store.file)).toMatchObject({ conversations: 0, turns: 0, processed_messages: 0 });
  });

  it('reports a stored state that fails the schema, naming the conversation', async () => {
    const dir = dirs.make();
    const store = newStore(dir);
    await store.runTurn(key('c1', 'm1'), async () => ({ state: { other: true }, replies: [], userText: 'x' }));
    expect(() => store.getState('c1', { schema: CounterSchema })).toThrow(/conversations\.state of conversation "c1" failed validation/);
  });

  it('resumes after close and reopen on the same file', async () => {
    const dir = dirs.make();
    const first = openStore(dir);
    await first.runTurn(key('c1', 'm1'), increment('m1'));
    await first.runTurn(key('c1', 'm2'), increment('m2'));
    first.close();
    expect(() => first.getState('c1')).toThrow(/is closed/);
    const second = newStore(dir);
    expect(second.getState<Counter>('c1', { schema: CounterSchema })).toEqual({ count: 2, seen: ['m1', 'm2'] });
    expect((await second.runTurn(key('c1', 'm2'), increment('m2'))).duplicate).toBe(true);
    expect((await second.runTurn(key('c1', 'm3'), increment('m3'))).version).toBe(3);
  });

  it('upserts answers per indicator and reads them back validated', async () => {
    const store = newStore();
    const evidence = { answer: '我们用了云', descriptor: '3级' };
    await store.runTurn(key('c1', 'm1'), async () => ({
      state: {},
      replies: [],
      userText: 'a',
      answers: [
        { indicator: '1.1', level: 2, confidence: 0.5, evidence },
        { indicator: '1.2', level: 3, confidence: 0.8, evidence },
      ],
    }));
    await store.runTurn(key('c1', 'm2'), async () => ({
      state: {},
      replies: [],
      userText: 'b',
      answers: [{ indicator: '1.1', level: 4, confidence: 0.9, evidence }],
    }));
    expect(store.answers('c1')).toMatchObject([
      { indicator: '1.1', level: 4, confidence: 0.9, evidence, conversationId: 'c1', userId: 'u1' },
      { indicator: '1.2', level: 3, confidence: 0.8, evidence },
    ]);
    // No replies: the transcript keeps the user's rows only.
    expect(store.transcript('c1').map((t) => t.role)).toEqual(['user', 'user']);
  });

  it('refuses an invalid answer before writing anything', async () => {
    const store = newStore();
    const bad = async () => ({
      state: {},
      replies: [],
      userText: 'a',
      answers: [{ indicator: '9.9', level: 7, confidence: 2, evidence: { answer: '', descriptor: '' } }],
    });
    await expect(store.runTurn(key('c1', 'm1'), bad as never)).rejects.toThrow(/failed validation/);
    expect(tableCounts(store.file)).toMatchObject({ conversations: 0, answers: 0 });
  });

  it('resets a conversation but keeps its processed ids', async () => {
    const store = newStore();
    await store.runTurn(key('c1', 'm1'), async () => ({
      state: { count: 1, seen: ['m1'] },
      replies: [{ text: 'hi' }],
      userText: 'a',
      answers: [{ indicator: '2.1', level: 1, confidence: 0.3, evidence: { answer: 'x', descriptor: 'y' } }],
    }));
    expect(store.resetConversation('c1')).toEqual({ turns: 2, answers: 1 });
    expect(store.getState('c1')).toBeUndefined();
    expect(store.transcript('c1')).toEqual([]);
    expect(store.answers('c1')).toEqual([]);
    expect(store.listConversations()).toMatchObject([{ conversationId: 'c1', hasState: false, version: 2 }]);
    expect((await store.runTurn(key('c1', 'm1'), increment('m1'))).duplicate).toBe(true);
    const fresh = await store.runTurn(key('c1', 'm2'), increment('m2'));
    expect(fresh.version).toBe(3);
    expect(store.getState<Counter>('c1')).toEqual({ count: 1, seen: ['m2'] });
  });

  it('prunes processed ids older than a cut-off, keeping newer ids and every transcript', async () => {
    let now = new Date('2026-03-01T00:00:00.000Z');
    const dir = dirs.make();
    const store = openStore(dir, { now: () => now });
    open.push(store);
    await store.runTurn(key('c1', 'old'), increment('old'));
    now = new Date('2026-03-10T00:00:00.000Z');
    await store.runTurn(key('c1', 'new'), increment('new'));
    expect(store.pruneProcessed(new Date('2026-03-05T00:00:00.000Z'))).toBe(1);
    expect(tableCounts(store.file)).toMatchObject({ processed_messages: 1, turns: 4 });
    // The recent id still deduplicates; the pruned one is past any platform's redelivery window.
    expect((await store.runTurn(key('c1', 'new'), increment('new'))).duplicate).toBe(true);
    expect(store.pruneProcessed(new Date('2026-03-05T00:00:00.000Z'))).toBe(0);
  });

  it('makes a turn computed before a reset recompute against the reset state', async () => {
    const store = newStore();
    await store.runTurn(key('c1', 'm1'), increment('m1'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const pending = store.runTurn(key('c1', 'm2'), async (s: Counter | undefined) => {
      calls++;
      if (calls === 1) await gate;
      return increment('m2', 0)(s);
    });
    await new Promise((r) => setTimeout(r, 10));
    store.resetConversation('c1');
    release();
    const outcome = await pending;
    expect(outcome.attempts).toBe(2);
    expect(store.getState<Counter>('c1')).toEqual({ count: 1, seen: ['m2'] });
  });

  it('forgets every row of a user in every table', async () => {
    const store = newStore();
    const evidence = { answer: 'a', descriptor: 'd' };
    const withAnswer = (id: string) => async (s: Counter | undefined) => ({
      ...(await increment(id, 0)(s)),
      answers: [{ indicator: '3.3' as const, level: 2 as const, confidence: 0.6, evidence }],
    });
    await store.runTurn(key('alice-dm', 'a1', 'alice'), withAnswer('a1'));
    await store.runTurn(key('alice-dm', 'a2', 'alice'), withAnswer('a2'));
    await store.runTurn(key('alice-slack', 'a3', 'alice'), increment('a3'));
    await store.runTurn(key('bob-dm', 'b1', 'bob'), withAnswer('b1'));
    // Alice speaks in Bob's group conversation too.
    await store.runTurn(key('bob-dm', 'a4', 'alice'), increment('a4'));

    const result = store.forgetUser('alice');
    // One answer row: the two turns of alice-dm assessed the same indicator.
    expect(result).toEqual({ conversations: 2, turns: 8, answers: 1, processedMessages: 4 });

    const db = new Database(store.file, { readonly: true });
    try {
      for (const table of ['conversations', 'turns', 'processed_messages', 'answers']) {
        expect(db.prepare(`SELECT COUNT(*) FROM ${table} WHERE user_id = 'alice'`).pluck().get(), table).toBe(0);
      }
      const inAliceConversations = (table: string) =>
        db.prepare(`SELECT COUNT(*) FROM ${table} WHERE conversation_id IN ('alice-dm', 'alice-slack')`).pluck().get();
      for (const table of ['conversations', 'turns', 'processed_messages', 'answers']) expect(inAliceConversations(table), table).toBe(0);
    } finally {
      db.close();
    }
    // Bob keeps his conversation, less Alice's message and the reply to it.
    expect(tableCounts(store.file)).toEqual({ conversations: 1, turns: 2, processed_messages: 1, answers: 1 });
    expect(store.listConversations('alice')).toEqual([]);
    expect(store.listConversations('bob')).toHaveLength(1);
  });

  it('rejects an empty key field with a message naming it', async () => {
    const store = newStore();
    await expect(store.runTurn({ ...key('c1', 'm1'), messageId: '' }, increment('m1'))).rejects.toThrow(/key\.messageId/);
  });

  it('keeps the database file where it said', () => {
    const dir = dirs.make();
    const store = newStore(dir);
    expect(store.file).toBe(path.join(dir, 'wuyin.sqlite'));
    expect(store.recoveredFrom).toBeUndefined();
  });
});

describe('two connections on one file (as two processes would be)', () => {
  it('recomputes a turn whose conversation another connection changed meanwhile', async () => {
    const dir = dirs.make();
    const a = newStore(dir);
    const b = newStore(dir);
    await a.runTurn(key('c1', 'm1'), increment('m1'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seenByA: Array<number | undefined> = [];
    const pending = a.runTurn(key('c1', 'from-a'), async (s: Counter | undefined) => {
      seenByA.push(s?.count);
      if (seenByA.length === 1) await gate;
      return increment('from-a', 0)(s);
    });
    await new Promise((r) => setTimeout(r, 10));
    await b.runTurn(key('c1', 'from-b'), increment('from-b'));
    release();
    const outcome = await pending;
    expect(seenByA).toEqual([1, 2]);
    expect(outcome).toMatchObject({ attempts: 2, version: 3, duplicate: false });
    expect(a.getState<Counter>('c1')).toEqual({ count: 3, seen: ['m1', 'from-b', 'from-a'] });
  });

  it('gives up with a clear error after maxAttempts conflicts', async () => {
    const dir = dirs.make();
    const a = newStore(dir);
    const b = newStore(dir);
    let n = 0;
    const outcome = a.runTurn(
      key('c1', 'm-a'),
      async (s: Counter | undefined) => {
        // Another writer commits every time this turn computes.
        await b.runTurn(key('c1', `m-b${n++}`), increment(`m-b${n}`, 0));
        return increment('m-a', 0)(s);
      },
      { maxAttempts: 2 },
    );
    await expect(outcome).rejects.toThrow(/conversation "c1" in .*wuyin\.sqlite changed under message "m-a" 2 times/);
    expect(b.transcript('c1').some((t) => t.messageId === 'm-a')).toBe(false);
  });

  it('deduplicates a message another connection already committed while this one computed', async () => {
    const dir = dirs.make();
    const a = newStore(dir);
    const b = newStore(dir);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const pending = a.runTurn(key('c1', 'same'), async (s: Counter | undefined) => {
      await gate;
      return { ...(await increment('same', 0)(s)), replies: [{ kind: 'info', text: 'from a' }] };
    });
    await new Promise((r) => setTimeout(r, 10));
    const fromB = await b.runTurn(key('c1', 'same'), increment('same'));
    release();
    const fromA = await pending;
    expect(fromA).toMatchObject({ duplicate: true, replies: fromB.replies });
    expect(a.getState<Counter>('c1')?.count).toBe(1);
  });
});
