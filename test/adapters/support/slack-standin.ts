/**
 * A loopback stand-in for Slack's side of the wire: the Web API (auth.test,
 * chat.postMessage, files.getUploadURLExternal / upload / files.completeUploadExternal),
 * response_url endpoints, files behind `url_private` (only with the bot token, as Slack serves them),
 * plus a helper that signs requests like Slack does.
 *
 * Posted messages are kept per channel as Slack keeps them, and read back in Slack's shapes:
 * conversations.history (newest first, `oldest`/`latest` exclusive, `limit`, cursor pages) and
 * conversations.replies (a thread, oldest first). A message's `metadata` ({event_type,
 * event_payload}, given to chat.postMessage) is returned only with `include_all_metadata`, as Slack
 * does. Unlike Slack, a thread whose parent was never posted here (a person's message) still answers
 * with its replies instead of thread_not_found.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
}

/** A message as Slack stores it (the fields Wuyin reads back). */
export interface StoredMessage {
  type: 'message';
  ts: string;
  thread_ts?: string;
  bot_id: string;
  text: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface SlackStandIn {
  apiUrl: string;
  /** Messages kept per channel, oldest first. */
  messages: Map<string, StoredMessage[]>;
  base: string;
  calls: ApiCall[];
  uploads: Array<{ id: string; bytes: Buffer; contentType: string }>;
  responses: Array<{ path: string; body: Record<string, unknown>; at: number }>;
  close(): Promise<void>;
  /** Socket Mode: frames the app sent back (acks), and a way to push an envelope. */
  socketFrames: Array<Record<string, unknown>>;
  socketConnections: number;
  pushEnvelope(envelope: Record<string, unknown>): void;
  /**
   * Serves a file at `<base>/files-pri/<id>/<name>` to requests with `Authorization: Bearer <token>`
   * (others get the sign-in page, as Slack answers without files:read). `endless`: `bytes` repeated
   * forever without a content-length (a huge file that only the reader's cap stops).
   */
  serveFile(id: string, name: string, bytes: Buffer, o?: { token?: string; endless?: boolean }): string;
  /** Requests for served files: the authorization header and how many body bytes went out. */
  fileRequests: Array<{ id: string; authorization?: string; sent: number }>;
  /** All chat.postMessage calls, optionally for one channel. */
  posts(channel?: string): ApiCall[];
}

export const BOT = { userId: 'UBOT', botId: 'BBOT', team: 'T1' };

export async function startSlackStandIn(): Promise<SlackStandIn> {
  const calls: ApiCall[] = [];
  const uploads: SlackStandIn['uploads'] = [];
  const responses: SlackStandIn['responses'] = [];
  let seq = 0;
  let base = '';
  const messages = new Map<string, StoredMessage[]>();
  let lastTs = 0;
  /** Slack ts: seconds.micro, unique and increasing within a workspace. */
  const nextTs = () => {
    lastTs = Math.max(lastTs + 1, Date.now() * 1000);
    return `${Math.floor(lastTs / 1e6)}.${String(lastTs % 1e6).padStart(6, '0')}`;
  };
  const withMeta = (m: StoredMessage, all: boolean) => (all || !m.metadata ? m : { ...m, metadata: undefined });
  const truthy = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1;
  /** Slack's timeline window: oldest/latest exclusive unless inclusive, newest first, limit + cursor (an offset here). */
  const page = (list: StoredMessage[], params: Record<string, unknown>, newestFirst: boolean) => {
    const incl = truthy(params.inclusive);
    const oldest = params.oldest === undefined ? -Infinity : Number(params.oldest);
    const latest = params.latest === undefined ? Infinity : Number(params.latest);
    const inWindow = list.filter((m) => { const t = Number(m.ts); return incl ? t >= oldest && t <= latest : t > oldest && t < latest; });
    const ordered = newestFirst ? [...inWindow].reverse() : inWindow;
    const limit = Math.min(Number(params.limit ?? 100) || 100, 1000);
    const offset = Number(params.cursor ?? 0) || 0;
    const slice = ordered.slice(offset, offset + limit).map((m) => withMeta(m, truthy(params.include_all_metadata)));
    const more = offset + limit < ordered.length;
    return { ok: true, messages: slice, has_more: more, response_metadata: { next_cursor: more ? String(offset + limit) : '' } };
  };

  const files = new Map<string, { bytes: Buffer; token: string; endless: boolean }>();
  const fileRequests: SlackStandIn['fileRequests'] = [];
  const serve = (req: http.IncomingMessage, res: http.ServerResponse, id: string) => {
    const f = files.get(id);
    const rec = { id, authorization: req.headers.authorization, sent: 0 };
    fileRequests.push(rec);
    if (!f) return void (res.writeHead(404), res.end());
    if (req.headers.authorization !== `Bearer ${f.token}`) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end('<!doctype html><title>Slack</title><p>Sign in to your workspace</p>');
    }
    if (!f.endless) {
      rec.sent = f.bytes.length;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.bytes.length });
      return void res.end(f.bytes);
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const pump = () => {
      while (!res.destroyed && rec.sent < 1024 ** 3) {
        rec.sent += f.bytes.length;
        if (!res.write(f.bytes)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => undefined);
    pump();
  };

  const server = http.createServer((req, res) => {
    const fileMatch = /^\/files-pri\/([^/]+)\//.exec(req.url ?? '');
    if (fileMatch && req.method === 'GET') return serve(req, res, fileMatch[1]!);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://x');
      const type = String(req.headers['content-type'] ?? '');
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname.startsWith('/upload/')) {
        uploads.push({ id: url.pathname.slice('/upload/'.length), bytes: extractFile(raw, type), contentType: type });
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('OK - ' + raw.length);
      }
      if (url.pathname.startsWith('/respond/')) {
        responses.push({ path: url.pathname, body: JSON.parse(raw.toString() || '{}'), at: Date.now() });
        return json(200, { ok: true });
      }
      if (!url.pathname.startsWith('/api/')) return json(404, { ok: false, error: 'not_found' });
      const method = url.pathname.slice('/api/'.length);
      const params = parseParams(raw, type);
      calls.push({ method, params, at: Date.now() });
      seq += 1;
      switch (method) {
        case 'auth.test':
          return json(200, { ok: true, url: 'https://test.slack.com/', team: 'Test', user: 'wuyin', team_id: BOT.team, user_id: BOT.userId, bot_id: BOT.botId });
        case 'chat.postMessage': {
          const channel = String(params.channel);
          const meta = params.metadata as StoredMessage['metadata'] | undefined;
          const m: StoredMessage = {
            type: 'message', ts: nextTs(), bot_id: BOT.botId, text: String(params.text ?? ''),
            ...(params.thread_ts ? { thread_ts: String(params.thread_ts) } : {}),
            ...(meta?.event_type ? { metadata: { event_type: meta.event_type, event_payload: meta.event_payload ?? {} } } : {}),
          };
          messages.set(channel, [...(messages.get(channel) ?? []), m]);
          return json(200, { ok: true, channel, ts: m.ts, message: m });
        }
        case 'conversations.history': {
          const list = (messages.get(String(params.channel)) ?? []).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
          return json(200, page(list, params, true));
        }
        case 'conversations.replies': {
          const ts = String(params.ts ?? '');
          if (!ts) return json(200, { ok: false, error: 'invalid_arguments' });
          const list = (messages.get(String(params.channel)) ?? []).filter((m) => m.ts === ts || m.thread_ts === ts);
          return json(200, page(list, params, false));
        }
        case 'files.getUploadURLExternal':
          return json(200, { ok: true, upload_url: `${base}/upload/F${seq}`, file_id: `F${seq}` });
        case 'apps.connections.open':
          return json(200, { ok: true, url: `${base.replace('http', 'ws')}/socket` });
        case 'files.completeUploadExternal':
          return json(200, { ok: true, files: JSON.parse(String(params.files ?? '[]')) });
        default:
          return json(200, { ok: false, error: 'unknown_method' });
      }
    });
  });
  // Socket Mode: the app connects to the URL apps.connections.open handed out; Slack says hello.
  const socketFrames: Array<Record<string, unknown>> = [];
  const sockets = new Set<WebSocket>();
  let socketConnections = 0;
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/socket')) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      socketConnections += 1;
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (d) => socketFrames.push(JSON.parse(d.toString())));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'standin' } }));
    });
  });

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    messages,
    socketFrames,
    get socketConnections() {
      return socketConnections;
    },
    pushEnvelope(envelope) {
      for (const ws of sockets) ws.send(JSON.stringify(envelope));
    },
    apiUrl: `${base}/api/`,
    base,
    fileRequests,
    serveFile(id, name, bytes, o = {}) {
      files.set(id, { bytes, token: o.token ?? 'xoxb-test-token-0123456789', endless: Boolean(o.endless) });
      return `${base}/files-pri/${id}/${encodeURIComponent(name)}`;
    },
    calls,
    uploads,
    responses,
    posts: (channel) => calls.filter((c) => c.method === 'chat.postMessage' && (!channel || c.params.channel === channel)),
    close: () =>
      new Promise<void>((r) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function parseParams(raw: Buffer, type: string): Record<string, unknown> {
  const text = raw.toString();
  if (type.includes('application/json')) return JSON.parse(text || '{}');
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    out[k] = k === 'blocks' || k === 'attachments' || k === 'metadata' ? JSON.parse(v) : v;
  }
  return out;
}

