/**
 * The DingTalk adapter: robot messages from the stream gateway → IncomingMessages; Replies
 * → markdown through the message's sessionWebhook (OpenAPI fallback, see send.ts).
 *
 * Every callback is acknowledged synchronously on arrival (`socketCallBackResponse` with
 * the frame's headers.messageId), before any parsing or slow work, and deduplicated on
 * `msgId` with a synchronous claim, so a redelivered message is answered once. Turns run
 * detached and are tracked for a graceful `stop()`.
 */
import { TOPIC_ROBOT } from 'dingtalk-stream/constants';
import type { Handler, IncomingMessage, Reply } from '../../bot/types.js';
import { logger } from '../../log.js';
import { DedupeSet } from '../dedupe.js';
import { InFlight } from '../inflight.js';
import { RateLimiter, errorText, guessLocale, rateLimitText } from '../rate-limit.js';
import { WuyinStreamClient, type ConnectResult, type StreamClientOptions } from './client.js';
import { CallbackFrame, RobotMessage, messageText, parsePayload } from './payloads.js';
import { renderMarkdown } from './render.js';
import { ReplySender, type DingTalkRoute, type UndeliveredReply } from './send.js';

export interface DingTalkAdapterOptions {
  handler: Handler;
  clientId: string;
  clientSecret: string;
  /** connections/open URL (DINGTALK_GATEWAY_URL). */
  gatewayUrl?: string;
  /** Access-token URL. Default DingTalk's (oapi.dingtalk.com/gettoken). */
  tokenUrl?: string;
  /** Robot OpenAPI base for the expired-webhook fallback. Default https://api.dingtalk.com. */
  apiBase?: string;
  /** Messages per user per minute. Default 20. */
  rateLimitPerMin?: number;
  /** How long `stop()` waits for in-flight turns. Default 20 s. */
  drainTimeoutMs?: number;
  reconnect?: StreamClientOptions['reconnect'];
  heartbeatMs?: number;
  onState?: StreamClientOptions['onState'];
  now?: () => number;
  /** A link to the full report of a reply's document block (served at WUYIN_PUBLIC_URL); none → no link. */
  publishReport?: (doc: { conversationId: string; userId: string; locale: 'zh' | 'en' }) => Promise<string | undefined>;
}

export interface DingTalkAdapter {
  readonly client: WuyinStreamClient;
  /** Connects (first attempt); a failure is retried in the background with backoff. */
  start(): Promise<ConnectResult>;
  /** Stops receiving, then lets in-flight turns finish (bounded by `drainTimeoutMs`). */
  stop(): Promise<void>;
  /** Replies that could be delivered neither by webhook nor by OpenAPI (newest 100). */
  undelivered(): readonly UndeliveredReply[];
}

const log = logger('dingtalk');

