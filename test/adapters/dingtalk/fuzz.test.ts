/**
 * Fuzz, fixed seed: 300 malformed DingTalk stream frames (not JSON, not objects, unknown types and
 * topics, missing or hostile headers, data that is not JSON, robot messages with wrong types or
 * ids an id cannot be) against the real DWClient subclass through the loopback gateway stand-in,
 * with the real bot on a real SQLite file. No crash, no hang; every frame with a usable messageId
 * is acknowledged; nothing in the store changes; the robot still answers afterwards.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDingTalkAdapter, type DingTalkAdapter } from '../../../adapters/dingtalk/adapter.js';
import { createBot, type Bot } from '../../../bot/index.js';
import { isCleanId } from '../../../bot/sanitize.js';
import { loadConfig } from '../../../config.js';
import { configureLog } from '../../../log.js';
import { freshDataDir } from '../../faults/fixtures/data-dir.js';
import { badIds, dumpStore, mutateAt, oddText, prng, WRONG_TYPES, type Rng } from '../support/fuzz.js';
import { waitFor } from '../support/handler.js';
import { robotMessage, startDingTalkStandIn, type DingTalkStandIn } from '../support/dingtalk-standin.js';

const CREDS = { clientId: 'fuzz-client', clientSecret: 'fuzz-client-secret-123' };
configureLog({ level: 'silent' });

let standin: DingTalkStandIn;
let adapter: DingTalkAdapter;
let bot: Bot;
let dbFile = '';

beforeAll(async () => {
  standin = await startDingTalkStandIn(CREDS);
  const dir = await freshDataDir();
  bot = await createBot(loadConfig({ WUYIN_DATA_DIR: dir }));
  dbFile = path.join(dir, 'wuyin.sqlite');
  adapter = createDingTalkAdapter({
    handle: bot.handle, store: bot.store, ...CREDS, gatewayUrl: standin.gatewayUrl, tokenUrl: standin.tokenUrl, apiBase: standin.base,
    rateLimitPerMin: 10_000, reconnect: { initialMs: 50, maxMs: 400 }, heartbeatMs: 0,
  });
  expect((await adapter.start()).connected).toBe(true);
}, 60_000);
afterAll(async () => {
  await adapter?.stop();
  await bot?.close();
  await standin?.close();
});

const SEED = { conversationId: 'cid-fuzz-seed', senderStaffId: 'staff-fuzz', senderId: '$:LWCP_v1:$fuzz' };
let frameSeq = 0;
const frame = (headers: unknown, data: unknown, type: unknown = 'CALLBACK') => JSON.stringify({ specVersion: '1.0', type, headers, data });
const goodHeaders = () => ({ appId: 'a', connectionId: 'c', contentType: 'application/json', messageId: `fz-frame-${++frameSeq}`, time: '1', topic: '/v1.0/im/bot/messages/get' });

/** A malformed frame, and the messageId it should be acked with (if it carries a usable one). */
function malformed(rng: Rng): { text: string; ackId?: string } {
  const roll = rng.int(100);
  if (roll < 10) return { text: rng.pick(['', 'null', '0', '[]', '"x"', '{', 'not json 用户的话', '{"type":null}', '\u0000', '[{"type":"CALLBACK"}]']) };
  if (roll < 25) {
    const h = goodHeaders();
    const headers = rng.pick<unknown>([null, 'x', [], 5, { ...h, messageId: rng.pick(WRONG_TYPES) }, { ...h, messageId: badIds(rng) }, { ...h, topic: rng.pick(WRONG_TYPES) }]);
    return { text: frame(headers, JSON.stringify(robotMessage(standin, SEED)), rng.pick(['CALLBACK', 'EVENT', 'SYSTEM'])) };
  }
  if (roll < 35) {
    const h = goodHeaders();
    return { text: frame(h, JSON.stringify(robotMessage(standin, SEED)), rng.pick([null, 5, 'callback', 'OTHER', [], {}])), ackId: undefined };
  }
  if (roll < 45) {
    const h = { ...goodHeaders(), topic: rng.pick(['/v1.0/card/instances/callback', 'error', '__proto__', 'constructor', 'newListener', oddText(rng, 5), 'x'.repeat(300)]) };
    return { text: frame(h, '{}', rng.pick(['CALLBACK', 'EVENT'])), ackId: h.topic.length <= 256 ? h.messageId : undefined };
  }
  if (roll < 60) {
    const h = goodHeaders();
    return { text: frame(h, rng.pick<unknown>([undefined, null, 5, {}, [], 'not json', '{', 'null', '[]', '"x"', '7'])), ackId: h.messageId };
  }
  const h = goodHeaders();
  const fields: Array<[string, () => unknown]> = [
    ['msgId', () => rng.pick([...WRONG_TYPES, badIds(rng)])],
    ['conversationId', () => rng.pick([...WRONG_TYPES, badIds(rng)])],
    ['senderId', () => rng.pick([...WRONG_TYPES, badIds(rng)])],
    ['senderStaffId', () => rng.pick([null, 5, badIds(rng)])],
    ['robotCode', () => rng.pick([null, 5, badIds(rng)])],
    ['conversationType', () => rng.pick(['3', 1, 2, null, '', '1 '])],
    ['msgtype', () => rng.pick([null, 5, '', {}, 'x'.repeat(100)])],
    ['sessionWebhook', () => rng.pick([null, 5, '', 'not a url', 'x'.repeat(3000)])],
    ['sessionWebhookExpiredTime', () => rng.pick(['abc', -1, null, 0, {}])],
    ['text', () => rng.pick([5, 'x', [], { content: 5 }, { content: null }])],
  ];
  const [p, value] = rng.pick(fields);
  const m = robotMessage(standin, { ...SEED, text: { content: ' 3' } });
  const d = rng.next() < 0.1 ? mutateAt(m, p, undefined) : mutateAt(m, p, value());
  if (p === 'senderStaffId' && d.senderStaffId === undefined) d.senderStaffId = null; // absent is valid (the sender id is used)
  if (p === 'robotCode' && d.robotCode === undefined) d.robotCode = 5;
  if (p === 'text' && d.text === undefined) d.text = 5;
  return { text: frame(h, JSON.stringify(d)), ackId: h.messageId };
}

