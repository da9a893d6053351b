/** Connection failures, backoff, heartbeat and graceful shutdown of the DingTalk adapter. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLog } from '../../../log.js';
import { createDingTalkAdapter } from '../../../adapters/dingtalk/adapter.js';
import { DingTalkHttpError } from '../../../adapters/dingtalk/client.js';
import { createTestHandler, sleep, waitFor , withStore } from '../support/handler.js';
import { robotMessage, startDingTalkStandIn, type DingTalkStandIn } from '../support/dingtalk-standin.js';

const CREDS = { clientId: 'ding-client-id', clientSecret: 'ding-lifecycle-secret' };
const logs: string[] = [];
configureLog({ level: 'info', secrets: [CREDS.clientSecret], sink: (l) => logs.push(l) });

let standin: DingTalkStandIn;
beforeAll(async () => {
  standin = await startDingTalkStandIn(CREDS);
});
afterAll(async () => {
  await standin?.close();
});

describe('dingtalk adapter lifecycle', () => {
  it('retries a refused gateway with growing delays, and stop() ends the retries', async () => {
    const th = createTestHandler();
    const adapter = createDingTalkAdapter({
      ...withStore(th.handler),
      clientId: CREDS.clientId,
      clientSecret: 'wrong-secret',
      gatewayUrl: standin.gatewayUrl,
      tokenUrl: standin.tokenUrl,
      reconnect: { initialMs: 40, maxMs: 1000 },
      heartbeatMs: 0,
    });
    const before = standin.opens.length;
    const first = await adapter.start();
    expect(first.connected).toBe(false);
    expect(first.error).toBeInstanceOf(DingTalkHttpError);
    expect((first.error as DingTalkHttpError).status).toBe(401);
    await waitFor(() => standin.opens.length - before >= 5, 5000, 'retries');
    const times = standin.opens.slice(before).map((o) => o.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[3]!).toBeGreaterThan(gaps[0]! * 2); // 40 → 80 → 160 → 320 ms (±20 %)
    await adapter.stop();
    const after = standin.opens.length;
    await sleep(400);
    expect(standin.opens.length).toBe(after);
    expect(adapter.client.state).toBe('stopped');
    expect(logs.some((l) => l.includes('connection attempt failed') && l.includes('HTTP 401'))).toBe(true);
  });

  it('drops a socket whose pongs stop arriving (heartbeat) and reconnects', async () => {
    const th = createTestHandler();
    const adapter = createDingTalkAdapter({ ...withStore(th.handler), ...CREDS, gatewayUrl: standin.gatewayUrl, tokenUrl: standin.tokenUrl, reconnect: { initialMs: 30 }, heartbeatMs: 60 });
    expect((await adapter.start()).connected).toBe(true);
    const before = standin.connections;
    standin.pauseConnections();
    await waitFor(() => standin.connections > before && adapter.client.state === 'connected', 3000, 'reconnect after missed heartbeat');
    expect(logs.some((l) => l.includes('heartbeat missed'))).toBe(true);
    await adapter.stop();
  });

  it('on stop lets an in-flight turn finish and deliver its reply', async () => {
    const th = createTestHandler({ slowMs: 400 });
    const adapter = createDingTalkAdapter({ ...withStore(th.handler), ...CREDS, gatewayUrl: standin.gatewayUrl, tokenUrl: standin.tokenUrl, apiBase: standin.base, heartbeatMs: 0 });
    expect((await adapter.start()).connected).toBe(true);
    const m = robotMessage(standin, { text: { content: 'slow' } });
    standin.sendCallback(m);
    await waitFor(() => th.calls.some((c) => c.messageId === `dingtalk:${m.msgId}`), 2000, 'turn started');
    await adapter.stop();
    expect(standin.webhooks.some((w) => m.sessionWebhook === `${standin.base}${w.path}?session=abc`)).toBe(true);
    expect(adapter.client.state).toBe('stopped');
  });
});