export function createDingTalkAdapter(opts: DingTalkAdapterOptions): DingTalkAdapter {
  if (!opts.clientId || !opts.clientSecret) throw new Error('dingtalk: DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are required');
  const now = opts.now ?? Date.now;
  const perMin = opts.rateLimitPerMin ?? 20;
  const limiter = new RateLimiter({ perWindow: perMin, now });
  const dedupe = new DedupeSet({ now, ttlMs: 6 * 60 * 60_000 });
  const inflight = new InFlight();
  let stopping = false;

  const client = new WuyinStreamClient({
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    gatewayUrl: opts.gatewayUrl,
    tokenUrl: opts.tokenUrl,
    reconnect: opts.reconnect,
    heartbeatMs: opts.heartbeatMs,
    onState: opts.onState,
  });
  const sender = new ReplySender({ apiBase: opts.apiBase, getAccessToken: () => client.getAccessToken(), now });

  const onFrame = (frame: unknown) => {
    // 1. Ack first, whatever the frame holds: an unacked callback is pushed again.
    const messageId = (frame as { headers?: { messageId?: unknown } } | null)?.headers?.messageId;
    if (typeof messageId === 'string' && messageId) {
      try {
        client.socketCallBackResponse(messageId, { status: 'SUCCESS' });
      } catch (err) {
        log.warn('ack failed (the gateway will redeliver; dedupe answers once)', { messageId, error: (err as Error).message });
      }
    } else {
      log.warn('callback frame without headers.messageId; cannot acknowledge it');
    }

    // 2. Validate.
    const f = parsePayload(CallbackFrame, frame, 'dingtalk callback frame');
    if (!f.ok) return void log.warn(`ignored malformed payload: ${f.error}`);
    let data: unknown;
    try {
      data = JSON.parse(f.value.data);
    } catch {
      return void log.warn(`ignored malformed payload: dingtalk robot message (frame ${messageId}): data is not JSON`);
    }
    const p = parsePayload(RobotMessage, data, 'dingtalk robot message', `frame ${messageId}`);
    if (!p.ok) return void log.warn(`ignored malformed payload: ${p.error}`);
    const m = p.value;

    // 3. Once per msgId: check-and-set in one synchronous step.
    if (!dedupe.claim(`msg:${m.msgId}`)) return void log.info('duplicate delivery ignored', { msgId: m.msgId, frame: messageId });

    if (stopping) return void log.warn('message arrived while shutting down; not handled', { msgId: m.msgId });
    const route: DingTalkRoute = {
      conversationId: m.conversationId,
      conversationType: m.conversationType,
      sessionWebhook: m.sessionWebhook,
      webhookExpiresAt: m.sessionWebhookExpiredTime,
      robotCode: m.robotCode ?? opts.clientId,
      senderStaffId: m.senderStaffId,
    };
    const text = messageText(m);
    const msg: IncomingMessage = {
      platform: 'dingtalk',
      conversationId: `dingtalk:${m.conversationId}`,
      userId: `dingtalk:${m.senderStaffId ?? m.senderId}`,
      messageId: `dingtalk:${m.msgId}`,
      text: (text ?? '').trim(),
    };
    void inflight.run(() => (text === null ? unsupported(msg, route, m.msgtype) : runTurn(msg, route)));
  };

  const runTurn = async (msg: IncomingMessage, route: DingTalkRoute) => {
    const decision = limiter.check(msg.userId);
    if (decision !== 'allow') {
      log.info('rate limited', { user: msg.userId, notified: decision === 'limit-notify' });
      if (decision === 'limit-notify') await deliver(route, notice(rateLimitText(guessLocale(msg.text), perMin)));
      return;
    }
    let replies: Reply[];
    try {
      replies = await opts.handler(msg);
    } catch (err) {
      log.error('handler failed', { conversation: msg.conversationId, error: (err as Error).message });
      replies = [notice(errorText(guessLocale(msg.text)), 'error')];
    }
    for (const reply of replies) await deliver(route, reply, await reportLink(msg, reply));
  };

  const reportLink = async (msg: IncomingMessage, reply: Reply): Promise<string | undefined> => {
    const doc = reply.blocks.find((b) => b.kind === 'document');
    if (!doc || doc.kind !== 'document' || !opts.publishReport) return undefined;
    try {
      return await opts.publishReport({ conversationId: msg.conversationId, userId: msg.userId, locale: doc.locale });
    } catch (err) {
      log.warn('report link not created; sending the report without it', { error: (err as Error).message });
      return undefined;
    }
  };

  const unsupported = async (msg: IncomingMessage, route: DingTalkRoute, msgtype: string) => {
    log.info('unsupported message type', { msgtype, conversation: msg.conversationId });
    await deliver(route, notice('目前我只能阅读文字消息，请用文字回复。 (I can only read text messages for now.)'));
  };

  const deliver = async (route: DingTalkRoute, reply: Reply, reportUrl?: string) => {
    for (const md of renderMarkdown(reply, { reportUrl })) {
      try {
        await sender.send(route, md, reply.kind);
      } catch (err) {
        log.error('reply delivery crashed', { conversation: route.conversationId, error: (err as Error).message });
      }
    }
  };

  client.registerCallbackListener(TOPIC_ROBOT, onFrame);

  return {
    client,
    async start() {
      stopping = false;
      log.info('starting', { gateway: safeHost(client.gatewayUrl) });
      return client.open();
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      log.info('stopping: no new messages, finishing in-flight turns', { inflight: inflight.size });
      client.disconnect();
      const left = await inflight.drain(opts.drainTimeoutMs ?? 20_000);
      if (left > 0) log.warn('shutdown timed out with turns still running', { left });
      log.info('stopped');
    },
    undelivered: () => sender.undelivered,
  };
}

function notice(text: string, kind: Reply['kind'] = 'info'): Reply {
  return { kind, blocks: [{ kind: 'text', text }], text };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
