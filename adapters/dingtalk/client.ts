/**
 * The DingTalk stream client: the SDK's DWClient (frame parsing, callback dispatch, acks,
 * the server's ping frames) with the parts Wuyin must own replaced:
 *
 * - `getEndpoint()` posts to a configurable gateway URL (DINGTALK_GATEWAY_URL; the SDK
 *   hard-codes api.dingtalk.com) and `getAccessToken()` uses a configurable token URL,
 *   caches the token until shortly before it expires and never puts the secret in a log.
 * - `_connect()` / `connect()` / `disconnect()`: one socket at a time, reconnects after a
 *   dropped socket with exponential backoff and jitter (the SDK retries every second
 *   forever), a ping/pong heartbeat that is cleared with its socket, malformed frames
 *   logged instead of crashing the process, and a log line per connection state.
 */
import { DWClient } from 'dingtalk-stream';
import { GATEWAY_URL, GET_TOKEN_URL } from 'dingtalk-stream/constants';
import WebSocket from 'ws';
import { z } from 'zod';
import { logger } from '../../log.js';
import { isCleanId, safeId } from '../../bot/sanitize.js';
import { parsePayload } from '../validate.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'reconnecting' | 'stopped';

export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  /** The gateway's connections/open URL. Default: DingTalk's. */
  gatewayUrl?: string;
  /** The access-token URL (GET ?appkey=&appsecret=). Default: DingTalk's. */
  tokenUrl?: string;
  reconnect?: {
    /** First retry delay. Default 1 s. */
    initialMs?: number;
    /** Delay cap. Default 60 s. */
    maxMs?: number;
    /** A connection that lived this long resets the backoff. Default 30 s. */
    stableMs?: number;
  };
  /** Ping interval; a missed pong terminates the socket (and so reconnects). 0 disables. Default 10 s. */
  heartbeatMs?: number;
  /** Called on every state change (after it is logged). */
  onState?: (state: ConnectionState, info: Record<string, unknown>) => void;
}

export interface ConnectResult {
  connected: boolean;
  error?: Error;
}

/** An HTTP error from the gateway or token endpoint; `status` 4xx usually means bad credentials. */
export class DingTalkHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Fields the SDK declares private but its own methods read: `send()` and the ping reply use `socket`. */
interface SdkInternals {
  socket?: WebSocket;
  dw_url?: string;
}

