/** Socket Mode (SLACK_APP_TOKEN): the real Bolt SocketModeReceiver against a loopback WebSocket. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLog } from '../../../log.js';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import { createTestHandler, waitFor , withStore } from '../support/handler.js';
import { startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';

const APP_TOKEN = 'xapp-1-socket-token-abcdef';
const logs: string[] = [];
configureLog({ level: 'info', secrets: [APP_TOKEN], sink: (l) => logs.push(l) });

let standin: SlackStandIn;
let adapter: SlackAdapter;
const th = createTestHandler();

beforeAll(async () => {
  standin = await startSlackStandIn();
  adapter = createSlackAdapter({ ...withStore(th.handler), botToken: 'xoxb-socket', appToken: APP_TOKEN, apiUrl: standin.apiUrl, webApiRetries: 0 });
  await adapter.start();
});
afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
});

describe('slack adapter in Socket Mode', () => {
  it('connects through apps.connections.open and logs the connection state', () => {
    expect(adapter.mode).toBe('socket');
    expect(standin.calls.some((c) => c.method === 'apps.connections.open')).toBe(true);
    expect(standin.socketConnections).toBe(1);
    expect(logs.some((l) => l.includes('socket mode connection state') && l.includes('"state":"connected"'))).toBe(true);
  });

  it('acks an events_api envelope and answers the DM', async () => {
    standin.pushEnvelope({
      envelope_id: 'env-1',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      payload: {
        team_id: 'T1',
        type: 'event_callback',
        event_id: 'EvS1',
        event: { type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: 'over the socket', ts: '1700002000.000100', client_msg_id: 'sock-1' },
      },
    });
    await waitFor(() => standin.socketFrames.find((f) => f.envelope_id === 'env-1'), 5000, 'ack');
    const [p] = await waitFor(() => standin.posts('D1').length > 0 && standin.posts('D1'), 5000, 'reply');
    expect(JSON.stringify(p!.params.blocks)).toContain('over the socket');
    expect(logs.join('\n')).not.toContain(APP_TOKEN);
  });
});
