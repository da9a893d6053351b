/**
 * Acks mean "stored", in Socket Mode and over HTTP: the real Bolt receivers (SocketModeReceiver against
 * the loopback socket; the guarded HTTP receiver on a loopback port) with a store whose inbox write is
 * slow, then failing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { configureLog } from '../../../log.js';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import type { SessionStore } from '../../../bot/store/index.js';
import { createTestHandler, sleep, waitFor, withStore } from '../support/handler.js';
import { postSigned, startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';

configureLog({ level: 'silent' });
let standin: SlackStandIn;
let adapter: SlackAdapter;
let http: SlackAdapter;
let port = 0;
const SECRET = 'stored-ack-secret';
const pipeline = withStore(createTestHandler().handler);
/** How the next inbox writes go: slow (ms before writing) or failing. */
const inbox = { delayMs: 0, fail: 0, entered: 0, storedAt: new Map<string, number>() };
const store = new Proxy(pipeline.store, {
  get(target, prop, receiver) {
    if (prop !== 'enqueueInbox') return Reflect.get(target, prop, receiver);
    return async (event: Parameters<SessionStore['enqueueInbox']>[0]) => {
      inbox.entered++;
      await sleep(inbox.delayMs);
      if (inbox.fail > 0) {
        inbox.fail--;
        throw new Error('SQLITE_FULL: database or disk is full');
      }
      const r = await target.enqueueInbox(event);
      inbox.storedAt.set(event.message.messageId, Date.now());
      return r;
    };
  },
}) as SessionStore;

const envelope = (id: string, channel: string, text: string, retry = 0) => ({
  envelope_id: id, type: 'events_api', accepts_response_payload: false, retry_attempt: retry, retry_reason: retry ? 'timeout' : '',
  payload: {
    team_id: 'T1', type: 'event_callback', event_id: `Ev-${channel}`,
    event: { type: 'message', channel, channel_type: 'im', user: 'U1', text, ts: '1700003000.000100', client_msg_id: `cm-${channel}` },
  },
});
const ackOf = (id: string) => standin.socketFrames.find((f) => f.envelope_id === id);

beforeAll(async () => {
  standin = await startSlackStandIn();
  adapter = createSlackAdapter({ store, handle: pipeline.handle, botToken: 'xoxb-socket', appToken: 'xapp-1-ack-test', apiUrl: standin.apiUrl, webApiRetries: 0 });
  await adapter.start();
  http = createSlackAdapter({ store, handle: pipeline.handle, botToken: 'xoxb-http', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: standin.apiUrl, webApiRetries: 0 });
  port = (await http.start()).port!;
});
afterAll(async () => {
  await http?.stop();
  await adapter?.stop();
  await standin?.close();
});

it('acks an envelope only after its event is in the inbox', async () => {
  inbox.delayMs = 400;
  const pushed = Date.now();
  standin.pushEnvelope(envelope('env-slow', 'D71', 'slow store'));
  await waitFor(() => ackOf('env-slow'), 5000, 'ack');
  const ackSeen = Date.now();
  const stored = inbox.storedAt.get('slack:cm-D71');
  // Bolt's own receiver acked at once, before the write had even started.
  expect(stored).toBeDefined();
  expect(ackSeen).toBeGreaterThanOrEqual(stored!);
  expect(ackSeen - pushed).toBeGreaterThanOrEqual(380);
  await waitFor(() => standin.posts('D71').length > 0, 5000, 'reply');
  inbox.delayMs = 0;
});

it('does not ack an envelope whose inbox write failed; the redelivery is acked and answered once', async () => {
  inbox.fail = 1;
  standin.pushEnvelope(envelope('env-fail', 'D72', 'disk full'));
  await waitFor(() => inbox.fail === 0, 5000, 'the failed write');
  await sleep(300);
  expect(ackOf('env-fail')).toBeUndefined();
  expect(standin.posts('D72')).toHaveLength(0);
  // Slack sends an unacked envelope again (a new envelope id, retry_attempt 1).
  standin.pushEnvelope(envelope('env-fail-retry', 'D72', 'disk full', 1));
  await waitFor(() => ackOf('env-fail-retry'), 5000, 'ack of the redelivery');
  await waitFor(() => standin.posts('D72').length > 0, 5000, 'reply');
  standin.pushEnvelope(envelope('env-fail-retry2', 'D72', 'disk full', 2));
  await waitFor(() => ackOf('env-fail-retry2'), 5000, 'ack of the duplicate');
  await sleep(300);
  expect(standin.posts('D72')).toHaveLength(1);
});

it('over HTTP answers 500 to an event whose inbox write failed; the retry gets 200 and one reply', async () => {
  const body = JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: 'EvH1', event: envelope('x', 'D73', 'http disk full').payload.event });
  const url = `http://127.0.0.1:${port}/slack/events`;
  inbox.fail = 1;
  expect((await postSigned(url, body, { secret: SECRET })).status).toBe(500);
  const retry = await postSigned(url, body, { secret: SECRET, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } });
  expect(retry.status).toBe(200);
  await waitFor(() => standin.posts('D73').length > 0, 5000, 'reply');
  expect((await postSigned(url, body, { secret: SECRET, headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } })).status).toBe(200);
  await sleep(300);
  expect(standin.posts('D73')).toHaveLength(1);
});

it('over HTTP a retry that arrives while the first copy is being stored gets that copy\'s outcome: 500 when it failed', async () => {
  const body = JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: 'EvH2', event: { ...envelope('x', 'D74', 'slow then full').payload.event, client_msg_id: 'cm-D74' } });
  const url = `http://127.0.0.1:${port}/slack/events`;
  // The retry goes once the first copy's write has begun, and well before that write fails.
  inbox.delayMs = 1500;
  inbox.fail = 1;
  const entered = inbox.entered;
  const first = postSigned(url, body, { secret: SECRET });
  await waitFor(() => inbox.entered > entered, 5000, 'the first copy being stored');
  const retry = postSigned(url, body, { secret: SECRET, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
  expect([(await first).status, (await retry).status]).toEqual([500, 500]);
  inbox.delayMs = 0;
  const again = await postSigned(url, body, { secret: SECRET, headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } });
  expect(again.status).toBe(200);
  await waitFor(() => standin.posts('D74').length > 0, 5000, 'reply');
  await sleep(300);
  expect(standin.posts('D74')).toHaveLength(1);
});