const Endpoint = z.object({ endpoint: z.string().regex(/^wss?:\/\//, 'expected a ws:// or wss:// URL'), ticket: z.string().min(1) });
/** The frame fields the SDK reads before dispatching; the rest is checked by whoever listens. */
const StreamFrame = z.object({
  type: z.enum(['SYSTEM', 'EVENT', 'CALLBACK']),
  headers: z.looseObject({ topic: z.string().max(256), messageId: safeId(256).optional() }),
  data: z.string().optional(),
});
/** EventEmitter's own event names: a frame's topic must never be emitted as one of them. */
const RESERVED_TOPICS = new Set(['error', 'newListener', 'removeListener']);

/** A topic for a log line: printable, short. */
function topicName(topic: string): string {
  return topic.replace(/[^\x21-\x7e]/g, '?').slice(0, 80);
}

const Token = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().optional() });

const log = logger('dingtalk');

export class WuyinStreamClient extends DWClient {
  readonly gatewayUrl: string;
  readonly tokenUrl: string;
  state: ConnectionState = 'disconnected';
  private readonly opts: StreamClientOptions;
  private ws?: WebSocket;
  private stopped = true;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private token?: { value: string; expiresAt: number };
  private tokenPending?: Promise<string>;

  constructor(opts: StreamClientOptions) {
    // debug stays off: the SDK's debug output prints the whole config, secret included.
    super({ clientId: opts.clientId, clientSecret: opts.clientSecret, ua: 'wuyin/0.1', keepAlive: false, debug: false });
    this.opts = opts;
    this.gatewayUrl = opts.gatewayUrl ?? GATEWAY_URL;
    this.tokenUrl = opts.tokenUrl ?? GET_TOKEN_URL;
    this.config.autoReconnect = false; // reconnects are ours (with backoff)
    // Only what is registered: the SDK's default also subscribes to every EVENT ('*'),
    // and its default array is shared between instances.
    this.config.subscriptions = [];
  }

  override async getEndpoint(): Promise<this> {
    const res = await fetch(this.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId: this.config.clientId, clientSecret: this.config.clientSecret, ua: this.config.ua, subscriptions: this.config.subscriptions }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw new DingTalkHttpError(`gateway connections/open answered HTTP ${res.status}`, res.status);
    const p = parsePayload(Endpoint, await res.json().catch(() => null), 'gateway connections/open response', hostOf(this.gatewayUrl));
    if (!p.ok) throw new Error(p.error);
    const url = new URL(p.value.endpoint);
    url.searchParams.set('ticket', p.value.ticket);
    (this as unknown as SdkInternals).dw_url = url.toString();
    return this;
  }

  /** The app's access token (for the OpenAPI and the session webhook header), cached. */
  override async getAccessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.expiresAt) return this.token.value;
    this.tokenPending ??= this.fetchToken().finally(() => (this.tokenPending = undefined));
    return this.tokenPending;
  }

  private async fetchToken(): Promise<string> {
    const url = new URL(this.tokenUrl);
    url.searchParams.set('appkey', this.config.clientId);
    url.searchParams.set('appsecret', this.config.clientSecret);
    // The URL carries the secret: errors below name the host only.
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new DingTalkHttpError(`access token request to ${hostOf(this.tokenUrl)} answered HTTP ${res.status}`, res.status);
    const body = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
    const p = parsePayload(Token, body, 'access token response', hostOf(this.tokenUrl));
    if (!p.ok) throw new Error(body?.errcode ? `access token request failed: errcode ${body.errcode} ${body.errmsg ?? ''}`.trim() : p.error);
    const ttlMs = (p.value.expires_in ?? 7200) * 1000;
    this.token = { value: p.value.access_token, expiresAt: Date.now() + Math.max(60_000, ttlMs - 5 * 60_000) };
    this.config.access_token = p.value.access_token;
    return p.value.access_token;
  }

  /**
   * Starts the connection loop and resolves after the first attempt: connected, or failed
   * (and a retry is scheduled). Never throws.
   */
  async open(): Promise<ConnectResult> {
    this.stopped = false;
    clearTimeout(this.retryTimer);
    return this.attempt();
  }

  /** The SDK's entry point, kept compatible: same as `open()`. */
  override async connect(): Promise<void> {
    await this.open();
  }

  /** Stops for good: no reconnect, timers cleared, socket closed. */
  override disconnect(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    const ws = this.ws;
    this.ws = undefined;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      ws.close(1000, 'client shutdown');
      setTimeout(() => ws.terminate(), 2000).unref();
    }
    this.connected = false;
    this.setState('stopped', {});
  }

  /** Opens one socket to `dw_url`; resolves on open, rejects if it fails before opening. */
  override _connect(): Promise<void> {
    const url = (this as unknown as SdkInternals).dw_url;
    if (!url) return Promise.reject(new Error('no endpoint: getEndpoint() first'));
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { handshakeTimeout: 15_000 });
      this.ws = ws;
      let openedAt = 0;
      ws.on('open', () => {
        openedAt = Date.now();
        (this as unknown as SdkInternals).socket = ws;
        this.connected = true;
        this.startHeartbeat(ws);
        resolve();
      });
      ws.on('message', (data) => {
        this.alive = true;
        try {
          this.onDownStream(data.toString());
        } catch (err) {
          log.warn('ignored malformed stream frame', { error: (err as Error).message, bytes: String(data).length });
        }
      });
      ws.on('pong', () => (this.alive = true));
      ws.on('error', (err) => {
        log.warn('socket error', { error: err.message });
        if (!openedAt) reject(err);
        ws.terminate(); // makes sure 'close' follows, so the client never sits on a dead socket
      });
      ws.on('close', (code, reason) => {
        if (this.ws === ws) this.ws = undefined;
        if ((this as unknown as SdkInternals).socket === ws) (this as unknown as SdkInternals).socket = undefined;
        this.stopHeartbeat();
        if (!openedAt) return reject(new Error(`socket closed before opening (code ${code})`));
        this.connected = false;
        this.registered = false;
        if (this.stopped) return;
        const lived = Date.now() - openedAt;
        if (lived >= (this.opts.reconnect?.stableMs ?? 30_000)) this.failures = 0;
        this.failures += 1;
        this.setState('disconnected', { code, reason: reason.toString().slice(0, 100), livedMs: lived });
        this.scheduleReconnect();
      });
    });
  }

  /**
   * Every frame is checked before the SDK reads it (the SDK parses and indexes frames without
   * checking them: `null`, a frame without headers, or a topic named 'error' — which an
   * EventEmitter throws on — each ended in an exception). A callback or event on a topic nobody
   * listens to is acknowledged, so the gateway stops pushing it, and logged by topic name only.
   */
  override onDownStream(data: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return void log.warn('ignored a stream frame that is not JSON', { bytes: data.length });
    }
    const f = StreamFrame.safeParse(frame);
    if (!f.success) {
      const id = (frame as { headers?: { messageId?: unknown } } | null)?.headers?.messageId;
      const kind = (frame as { type?: unknown }).type === 'EVENT' ? 'EVENT' : 'CALLBACK';
      if (typeof id === 'string' && isCleanId(id) && id.length <= 256) this.ack(id, kind);
      return void log.warn('ignored a malformed stream frame', { why: f.error.issues[0]?.path.join('.') || '(root)', acked: typeof id === 'string' });
    }
    const { type, headers } = f.data;
    if (type === 'SYSTEM') return super.onSystem(frame as Parameters<DWClient['onSystem']>[0]);
    if (type === 'CALLBACK' && this.listenerCount(headers.topic) > 0 && !RESERVED_TOPICS.has(headers.topic)) {
      return super.onDownStream(data);
    }
    if (!headers.messageId) return void log.warn('stream frame without a messageId; cannot acknowledge it', { type });
    this.ack(headers.messageId, type);
    log.info('acknowledged a frame on a topic with no listener', { type, topic: topicName(headers.topic) });
  }

  /** Acknowledges as the SDK would: events with an EventAck, callbacks with `{response}`. */
  private ack(messageId: string, type: 'EVENT' | 'CALLBACK'): void {
    try {
      if (type === 'EVENT') this.send(messageId, { status: 'SUCCESS' });
      else this.socketCallBackResponse(messageId, { status: 'SUCCESS' });
    } catch {
      log.warn('ack failed (the gateway will redeliver)');
    }
  }

  override onSystem(downstream: Parameters<DWClient['onSystem']>[0]): void {
    if (downstream.headers?.topic === 'disconnect') log.info('gateway asked to disconnect; a new connection follows');
    super.onSystem(downstream);
  }

  // ── internals ──────────────────────────────────────────────────────────────
  private alive = true;

  private async attempt(): Promise<ConnectResult> {
    if (this.stopped) return { connected: false, error: new Error('stopped') };
    this.setState('connecting', { attempt: this.failures + 1, gateway: hostOf(this.gatewayUrl) });
    try {
      await this.getEndpoint();
      if (this.stopped) return { connected: false, error: new Error('stopped') };
      await this._connect();
      if (this.stopped) {
        this.ws?.close();
        return { connected: false, error: new Error('stopped') };
      }
      this.setState('connected', { endpoint: hostOf((this as unknown as SdkInternals).dw_url ?? '') });
      return { connected: true };
    } catch (err) {
      this.failures += 1;
      log.warn('connection attempt failed', { attempt: this.failures, error: (err as Error).message });
      this.scheduleReconnect();
      return { connected: false, error: err as Error };
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    const initial = this.opts.reconnect?.initialMs ?? 1000;
    const max = this.opts.reconnect?.maxMs ?? 60_000;
    const base = Math.min(max, initial * 2 ** Math.max(0, this.failures - 1));
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.setState('reconnecting', { inMs: delay, attempt: this.failures + 1 });
    this.retryTimer = setTimeout(() => void this.attempt(), delay);
  }

  private startHeartbeat(ws: WebSocket): void {
    const every = this.opts.heartbeatMs ?? 10_000;
    this.stopHeartbeat();
    if (every <= 0) return;
    this.alive = true;
    this.heartbeatTimer = setInterval(() => {
      if (!this.alive) {
        log.warn('heartbeat missed; dropping the socket', { afterMs: every });
        ws.terminate();
        return;
      }
      this.alive = false;
      try {
        ws.ping();
      } catch {
        /* closing already */
      }
    }, every);
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private setState(state: ConnectionState, info: Record<string, unknown>): void {
    this.state = state;
    const line = `connection ${state}`;
    if (state === 'disconnected' || state === 'reconnecting') log.warn(line, info);
    else log.info(line, info);
    this.opts.onState?.(state, info);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