/** The uploaded bytes: the whole body, or the first part of a multipart body. */
function extractFile(raw: Buffer, type: string): Buffer {
  const m = /boundary=([^;]+)/.exec(type);
  if (!m) return raw;
  const boundary = Buffer.from(`--${m[1]}`);
  const start = raw.indexOf('\r\n\r\n') + 4;
  const end = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), boundary]), start);
  return raw.subarray(start, end < 0 ? raw.length : end);
}

/** Slack's request signing: v0=HMAC-SHA256(secret, `v0:${ts}:${body}`). */
export function slackSignature(secret: string, ts: number, body: string): string {
  return 'v0=' + crypto.createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
}

export interface PostOptions {
  secret: string;
  contentType?: 'application/json' | 'application/x-www-form-urlencoded';
  ts?: number;
  signature?: string;
  headers?: Record<string, string>;
}

export async function postSigned(url: string, body: string, o: PostOptions): Promise<{ status: number; text: string; ms: number }> {
  const ts = o.ts ?? Math.floor(Date.now() / 1000);
  const started = Date.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': o.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': o.signature ?? slackSignature(o.secret, ts, body),
      ...o.headers,
    },
    body,
  });
  return { status: res.status, text: await res.text(), ms: Date.now() - started };
}

/** Every mrkdwn / plain_text string in a list of blocks. */
export function blockTexts(blocks: unknown): Array<{ type: string; text: string; verbatim?: boolean }> {
  const out: Array<{ type: string; text: string; verbatim?: boolean }> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push({ type: o.type, text: o.text, verbatim: o.verbatim as boolean | undefined });
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out;
}