describe('dingtalk fuzz (seed 20261202)', () => {
  it('300 malformed frames: no crash, no hang, acked where possible, no state change, still answering', async () => {
    const rng = prng(20261202);
    let i = 0;
    for (const t of ['开始', '全部', '2']) {
      standin.sendCallback(robotMessage(standin, { ...SEED, text: { content: t } }));
      const want = ++i;
      await waitFor(() => standin.webhooks.filter((w) => JSON.stringify(w.body).length > 0).length >= want, 10_000, `seed reply ${want}`);
    }
    await new Promise((r) => setTimeout(r, 300));
    const before = dumpStore(dbFile);
    const hooksBefore = standin.webhooks.length + standin.openapi.length;

    const frames = Array.from({ length: 300 }, () => malformed(rng));
    for (const f of frames) standin.sendRaw(f.text);
    const wantAcks = frames.map((f) => f.ackId).filter((id): id is string => typeof id === 'string' && isCleanId(id));
    await waitFor(() => wantAcks.every((id) => standin.frames.some((fr) => fr.frame.headers?.messageId === id)), 10_000, 'an ack for every frame with a usable messageId');
    await new Promise((r) => setTimeout(r, 500));
    expect(dumpStore(dbFile), 'no state change from a malformed frame').toBe(before);
    expect(standin.connections).toBe(1); // never dropped the socket
    console.log(`dingtalk fuzz: 300 frames, ${wantAcks.length} acked; replies sent for them: ${standin.webhooks.length + standin.openapi.length - hooksBefore}`);

    // Still answering, in the same conversation, where the seeded state continues.
    const hooks = standin.webhooks.length;
    standin.sendCallback(robotMessage(standin, { ...SEED, text: { content: '3' } }));
    await waitFor(() => standin.webhooks.length > hooks, 10_000, 'a reply after the flood');
    expect(dumpStore(dbFile)).not.toBe(before);
  }, 60_000);
});
