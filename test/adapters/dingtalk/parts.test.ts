/**
 * A reply too long for one DingTalk message goes as several; when a later one fails, the retry sends
 * only what had not gone. The real DWClient (Wuyin's subclass) against the loopback gateway.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { configureLog } from '../../../log.js';
import { createDingTalkAdapter, type DingTalkAdapter } from '../../../adapters/dingtalk/adapter.js';
import type { Handler } from '../../../bot/types.js';
import { waitFor, withStore } from '../support/handler.js';
import { robotMessage, startDingTalkStandIn, type DingTalkStandIn } from '../support/dingtalk-standin.js';

const CREDS = { clientId: 'ding-parts-id', clientSecret: 'ding-parts-secret-xyz' };
configureLog({ level: 'silent' });

let standin: DingTalkStandIn;
let adapter: DingTalkAdapter;
let pipeline: ReturnType<typeof withStore>;
// 80 numbered lines of 90 characters: more than one message (3 500 characters) can hold.
const lines = Array.from({ length: 80 }, (_, i) => `line ${String(i).padStart(2, '0')} ${'x'.repeat(82)}`);
const handler: Handler = async () => [{ kind: 'answer', text: lines.join('\n'), blocks: [{ kind: 'text', text: lines.join('\n') }] }];

beforeAll(async () => {
  standin = await startDingTalkStandIn(CREDS);
  pipeline = withStore(handler);
  adapter = createDingTalkAdapter({
    ...pipeline, ...CREDS, gatewayUrl: standin.gatewayUrl, tokenUrl: standin.tokenUrl, apiBase: standin.base, heartbeatMs: 0,
  });
  expect((await adapter.start()).connected).toBe(true);
});
afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
});

it('sends each part of a long reply once when a later part fails on both paths and is retried', async () => {
  const m = robotMessage(standin);
  const path = new URL(String(m.sessionWebhook)).pathname;
  let hits = 0;
  let openapiFailures = 0;
  // The second message of the reply: the webhook refuses it once and the OpenAPI fallback too.
  standin.webhookAnswer = (p) => (p === path && ++hits === 2 ? { status: 500, body: { errcode: 500, errmsg: 'busy' } } : { status: 200, body: { errcode: 0, errmsg: 'ok' } });
  standin.openapiAnswer = () => (openapiFailures++ === 0 ? { status: 503, body: { code: 'ServiceUnavailable', message: 'busy' } } : undefined);
  standin.sendCallback(m);
  const texts = () => standin.webhooks.filter((w) => w.path === path).map((w) => String((w.body.markdown as { text: string }).text));
  await waitFor(async () => texts().length >= 3 && (await pipeline.store.pendingOutbox()).length === 0, 10_000, 'the retried part');
  await new Promise((r) => setTimeout(r, 300)); // a part sent twice would arrive now
  const sent = texts();
  const firstPart = sent[0]!;
  expect(firstPart).toContain('line 00');
  // Before each sent part was recorded, the retry began again at the first part: the person got it twice.
  expect(sent.filter((t) => t === firstPart)).toHaveLength(1);
  // The failed second part, then its retry, then the rest; together they hold every line once, in order.
  expect(sent.length).toBeGreaterThanOrEqual(3);
  expect(sent[2]).toBe(sent[1]);
  expect(new Set(sent).size).toBe(sent.length - 1);
  const delivered = sent.filter((_, i) => i !== 1).join('\n');
  expect(lines.map((l) => delivered.indexOf(l))).toEqual([...lines.map((l) => delivered.indexOf(l))].sort((a, b) => a - b));
  expect(lines.every((l) => delivered.split(l).length === 2)).toBe(true);
  expect(openapiFailures).toBe(1);
  expect(await pipeline.store.undeliverable()).toEqual([]);
});
