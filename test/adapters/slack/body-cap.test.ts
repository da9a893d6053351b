/**
 * The body cap holds under load, measured on a real `wuyin slack` process (real bot, real Bolt):
 * 16 concurrent unsigned 50 MB bodies — half with a Content-Length, half chunked — are all
 * refused with 413, and the process's peak resident set (VmHWM) stays under 600 MB. Before the
 * cap, Bolt buffered each body whole before checking its signature (48 × 100 MB took 4.5 GB).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, freshDataDir } from '../../faults/fixtures/data-dir.js';
import { waitFor } from '../support/handler.js';
import { postSigned, startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SECRET = 'body-cap-signing-secret';
const MB = 1024 * 1024;
let standin: SlackStandIn;
let child: ChildProcess;
let stderr = '';
let base = '';

beforeAll(async () => {
  standin = await startSlackStandIn();
  const dir = await freshDataDir();
  child = spawn(process.execPath, ['bin/wuyin.mjs', 'slack', '--port', '0'], {
    cwd: ROOT,
    env: childEnv({ WUYIN_DATA_DIR: dir, WUYIN_LOG_LEVEL: 'info', SLACK_BOT_TOKEN: 'xoxb-body-cap', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: standin.apiUrl }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const port = await waitFor(() => /"port":(\d+),"path":"\/slack\/events"/.exec(stderr)?.[1], 40_000, 'wuyin slack listening');
  base = `http://127.0.0.1:${port}`;
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await standin?.close();
});

function peakRssMb(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

/** Streams `total` bytes of junk without signature headers; resolves with the status the server answered. */
function unsigned(total: number, declare: boolean): Promise<number | string> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(declare ? { 'content-length': String(total) } : {}) };
    const req = http.request(`${base}/slack/events`, { method: 'POST', headers });
    let status: number | undefined;
    req.on('response', (res) => {
      status = res.statusCode;
      res.resume();
      resolve(status ?? 0);
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(status ?? e.code ?? 'error'));
    const chunk = Buffer.alloc(64 * 1024, 0x7b);
    let sent = 0;
    const pump = () => {
      while (sent < total && status === undefined) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('a validly signed body Bolt cannot read', () => {
  it('null, payload=null and other non-objects get 400 and the process answers on (it used to exit 1)', async () => {
    const url = `${base}/slack/events`;
    for (const body of ['null', '0', '"x"', '[]', '{"type":"event_callback","event":null}']) {
      expect((await postSigned(url, body, { secret: SECRET })).status).toBe(400);
    }
    const form = { secret: SECRET, contentType: 'application/x-www-form-urlencoded' as const };
    expect((await postSigned(url, 'payload=null', form)).status).toBe(400);
    expect((await postSigned(url, 'payload=%5B%5D', form)).status).toBe(400);
    await new Promise((r) => setTimeout(r, 200));
    expect(child.exitCode).toBeNull();
    const event = { type: 'message', channel: 'DNULL', channel_type: 'im', user: 'UNULL', text: 'hello', ts: '1700003001.000100', client_msg_id: 'null-1' };
    expect((await postSigned(url, JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: 'EvNull', event }), { secret: SECRET })).status).toBe(200);
    await waitFor(() => standin.posts('DNULL').length > 0, 15_000, 'a reply after the null bodies');
  }, 30_000);
});

describe('the Slack receiver under oversized bodies', () => {
  it('refuses 16 concurrent unsigned 50 MB bodies with 413, peak RSS under 600 MB, and keeps serving', async () => {
    const before = peakRssMb(child.pid!);
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => unsigned(50 * MB, i % 2 === 0)));
    // Every body is refused. Most clients read the 413; a client still uploading when the server drops the
    // socket (after its short drain) may see the reset first — refused all the same, nothing buffered.
    expect(results.every((r) => r === 413 || r === 'ECONNRESET' || r === 'EPIPE')).toBe(true);
    expect(results.filter((r) => r === 413).length).toBeGreaterThanOrEqual(12);
    const peak = peakRssMb(child.pid!);
    console.log(`body cap: peak RSS ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB after 16 × 50 MB`);
    expect(peak).toBeLessThan(600);
    // Still serving: a signed DM gets its reply.
    const event = { type: 'message', channel: 'DCAP', channel_type: 'im', user: 'UCAP', text: 'hello', ts: '1700003000.000100', client_msg_id: 'cap-1' };
    const res = await postSigned(`${base}/slack/events`, JSON.stringify({ team_id: 'T1', type: 'event_callback', event_id: 'EvCap', event }), { secret: SECRET });
    expect(res.status).toBe(200);
    await waitFor(() => standin.posts('DCAP').length > 0, 15_000, 'a reply after the flood');
    expect(child.exitCode).toBeNull();
  }, 60_000);
});
