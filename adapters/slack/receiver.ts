/**
 * The Slack HTTP receiver: Bolt's HTTPReceiver behind a guard that handles POST /slack/events
 * before Bolt does. In order, and each step only when the previous passed:
 *
 * 1. the body is read with a cap (WUYIN_MAX_BODY_BYTES, default 1 MB): a Content-Length over
 *    it, or streamed bytes going over it, get 413 at once and nothing past the cap is kept (the
 *    rest drains unread for a moment, then the connection goes); a body that dribbles in slower
 *    than `bodyTimeoutMs` gets 408;
 * 2. the signature is checked (v0 HMAC-SHA256, constant-time) and the timestamp must be within
 *    five minutes either way (Bolt only rejects old ones): 401;
 * 3. the body is parsed exactly as Bolt parses it, and sorted (envelope.ts): 400 for a body Bolt
 *    cannot read safely (`null`, `payload=null`, arrays, wrong field types), 200 at once for a
 *    valid body nothing here listens for;
 * 4. only then Bolt gets the request, with the body already buffered (`rawBody`), and acks.
 *
 * Bolt's own signature check is off (`signatureVerification: false`): step 2 covers all it checked
 * (both headers present as single strings, a numeric timestamp no more than five minutes old, `v0`, the
 * HMAC of the same body text) and more (future timestamps, the signature's form), and every request
 * Bolt would treat as an event — a POST whose URL path is EVENTS_PATH, the same test Bolt applies —
 * goes through the guard first. Slack's `ssl_check`, which Bolt lets through unsigned, is answered here.
 *
 * Nothing here waits on a turn: the ack follows from the bytes of the request alone.
 */
import crypto from 'node:crypto';
import type { IncomingMessage as HttpRequest, ServerResponse } from 'node:http';
import querystring from 'node:querystring';
import { HTTPReceiver, type CustomRoute, type Logger as BoltLogger } from '@slack/bolt';
import { logger } from '../../log.js';
import { sortBody, type ListenedFor } from './envelope.js';

export interface GuardedReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
  listens: ListenedFor;
  /** Largest body read, in bytes. Default 1 MB. */
  maxBodyBytes?: number;
  /** A body must have arrived this long after its headers. Default 10 s. */
  bodyTimeoutMs?: number;
  /** Answers GET /healthz: 200 when ok, else 503, with the fields as JSON. */
  health: () => Promise<{ ok: boolean } & Record<string, unknown>>;
  /**
   * Passed to Bolt: true makes the HTTP response wait for the listener, which writes the event to the
   * durable inbox before it acks (adapters/delivery.ts) — the ack then means "stored", never "seen".
   */
  processBeforeResponse?: boolean;
  /** More GET routes on the same server (the report pages at /reports/:token). */
  extraRoutes?: CustomRoute[];
  now?: () => number;
}

export const EVENTS_PATH = '/slack/events';
const MAX_SKEW_S = 5 * 60;
const log = logger('slack:receiver');

export function createGuardedReceiver(o: GuardedReceiverOptions): HTTPReceiver {
  const max = o.maxBodyBytes ?? 1024 * 1024;
  const now = o.now ?? Date.now;
  // The guard is the only signature check: without a secret nothing could pass it honestly.
  if (!o.signingSecret) throw new Error('slack receiver: a signing secret is required');
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret,
    // Checked once, by the guard below (step 2), before Bolt sees the request.
    signatureVerification: false,
    endpoints: EVENTS_PATH,
    logger: o.logger,
    processBeforeResponse: o.processBeforeResponse ?? false,
    customRoutes: [
      ...(o.extraRoutes ?? []),
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          o.health().then(
            (h) => send(res, h.ok ? 200 : 503, JSON.stringify(h)),
            () => send(res, 503, JSON.stringify({ ok: false })),
          );
        },
      },
    ],
  });
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== EVENTS_PATH || req.method?.toUpperCase() !== 'POST') return bolt(req, res);
    void guard(req, res).then(
      (ok) => ok && bolt(req, res),
      (err: unknown) => {
        log.error('receiver guard failed', { error: (err as Error)?.name ?? 'error' });
        if (!res.headersSent) send(res, 400);
      },
    );
  };
  return receiver;

  /** Resolves true when Bolt may take the request (its body is in `rawBody`); otherwise it was answered. */
  async function guard(req: HttpRequest, res: ServerResponse): Promise<boolean> {
    const read = await readCapped(req, max, o.bodyTimeoutMs ?? 10_000);
    if (!read.ok) {
      if (read.status) {
        log.info('request rejected while reading', { status: read.status, why: read.why });
        reject(req, res, read.status, max);
      }
      return false;
    }
    const raw = read.body;
    const type = req.headers['content-type'];
    const text = raw.toString('utf8');
    if (type === 'application/x-www-form-urlencoded' && querystring.parse(text).ssl_check === '1') {
      send(res, 200); // Slack's SSL check carries no signature and nothing to process
      return false;
    }
    const bad = verify(o.signingSecret, req.headers, text, Math.floor(now() / 1000));
    if (bad) {
      log.info('request rejected: signature', { why: bad });
      send(res, 401);
      return false;
    }
    let body: unknown;
    try {
      body = parseLikeBolt(text, type);
    } catch {
      log.warn('signed request with an unreadable body', { bytes: raw.length, contentType: String(type ?? '') });
      send(res, 400);
      return false;
    }
    const verdict = sortBody(body, o.listens);
    if (verdict.kind === 'invalid') {
      log.warn('signed request with an invalid payload', { why: verdict.why });
      send(res, 400);
      return false;
    }
    if (verdict.kind === 'ignore') {
      log.debug('signed request ignored', { why: verdict.why });
      send(res, 200);
      return false;
    }
    (req as HttpRequest & { rawBody?: Buffer }).rawBody = raw;
    return true;
  }
}

