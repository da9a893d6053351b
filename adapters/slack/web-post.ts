/**
 * A lean Slack Web API client for the calls the outbox makes on every reply (chat.postMessage, and
 * conversations.history/replies when an attempted reply is looked up): node:http/https over one
 * keep-alive Agent, the token in the Authorization header, a JSON body for write methods (a form body
 * as @slack/web-api sends it for the rest), one JSON parse of the answer.
 *
 * Why not @slack/web-api's WebClient: its axios path (per-call config merging, interceptors, its
 * queue and retry layers, debug strings of every body built even with debug off) was the largest
 * single item of the bot's CPU per message in the delivery bench. File uploads and auth.test, which
 * are rare, stay on the WebClient.
 *
 * Retries are the outbox's (adapters/delivery.ts, bounded backoff), not this client's. What a call
 * throws says whether a retry helps:
 * - HTTP 429: an Error with `retryAfterMs` from Retry-After, which the outbox waits;
 * - other HTTP statuses, a timeout, a network error, an unreadable answer: a plain Error (retried);
 * - `ok: false`: an Error shaped like the SDK's platform error (`code: 'slack_webapi_platform_error'`,
 *   `data` = the answer), so callers classify it exactly as before (final).
 */
import http from 'node:http';
import https from 'node:https';
import querystring from 'node:querystring';

export const PLATFORM_ERROR = 'slack_webapi_platform_error';
/**
 * Write methods Slack takes as JSON: a reply's blocks go as they are, instead of JSON inside a
 * percent-encoded form field (three times the bytes for Chinese text, and the encoding's CPU).
 * Read methods (conversations.history/replies) take only form bodies.
 */
const JSON_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
const JSON_TYPE = 'application/json; charset=utf-8';
const FORM_TYPE = 'application/x-www-form-urlencoded';

export interface WebPostOptions {
  token: string;
  /** Base URL ending in `/`, e.g. https://slack.com/api/ or a local stand-in. */
  apiUrl?: string;
  /** Whole-call deadline (connect, send, answer). Default 10 s. */
  timeoutMs?: number;
  /** Sockets kept open to the API host; the outbox sends at most 16 at once. Default 16. */
  maxSockets?: number;
}

export interface WebPost {
  /** Calls `method` with `params`; resolves with Slack's answer when it says `ok: true`. */
  call<T = Record<string, unknown>>(method: string, params: Record<string, unknown>): Promise<T & { ok: true }>;
  /** Closes the kept-alive sockets. */
  close(): void;
}

/** Milliseconds from a Retry-After header given in seconds (Slack's form); undefined when absent or not a number. */
export function retryAfterMs(header: string | null | undefined): number | undefined {
  const s = header === null || header === undefined ? NaN : Number(header);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}

export function createWebPost(o: WebPostOptions): WebPost {
  const base = new URL(o.apiUrl ?? 'https://slack.com/api/');
  const secure = base.protocol === 'https:';
  const agent = new (secure ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: o.maxSockets ?? 16, scheduling: 'lifo' });
  const timeoutMs = o.timeoutMs ?? 10_000;
  const auth = `Bearer ${o.token}`;

  /** One HTTP exchange; a failure says whether it went out on a kept-alive socket (`reusedSocket`). */
  const exchange = (method: string, body: string, json: boolean) => new Promise<{ status: number; retryAfter?: string; text: string }>((resolve, reject) => {
    const url = new URL(method, base);
    const req = (secure ? https : http).request(url, {
      method: 'POST',
      agent,
      headers: { authorization: auth, 'content-type': json ? JSON_TYPE : FORM_TYPE, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('answer cut off')));
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    function fail(err: Error) {
      clearTimeout(timer);
      reject(Object.assign(err, { reusedSocket: req.reusedSocket }));
    }
    req.on('error', fail);
    req.end(body);
  });

  const call: WebPost['call'] = async (method, params) => {
    const json = JSON_METHODS.has(method);
    const body = json ? JSON.stringify(params) : encode(params);
    let r: Awaited<ReturnType<typeof exchange>>;
    try {
      r = await exchange(method, body, json);
    } catch (err) {
      // A kept-alive socket the server closed just as it was reused: nothing reached Slack, so
      // once more at once (Node's documented remedy) rather than a round of the outbox's backoff.
      const e = err as Error & { reusedSocket?: boolean; code?: string };
      if (!e.reusedSocket || e.code !== 'ECONNRESET') throw new Error(`Slack ${method} failed: ${e.message}`);
      r = await exchange(method, body, json).catch((again: Error) => {
        throw new Error(`Slack ${method} failed: ${again.message}`);
      });
    }
    if (r.status === 429) {
      throw Object.assign(new Error(`Slack ${method} rate limited (HTTP 429)`), { retryAfterMs: retryAfterMs(r.retryAfter) });
    }
    if (r.status !== 200) throw new Error(`Slack ${method} answered HTTP ${r.status}`);
    let answer: Record<string, unknown>;
    try {
      answer = JSON.parse(r.text) as Record<string, unknown>;
    } catch {
      throw new Error(`Slack ${method} answered with unreadable JSON`);
    }
    if (answer?.ok !== true) {
      const error = typeof answer?.error === 'string' ? answer.error : 'unknown_error';
      throw Object.assign(new Error(`An API error occurred: ${error}`), { code: PLATFORM_ERROR, data: answer });
    }
    return answer as never;
  };

  return { call, close: () => agent.destroy() };
}

/** As @slack/web-api encodes a call: objects and arrays as JSON, null and undefined left out. */
function encode(params: Record<string, unknown>): string {
  const flat: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    flat[k] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
  }
  return querystring.stringify(flat);
}
