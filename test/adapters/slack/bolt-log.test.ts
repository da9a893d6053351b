/** Library log lines keep their words up to the first sign of data, and never serialise objects. */
import { describe, expect, it } from 'vitest';
import { boltText } from '../../../adapters/slack/bolt-log.js';

describe('Bolt / Web API log lines', () => {
  it.each([
    ['http request body: {"channel":"D1","text":"我们的数据"}', 'http request body: [', '我们的数据'],
    ['Received a message on the WebSocket: {"payload":{"event":{"text":"hello words"}}}', 'Received a message on the WebSocket: [', 'hello words'],
    ['ack() response sent (body: words of a person)', 'ack() response sent (body: [', 'words of a person'],
    ['Malformed request body: Unexpected token \'h\', "hello words" is not valid JSON', 'Malformed request body: [', 'hello words'],
  ])('%s', (line, keeps, drops) => {
    const out = boltText(line);
    expect(out.startsWith(keeps)).toBe(true);
    expect(out).not.toContain(drops);
  });

  it('keeps plain diagnostic lines whole and drops objects and error messages', () => {
    expect(boltText("apiCall('chat.postMessage') start")).toBe("apiCall('chat.postMessage') start");
    expect(boltText('Failed to verify authenticity: signature mismatch')).toBe('Failed to verify authenticity: signature mismatch');
    expect(boltText({ text: 'words' })).toBe('[data dropped]');
    expect(boltText(Object.assign(new Error('words'), { code: 'slack_webapi_platform_error' }))).toBe('[Error slack_webapi_platform_error]');
    expect(boltText(3)).toBe('3');
  });
});