type Read = { ok: true; body: Buffer } | { ok: false; status?: 408 | 413 | 400; why: string };

/** Reads a request body, keeping at most `max` bytes; stops reading the moment it would exceed them. */
export function readCapped(req: HttpRequest, max: number, timeoutMs: number): Promise<Read> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && !/^\d+$/.test(declared)) {
    return Promise.resolve({ ok: false, status: 400, why: 'bad content-length' });
  }
  if (declared !== undefined && Number(declared) > max) {
    return Promise.resolve({ ok: false, status: 413, why: 'declared length over the cap' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: Read) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      if (!r.ok) req.pause();
      resolve(r);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > max) return finish({ ok: false, status: 413, why: 'body over the cap' });
      chunks.push(c);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    const timer = setTimeout(() => finish({ ok: false, status: 408, why: 'body too slow' }), timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => finish({ ok: false, why: 'request stream error' }));
    req.on('aborted', () => finish({ ok: false, why: 'client aborted' }));
  });
}

/** Why the request is not Slack's (undefined when it is). */
export function verify(secret: string, headers: HttpRequest['headers'], body: string, nowSec: number): string | undefined {
  const sig = headers['x-slack-signature'];
  const tsHeader = headers['x-slack-request-timestamp'];
  if (typeof sig !== 'string' || typeof tsHeader !== 'string') return 'missing signature headers';
  if (!/^\d{1,12}$/.test(tsHeader)) return 'timestamp is not a number';
  const ts = Number(tsHeader);
  if (ts < nowSec - MAX_SKEW_S) return 'timestamp too old';
  if (ts > nowSec + MAX_SKEW_S) return 'timestamp in the future';
  if (!/^v0=[0-9a-f]{64}$/.test(sig)) return 'malformed signature';
  const ours = crypto.createHmac('sha256', secret).update(`v0:${tsHeader}:${body}`).digest();
  return crypto.timingSafeEqual(ours, Buffer.from(sig.slice(3), 'hex')) ? undefined : 'signature mismatch';
}

/** The body as Bolt's parseHTTPRequestBody reads it (form only for that exact content type). */
function parseLikeBolt(text: string, contentType: string | undefined): unknown {
  if (contentType === 'application/x-www-form-urlencoded') {
    const qs = querystring.parse(text);
    return typeof qs.payload === 'string' ? JSON.parse(qs.payload) : { ...qs };
  }
  return JSON.parse(text);
}

function send(res: ServerResponse, status: number, body?: string): void {
  if (res.headersSent) return;
  res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
  res.end(body);
}

/**
 * Answers, then lets the rest of the body drain without keeping a byte of it, so the client can
 * read the answer instead of meeting a reset; a body that keeps coming (more than 16 caps, or
 * for more than 2 s) loses its connection.
 */
function reject(req: HttpRequest, res: ServerResponse, status: number, max: number): void {
  res.writeHead(status);
  res.end();
  let drained = 0;
  req.on('data', (c: Buffer) => {
    drained += c.length;
    if (drained > 16 * max) req.socket.destroy();
  });
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), 2000).unref();
  req.once('end', () => clearTimeout(timer));
}
