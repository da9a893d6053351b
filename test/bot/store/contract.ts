import { afterEach, describe, expect, it } from 'vitest';
import { StoreDataError, type AnswerRow, type SessionStore, type StoreOptions } from '../../../bot/store/index.js';
import type { IncomingMessage } from '../../../bot/types.js';
import { type Counter, CounterSchema, increment, key } from './helpers.js';
import { coordinationContract } from './coordination-contract.js';

/**
 * The session store's contract: what every backend must do, through the public interface only.
 * A backend runs it with a factory: `create()` gives a fresh, empty location; `open()` on it
 * gives a store (twice on one location = two processes sharing it).
 */
export interface StoreLocation {
  open(opts?: StoreOptions): Promise<SessionStore>;
}
export interface StoreFactory {
  create(): Promise<StoreLocation>;
  cleanup(): Promise<void>;
  /**
   * How two stores on one location keep a conversation's turns apart: `optimistic` recomputes a turn
   * whose conversation the other changed (SQLite's version check); `locked` makes the other wait until
   * the turn commits, so a turn (and its LLM call) is never computed twice (PostgreSQL's advisory lock).
   */
  crossStore?: 'optimistic' | 'locked';
}

const msg = (conversationId: string, messageId: string, text = 'hi', userId = 'u1'): IncomingMessage => ({ platform: 'test', conversationId, userId, messageId, text });
const target = (n: number) => ({ channel: `C${n}` });
/** Waits until `cond` holds (a networked backend needs round trips before a turn function runs). */
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
}

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`SessionStore contract: ${name}`, () => {
    const open: SessionStore[] = [];
    const newStore = async (loc?: StoreLocation, opts?: StoreOptions) => {
      const store = await (loc ?? (await factory.create())).open(opts);
      open.push(store);
      return store;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
      await factory.cleanup();
    });

    describe('runTurn', () => {
      it('commits state, transcript and replies of a turn', async () => {
        const store = await newStore();
        const outcome = await store.runTurn(key('c1', 'm1'), increment('m1'), { schema: CounterSchema });
        expect(outcome).toEqual({ replies: [{ kind: 'info', text: 'count is 1' }], duplicate: false, version: 1, attempts: 1 });
        expect(await store.getState<Counter>('c1', { schema: CounterSchema })).toEqual({ count: 1, seen: ['m1'] });
        const transcript = await store.transcript('c1');
        expect(transcript.map((t) => [t.role, t.messageId, t.text])).toEqual([
          ['user', 'm1', 'message m1'],
          ['bot', 'm1', 'count is 1'],
        ]);
        expect(transcript[0]!.replies).toBeNull();
        expect(transcript[1]!.replies).toEqual([{ kind: 'info', text: 'count is 1' }]);
        expect(await store.listConversations()).toMatchObject([{ conversationId: 'c1', platform: 'test', userId: 'u1', version: 1, hasState: true }]);
      });

      it('returns the stored replies for a repeated message id without calling fn', async () => {
        const store = await newStore();
        await store.runTurn(key('c1', 'm1'), increment('m1'));
        let called = 0;
        const again = await store.runTurn(key('c1', 'm1'), async (s: Counter | undefined) => (called++, increment('m1')(s)));
        expect(called).toBe(0);
        expect(again).toMatchObject({ replies: [{ kind: 'info', text: 'count is 1' }], duplicate: true, version: 1 });
        expect((await store.getState<Counter>('c1'))?.count).toBe(1);
        expect(await store.transcript('c1')).toHaveLength(2);
      });

      it('makes a duplicate that arrives mid-turn wait for the first and get its replies', async () => {
        const store = await newStore();
        let calls = 0;
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const slow = async (s: Counter | undefined) => (calls++, await gate, increment('m1', 0)(s));
        const first = store.runTurn(key('c1', 'm1'), slow);
        const second = store.runTurn(key('c1', 'm1'), slow);
        await until(() => calls > 0);
        await new Promise((r) => setTimeout(r, 20));
        const callsWhileFirstRan = calls;
        release();
        expect(callsWhileFirstRan).toBe(1);
        const [a, b] = await Promise.all([first, second]);
        expect([calls, a.duplicate, b.duplicate]).toEqual([1, false, true]);
        expect(b.replies).toEqual(a.replies);
      });

      it('loses no update when 50 turns of one conversation run concurrently, and keeps arrival order', async () => {
        const store = await newStore();
        const ids = Array.from({ length: 50 }, (_, i) => `m${i}`);
        const outcomes = await Promise.all(ids.map((id) => store.runTurn(key('c1', id), increment(id), { schema: CounterSchema })));
        expect(outcomes.map((o) => o.version)).toEqual(ids.map((_, i) => i + 1));
        expect(await store.getState<Counter>('c1')).toEqual({ count: 50, seen: ids });
        const seqs = (await store.transcript('c1')).map((t) => t.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(new Set(seqs).size).toBe(100);
      });

      it('runs turns of one conversation one at a time but lets conversations interleave', async () => {
        const store = await newStore();
        const events: string[] = [];
        const traced = (conv: string, id: string) => async (s: Counter | undefined) => {
          events.push(`${conv}:${id}:start`);
          // a1 gives b1 up to 2 s to start: it can only if conversations interleave.
          if (id === 'a1') await until(() => events.includes('b:b1:start'), 2000);
          await new Promise((r) => setTimeout(r, 15));
          events.push(`${conv}:${id}:end`);
          return increment(id, 0)(s);
        };
        await Promise.all([
          store.runTurn(key('a', 'a1'), traced('a', 'a1')),
          store.runTurn(key('a', 'a2'), traced('a', 'a2')),
          store.runTurn(key('b', 'b1'), traced('b', 'b1')),
        ]);
        const at = (e: string) => events.indexOf(e);
        expect(at('a:a2:start')).toBeGreaterThan(at('a:a1:end'));
        expect(at('b:b1:start')).toBeLessThan(at('a:a1:end'));
      });

      it('writes nothing when fn throws, propagates the error, and accepts the message later', async () => {
        const store = await newStore();
        await store.runTurn(key('c1', 'm1'), increment('m1'));
        const before = JSON.stringify([await store.transcript('c1'), await store.listConversations(), await store.answers('c1')]);
        await expect(store.runTurn(key('c1', 'm2'), async () => { throw new Error('llm timed out'); })).rejects.toThrow('llm timed out');
        expect(JSON.stringify([await store.transcript('c1'), await store.listConversations(), await store.answers('c1')])).toBe(before);
        expect((await store.runTurn(key('c1', 'm2'), increment('m2'))).duplicate).toBe(false);
        expect((await store.getState<Counter>('c1'))?.count).toBe(2);
      });

      it('rejects a new state that fails the schema and writes nothing', async () => {
        const store = await newStore();
        const bad = async () => ({ state: { count: -1, seen: [] }, replies: [], userText: 'x' });
        await expect(store.runTurn(key('c1', 'm1'), bad, { schema: CounterSchema })).rejects.toThrow(StoreDataError);
        expect(await store.listConversations()).toEqual([]);
        expect(await store.transcript('c1')).toEqual([]);
      });

      it('resumes after close and reopen on the same location', async () => {
        const loc = await factory.create();
        const first = await loc.open();
        await first.runTurn(key('c1', 'm1'), increment('m1'));
        await first.runTurn(key('c1', 'm2'), increment('m2'));
        await first.close();
        await expect(first.getState('c1')).rejects.toThrow(/closed/);
        const second = await newStore(loc);
        expect(await second.getState<Counter>('c1', { schema: CounterSchema })).toEqual({ count: 2, seen: ['m1', 'm2'] });
        expect((await second.runTurn(key('c1', 'm2'), increment('m2'))).duplicate).toBe(true);
        expect((await second.runTurn(key('c1', 'm3'), increment('m3'))).version).toBe(3);
      });

      it('keepState commits the replies and the processed id but not the state', async () => {
        const store = await newStore();
        await store.runTurn(key('c1', 'm1'), increment('m1'));
        const out = await store.runTurn(key('c1', 'm2'), async () => ({ keepState: true, replies: [{ text: 'too long' }], userText: '(not processed)' }));
        expect(out.version).toBe(1);
        expect(await store.getState<Counter>('c1')).toEqual({ count: 1, seen: ['m1'] });
        expect((await store.runTurn(key('c1', 'm2'), increment('m2'))).replies).toEqual([{ text: 'too long' }]);
      });

      it('rejects an empty key field with a message naming it', async () => {
        const store = await newStore();
        await expect(store.runTurn({ ...key('c1', 'm1'), messageId: '' }, increment('m1'))).rejects.toThrow(/key\.messageId/);
      });
    });

    describe('answers', () => {
      const ev = { answer: '我们用了云', descriptor: '3级' };
      const withAnswers = (answers: AnswerRow[]) => async () => ({ state: {}, replies: [], userText: 'a', answers });

      it('become exactly the answers of the last turn that gave them', async () => {
        const store = await newStore();
        await store.runTurn(key('c1', 'm1'), withAnswers([{ indicator: '1.1', level: 2, confidence: 0.5, evidence: ev }, { indicator: '1.2', level: 3, confidence: 0.8, evidence: ev }]));
        await store.runTurn(key('c1', 'm2'), withAnswers([{ indicator: '1.1', level: 4, confidence: 0.9, evidence: ev }]));
        expect(await store.answers('c1')).toMatchObject([{ indicator: '1.1', level: 4, confidence: 0.9, evidence: ev, conversationId: 'c1', userId: 'u1' }]);
        await store.runTurn(key('c1', 'm3'), async () => ({ state: {}, replies: [], userText: 'no answers given' }));
        expect(await store.answers('c1')).toHaveLength(1);
        expect((await store.transcript('c1')).map((t) => t.role)).toEqual(['user', 'user', 'user']);
      });

      it('refuses an invalid answer before writing anything', async () => {
        const store = await newStore();
        const bad = withAnswers([{ indicator: '9.9', level: 7, confidence: 2, evidence: { answer: '', descriptor: '' } } as never]);
        await expect(store.runTurn(key('c1', 'm1'), bad)).rejects.toThrow(/failed validation/);
        expect(await store.listConversations()).toEqual([]);
      });

      it('equal the state after any random sequence of answer, correction, skip, back and restart', async () => {
        const store = await newStore();
        let seed = 7;
        const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
        const ids = ['1.1', '1.2', '1.3', '2.1', '2.2'] as const;
        for (let conv = 0; conv < 5; conv++) {
          const c = `rand-${conv}`;
          for (let i = 0; i < 60; i++) {
            await store.runTurn(key(c, `${c}-${i}`), async (s: { answers: Record<string, AnswerRow> } | undefined) => {
              const answers = { ...(s?.answers ?? {}) };
              const op = rnd(10);
              const id = ids[rnd(ids.length)]!;
              if (op < 5) answers[id] = { indicator: id, level: (1 + rnd(5)) as AnswerRow['level'], confidence: rnd(100) / 100, evidence: ev }; // answer / correction
              else if (op < 8) delete answers[id]; // skip / back
              else if (op === 8) for (const k of Object.keys(answers)) delete answers[k]; // restart
              return { state: { answers }, replies: [{ text: String(op) }], userText: `op ${op}`, answers: Object.values(answers) };
            });
            const state = await store.getState<{ answers: Record<string, AnswerRow> }>(c);
            const fromState = Object.values(state!.answers).map((a) => `${a.indicator}:${a.level}:${a.confidence}`).sort();
            const fromTable = (await store.answers(c)).map((a) => `${a.indicator}:${a.level}:${a.confidence}`).sort();
            expect(fromTable).toEqual(fromState);
          }
        }
      });
    });

    describe('inbox', () => {
      it('records an event once, lists pending ones in arrival order, and a committed turn consumes its row', async () => {
        const store = await newStore();
        expect(await store.enqueueInbox({ message: msg('c1', 'm1'), target: target(1) })).toMatchObject({ duplicate: false });
        expect(await store.enqueueInbox({ message: msg('c2', 'm2') })).toMatchObject({ duplicate: false });
        expect(await store.enqueueInbox({ message: msg('c1', 'm3', 'later') })).toMatchObject({ duplicate: false });
        expect(await store.enqueueInbox({ message: msg('c1', 'm1') })).toEqual({ duplicate: true });
        expect((await store.pendingInbox()).map((e) => e.message.messageId)).toEqual(['m1', 'm2', 'm3']);
        const c1 = await store.pendingInbox('c1');
        expect(c1.map((e) => [e.message.messageId, e.message.text, e.target])).toEqual([['m1', 'hi', target(1)], ['m3', 'later', undefined]]);
        await store.runTurn(key('c1', 'm1'), increment('m1'), { target: target(1) });
        expect((await store.pendingInbox('c1')).map((e) => e.message.messageId)).toEqual(['m3']);
        // Processed: still a duplicate after its row is gone.
        expect(await store.enqueueInbox({ message: msg('c1', 'm1') })).toEqual({ duplicate: true });
      });

      it('keeps a row whose processing failed, with its attempts and error', async () => {
        const store = await newStore();
        const { id } = await store.enqueueInbox({ message: msg('c1', 'm1') });
        await store.failInbox(id!, 'disk full');
        await store.failInbox(id!, 'disk full again');
        expect(await store.pendingInbox()).toMatchObject([{ id, attempts: 2, error: 'disk full again' }]);
      });

      it('refuses an event without a message id', async () => {
        const store = await newStore();
        await expect(store.enqueueInbox({ message: msg('c1', '') })).rejects.toThrow();
        expect(await store.pendingInbox()).toEqual([]);
      });
    });

    describe('outbox', () => {
      it('holds a turn’s replies in order until each is marked delivered', async () => {
        const store = await newStore();
        const two = async () => ({ state: { n: 1 }, replies: [{ text: 'first' }, { text: 'second' }], userText: 'x' });
        await store.runTurn(key('c1', 'm1'), two, { target: target(1) });
        await store.runTurn(key('c2', 'm2'), two, { target: target(2) });
        const pending = await store.pendingOutbox<{ text: string }>('c1');
        expect(pending.map((p) => [p.messageId, p.position, p.reply.text, p.target, p.status])).toEqual([
          ['m1', 0, 'first', target(1), 'pending'],
          ['m1', 1, 'second', target(1), 'pending'],
        ]);
        await store.markDelivered(pending[0]!.id);
        expect((await store.pendingOutbox('c1')).map((p) => p.position)).toEqual([1]);
        expect(await store.pendingOutbox()).toHaveLength(3);
      });

      it('names where a platform has pending work: inbox ids in arrival order, conversations with replies pending', async () => {
        const store = await newStore();
        const a = await store.enqueueInbox({ message: msg('c1', 'm1') });
        await store.enqueueInbox({ message: { ...msg('d1', 'm2'), platform: 'slack' } });
        const b = await store.enqueueInbox({ message: msg('c2', 'm3') });
        const two = async () => ({ state: { n: 1 }, replies: [{ text: 'first' }, { text: 'second' }], userText: 'x' });
        await store.runTurn(key('c3', 'm4'), two, { target: target(3) });
        await store.runTurn(key('c4', 'm5'), two, { target: target(4) });
        await store.runTurn(key('c5', 'm6'), two);
        const work = await store.pendingWork('test');
        expect(work.inbox).toEqual([{ id: a.id, conversationId: 'c1' }, { id: b.id, conversationId: 'c2' }]);
        expect([...work.outbox].sort()).toEqual(['c3', 'c4']);
        for (const e of await store.pendingOutbox('c3')) await store.markDelivered(e.id);
        expect((await store.pendingWork('test')).outbox).toEqual(['c4']);
        expect(await store.pendingWork('dingtalk')).toEqual({ inbox: [], outbox: [] });
      });

      it('stores replies without a target as delivered', async () => {
        const store = await newStore();
        await store.runTurn(key('c1', 'm1'), increment('m1'));
        expect(await store.pendingOutbox()).toEqual([]);
      });

      it('keeps a failed reply pending until a final failure makes it undeliverable, with its error', async () => {
        const store = await newStore();
        await store.runTurn(key('c1', 'm1'), increment('m1'), { target: target(1) });
        const [entry] = await store.pendingOutbox('c1');
        await store.markFailed(entry!.id, 'HTTP 503');
        expect(await store.pendingOutbox('c1')).toMatchObject([{ id: entry!.id, attempts: 1, error: 'HTTP 503' }]);
        await store.markFailed(entry!.id, 'HTTP 404 channel_not_found', { final: true });
        expect(await store.pendingOutbox('c1')).toEqual([]);
        expect(await store.undeliverable()).toMatchObject([{ id: entry!.id, status: 'failed', attempts: 2, error: 'HTTP 404 channel_not_found' }]);
        // A duplicate still returns the reply: it was committed, only not delivered.
        expect((await store.runTurn(key('c1', 'm1'), increment('m1'))).replies).toEqual([{ kind: 'info', text: 'count is 1' }]);
      });

      it('keeps the first attempt id of a reply and how many of its parts went, never lowering it', async () => {
        const store = await newStore();
        await store.runTurn(key('c1', 'm1'), increment('m1'), { target: target(1) });
        const [entry] = await store.pendingOutbox('c1');
        expect(entry).toMatchObject({ partsSent: 0 });
        expect(entry!.attemptId).toBeUndefined();
        expect(await store.markAttempted(entry!.id, 'att-1')).toBe('att-1');
        // A retry (this process or the next) reuses the first id: the platform knows the reply by it.
        expect(await store.markAttempted(entry!.id, 'att-2')).toBe('att-1');
        await store.markPartsSent(entry!.id, 2);
        await store.markPartsSent(entry!.id, 1);
        await store.markFailed(entry!.id, 'HTTP 503');
        expect(await store.pendingOutbox('c1')).toMatchObject([{ id: entry!.id, attemptId: 'att-1', partsSent: 2, attempts: 1 }]);
        await store.markDelivered(entry!.id);
        expect(await store.pendingOutbox('c1')).toEqual([]);
      });
    });

    describe('restart, archive and forget as turns', () => {
      it('keeps an archived state as a past assessment, newest first', async () => {
        const store = await newStore();
        await store.runTurn(key('c1', 'm1'), async () => ({ state: { count: 5, seen: [] }, replies: [], userText: 'a' }));
        await store.runTurn(key('c1', 'm2'), async (s: Counter | undefined) => ({ state: { count: 0, seen: [] }, archive: s, replies: [], userText: 'restart' }), { schema: CounterSchema });
        const past = await store.pastAssessments<Counter>('c1', { schema: CounterSchema });
        expect(past).toMatchObject([{ conversationId: 'c1', userId: 'u1', state: { count: 5, seen: [] } }]);
        expect(await store.pastAssessments()).toHaveLength(1);
        // A redelivered restart changes nothing: later progress stays.
        await store.runTurn(key('c1', 'm3'), increment('m3'));
        await store.runTurn(key('c1', 'm2'), async () => ({ state: { count: 0, seen: [] }, archive: { count: 99, seen: [] }, replies: [], userText: 'restart' }));
        expect(await store.getState<Counter>('c1')).toEqual({ count: 1, seen: ['m3'] });
        expect(await store.pastAssessments('c1')).toHaveLength(1);
      });

      it('forgets every row of a user, also as a turn that a redelivery does not run again', async () => {
        const store = await newStore();
        const ev = { answer: 'a', descriptor: 'd' };
        const withAnswer = (id: string) => async (s: Counter | undefined) => ({ ...(await increment(id, 0)(s)), answers: [{ indicator: '3.3' as const, level: 2 as const, confidence: 0.6, evidence: ev }] });
        await store.runTurn(key('alice-dm', 'a1', 'alice'), withAnswer('a1'), { target: target(1) });
        await store.runTurn(key('alice-dm', 'a2', 'alice'), withAnswer('a2'));
        await store.runTurn(key('alice-x', 'a3', 'alice'), async (s: Counter | undefined) => ({ ...(await increment('a3')(s)), archive: { count: 0, seen: [] } }));
        await store.runTurn(key('bob-dm', 'b1', 'bob'), withAnswer('b1'));
        await store.runTurn(key('bob-dm', 'a4', 'alice'), increment('a4'));
        await store.enqueueInbox({ message: msg('alice-dm', 'a5', 'queued', 'alice') });

        const forget = (id: string) => store.runTurn(key('alice-dm', id, 'alice'), async () => ({
          replies: [], userText: 'forget', forgetUser: { userId: 'alice', replies: (r) => [{ text: `gone ${r.conversations}/${r.turns}/${r.answers}` }] },
        }));
        const out = await forget('f1');
        expect(out.replies).toEqual([{ text: 'gone 2/8/1' }]);
        expect(await store.listConversations('alice')).toEqual([]);
        expect(await store.transcript('alice-dm')).toEqual([]);
        expect(await store.answers('alice-dm')).toEqual([]);
        expect(await store.pastAssessments()).toEqual([]);
        expect(await store.pendingInbox()).toEqual([]);
        expect(await store.pendingOutbox()).toEqual([]);
        expect((await store.transcript('bob-dm')).map((t) => t.messageId)).toEqual(['b1', 'b1']);
        expect(await store.answers('bob-dm')).toHaveLength(1);
        // Redelivered: the same confirmation, nothing run again.
        expect(await forget('f1')).toMatchObject({ duplicate: true, replies: [{ text: 'gone 2/8/1' }] });
        expect(await store.forgetUser('alice')).toMatchObject({ conversations: 0, answers: 0 });
      });
    });

    describe('unreadable rows', () => {
      it('quarantine that conversation only, which starts afresh; forget reaches the quarantine', async () => {
        const store = await newStore();
        await store.runTurn(key('bad', 'm1', 'carol'), async () => ({ state: { other: true }, replies: [], userText: 'x' }));
        await store.runTurn(key('good', 'g1'), increment('g1'), { schema: CounterSchema });
        await expect(store.getState('bad', { schema: CounterSchema })).rejects.toThrow(/conversations\.state of conversation "bad" failed validation/);
        const out = await store.runTurn(key('bad', 'm2', 'carol'), increment('m2'), { schema: CounterSchema });
        expect(out.duplicate).toBe(false);
        expect(await store.getState('bad', { schema: CounterSchema })).toEqual({ count: 1, seen: ['m2'] });
        expect(await store.getState('good', { schema: CounterSchema })).toEqual({ count: 1, seen: ['g1'] });
        expect((await store.checkIntegrity()).quarantined).toMatchObject([{ conversationId: 'bad' }]);
        await store.forgetUser('carol');
        expect((await store.checkIntegrity()).quarantined).toEqual([]);
      });

      it('passes the integrity check, quick and full, on a healthy store', async () => {
        const store = await newStore();
        await store.runTurn(key('c1', 'm1'), increment('m1'));
        expect(await store.checkIntegrity()).toMatchObject({ ok: true, level: 'quick', problems: [] });
        expect(await store.checkIntegrity({ full: true })).toMatchObject({ ok: true, level: 'full', problems: [] });
      });
    });

    describe('pruning', () => {
      it('prunes processed ids older than a cut-off, keeping newer ids and every transcript', async () => {
        let now = new Date('2026-03-01T00:00:00.000Z');
        const store = await newStore(undefined, { now: () => now });
        await store.runTurn(key('c1', 'old'), increment('old'));
        now = new Date('2026-03-10T00:00:00.000Z');
        await store.runTurn(key('c1', 'new'), increment('new'));
        expect(await store.pruneProcessed(new Date('2026-03-05T00:00:00.000Z'))).toBe(1);
        expect(await store.transcript('c1')).toHaveLength(4);
        expect((await store.runTurn(key('c1', 'new'), increment('new'))).duplicate).toBe(true);
        expect(await store.pruneProcessed(new Date('2026-03-05T00:00:00.000Z'))).toBe(0);
      });
    });

    coordinationContract(newStore, () => factory.create());

    describe('two stores on one location (as two processes would be)', () => {
      const locked = factory.crossStore === 'locked';
      it.runIf(locked)('makes the other store wait for a turn in progress, computing each turn once', async () => {
        const loc = await factory.create();
        const a = await newStore(loc);
        const b = await newStore(loc);
        await a.runTurn(key('c1', 'm1'), increment('m1'));
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        let callsA = 0;
        const pending = a.runTurn(key('c1', 'from-a'), async (s: Counter | undefined) => (callsA++, await gate, increment('from-a', 0)(s)));
        await until(() => callsA > 0);
        let bDone = false;
        const fromB = b.runTurn(key('c1', 'from-b'), increment('from-b')).then((o) => ((bDone = true), o));
        await new Promise((r) => setTimeout(r, 50));
        const waited = !bDone;
        release();
        expect(waited).toBe(true);
        expect(await pending).toMatchObject({ attempts: 1, version: 2, duplicate: false });
        expect(await fromB).toMatchObject({ attempts: 1, version: 3, duplicate: false });
        expect(callsA).toBe(1);
        expect(await a.getState<Counter>('c1')).toEqual({ count: 3, seen: ['m1', 'from-a', 'from-b'] });
      });

      it.runIf(locked)('answers a message the other store is computing with its replies, once', async () => {
        const loc = await factory.create();
        const a = await newStore(loc);
        const b = await newStore(loc);
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        let calls = 0;
        const slow = async (s: Counter | undefined) => (calls++, await gate, { ...(await increment('same', 0)(s)), replies: [{ kind: 'info', text: 'from a' }] });
        const first = a.runTurn(key('c1', 'same'), slow);
        await until(() => calls > 0);
        const second = b.runTurn(key('c1', 'same'), slow);
        await new Promise((r) => setTimeout(r, 30));
        release();
        const [x, y] = await Promise.all([first, second]);
        expect([calls, x.duplicate, y.duplicate]).toEqual([1, false, true]);
        expect(y.replies).toEqual([{ kind: 'info', text: 'from a' }]);
      });

      it.runIf(!locked)('recomputes a turn whose conversation the other changed meanwhile', async () => {
        const loc = await factory.create();
        const a = await newStore(loc);
        const b = await newStore(loc);
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
        expect(await pending).toMatchObject({ attempts: 2, version: 3, duplicate: false });
        expect(seenByA).toEqual([1, 2]);
        expect(await a.getState<Counter>('c1')).toEqual({ count: 3, seen: ['m1', 'from-b', 'from-a'] });
      });

      it.runIf(!locked)('gives up with a clear error after maxAttempts conflicts', async () => {
        const loc = await factory.create();
        const a = await newStore(loc);
        const b = await newStore(loc);
        let n = 0;
        const outcome = a.runTurn(key('c1', 'm-a'), async (s: Counter | undefined) => {
          await b.runTurn(key('c1', `m-b${n++}`), increment(`m-b${n}`, 0));
          return increment('m-a', 0)(s);
        }, { maxAttempts: 2 });
        await expect(outcome).rejects.toThrow(/conversation "c1" .*changed under message "m-a" 2 times/);
        expect((await b.transcript('c1')).some((t) => t.messageId === 'm-a')).toBe(false);
      });

      it.runIf(!locked)('deduplicates a message the other committed while this one computed', async () => {
        const loc = await factory.create();
        const a = await newStore(loc);
        const b = await newStore(loc);
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const pending = a.runTurn(key('c1', 'same'), async (s: Counter | undefined) => {
          await gate;
          return { ...(await increment('same', 0)(s)), replies: [{ kind: 'info', text: 'from a' }] };
        });
        await new Promise((r) => setTimeout(r, 10));
        const fromB = await b.runTurn(key('c1', 'same'), increment('same'));
        release();
        expect(await pending).toMatchObject({ duplicate: true, replies: fromB.replies });
        expect((await a.getState<Counter>('c1'))?.count).toBe(1);
      });

      it('sees the other’s inbox rows and outbox marks', async () => {
        const loc = await factory.create();
        const a = await newStore(loc);
        const b = await newStore(loc);
        await a.enqueueInbox({ message: msg('c1', 'm1') });
        expect(await b.enqueueInbox({ message: msg('c1', 'm1') })).toEqual({ duplicate: true });
        await b.runTurn(key('c1', 'm1'), increment('m1'), { target: target(1) });
        const [entry] = await a.pendingOutbox();
        await a.markDelivered(entry!.id);
        expect(await b.pendingOutbox()).toEqual([]);
        expect(await a.pendingInbox()).toEqual([]);
      });
    });
  });
}
