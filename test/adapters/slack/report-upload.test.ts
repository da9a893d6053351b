/**
 * The report reaches Slack as files: the real Bolt app, signed requests, the loopback Web API
 * stand-in's three upload calls (files.getUploadURLExternal, the upload, files.completeUploadExternal).
 * With Chromium the PDF is uploaded beside the HTML; without it (outside CI) only the HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import { buildReport } from '../../../bot/report.js';
import { reportReply } from '../../../bot/report-render.js';
import type { Handler } from '../../../bot/types.js';
import { loadRubric } from '../../../knowledge/load.js';
import { CHROMIUM, HOSTILE, browserAvailable, finished } from '../../report/helpers.js';
import { postSigned, startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';
import { waitFor, withStore } from '../support/handler.js';
import { openReportLinks } from '../../../bot/store/report-links.js';
import { reportHandler } from '../../../report/server.js';
import { tmpDir } from '../../bot/helpers.js';

const SECRET = 'report-secret';
const PDF = browserAvailable('test/adapters/slack/report-upload.test.ts');
let standin: SlackStandIn;
let adapter: SlackAdapter;
let events: string;
const rubric = loadRubric();
const links = openReportLinks(tmpDir());
const subject = finished({ '1.1': { level: 2, words: HOSTILE }, '2.1': 3 }, { queue: ['1.1', '2.1'], locale: 'en' });
const handler: Handler = async () => [reportReply(buildReport(rubric, finished({ '1.1': { level: 2, words: HOSTILE }, '2.1': 3 }, { queue: ['1.1', '2.1'], locale: 'en' }), { client: 'ACME' }), 'en')];

beforeAll(async () => {
  standin = await startSlackStandIn();
  adapter = createSlackAdapter({ ...withStore(handler), botToken: 'xoxb-test', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: standin.apiUrl, webApiRetries: 0, ...(PDF ? { chromiumPath: CHROMIUM } : {}),
    reportRoute: reportHandler({ links, rubric, loadState: async (id) => (id === 'slack:T1:D900' ? subject : undefined) }) });
  events = `http://127.0.0.1:${(await adapter.start()).port}/slack/events`;
});
afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
  await links.close();
});

describe('the report in Slack', () => {
  it('uploads the PDF and the self-contained HTML with files.uploadV2 in the conversation', async () => {
    const event = { type: 'message', channel: 'D900', channel_type: 'im', user: 'U9', text: 'report', ts: '1700000900.000001', client_msg_id: 'cm-r1', team: 'T1' };
    const body = JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvR1', event_time: 1700000000, event });
    expect((await postSigned(events, body, { secret: SECRET })).status).toBe(200);
    const complete = await waitFor(() => standin.calls.find((c) => c.method === 'files.completeUploadExternal' && String(c.params.files).includes('(HTML)')), 25_000, 'report upload');
    const names = standin.calls.filter((c) => c.method === 'files.getUploadURLExternal').map((c) => String(c.params.filename));
    expect(names.filter((n) => n.startsWith('wuyin-report-'))).toEqual(PDF ? [expect.stringMatching(/\.pdf$/), expect.stringMatching(/\.html$/)] : [expect.stringMatching(/\.html$/)]);
    expect(complete.params.channel_id).toBe('D900');
    const html = standin.uploads.find((u) => u.bytes.subarray(0, 15).toString().toLowerCase() === '<!doctype html>')!;
    expect(html.bytes.toString()).toContain('&lt;script&gt;window.__pwned=1');
    if (PDF) expect(standin.uploads.some((u) => u.bytes.subarray(0, 5).toString() === '%PDF-')).toBe(true);
  });

  it('serves report links on the Bolt HTTP server (HTTP mode), 404 for a guessed token', async () => {
    const base = events.replace('/slack/events', '');
    const { token } = await links.create({ conversationId: 'slack:T1:D900', userId: 'slack:T1:U9', locale: 'en' }, 60_000);
    const ok = await fetch(`${base}/reports/${token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await ok.text()).toContain('Digital-intelligence maturity report');
    expect((await fetch(`${base}/reports/${token.slice(0, -2)}xx`)).status).toBe(404);
  });
});
