/**
 * The DingTalk adapter: robot messages from the stream gateway → IncomingMessages; Replies
 * → markdown through the message's sessionWebhook (OpenAPI fallback, see send.ts).
 *
 * A robot message is written to the store's inbox, then acknowledged (`socketCallBackResponse`
 * with the frame's headers.messageId): an unacked frame is pushed again, so one that could not be
 * stored is simply not acked. Frames that are no robot message are acked at once. Turns, outbox
 * and delivery (session webhook, then the robot OpenAPI) run in the shared pipeline.
 */
import { TOPIC_ROBOT } from 'dingtalk-stream/constants';
import type { DeliveryTarget, SessionStore } from '../../bot/store/index.js';
import { campaignSubject } from '../../bot/store/report-links.js';
import type { IncomingMessage, Reply } from '../../bot/types.js';
import { logger } from '../../log.js';
import { DedupeSet } from '../dedupe.js';
import { createDelivery, type DeliveryOptions, type SendContext, type TurnHandler } from '../delivery.js';
import { errorText, guessLocale, rateLimitText, storeLimiter } from '../rate-limit.js';
import { WuyinStreamClient, type ConnectResult, type StreamClientOptions } from './client.js';
import { CallbackFrame, RobotMessage, messageText, parsePayload } from './payloads.js';
import { createHostPolicy } from './hosts.js';
import { renderMarkdown } from './render.js';
import { ReplySender, type DingTalkRoute, type UndeliveredReply } from './send.js';

export interface DingTalkAdapterOptions {
  /** The shared pipeline's turn slots (config.turnConcurrency), lease time to live and sweep interval (replica tests shorten them). */
  pipeline?: Pick<DeliveryOptions<DeliveryTarget>, 'leaseMs' | 'sweepMs' | 'concurrency'>;
  /** The inbox and outbox. */
  store: SessionStore;
  /** Runs a turn, committing its replies to the outbox. */
  handle: TurnHandler;
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
  /** Replies that could be delivered neither by webhook nor by OpenAPI in this process (newest 100); the store keeps them all. */
  undelivered(): readonly UndeliveredReply[];
}

const log = logger('dingtalk');

export function createDingTalkAdapter(opts: DingTalkAdapterOptions): DingTalkAdapter {
  if (!opts.clientId || !opts.clientSecret) throw new Error('dingtalk: DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are required');
  const now = opts.now ?? Date.now;
  const perMin = opts.rateLimitPerMin ?? 20;
  const limiter = storeLimiter(opts.store, 'dingtalk', perMin);
  // In-memory first filter; the inbox makes redeliveries exactly-once across restarts.
  const dedupe = new DedupeSet({ now, ttlMs: 6 * 60 * 60_000 });
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
  const hosts = createHostPolicy(opts.gatewayUrl ? [opts.gatewayUrl] : []);
  const sender = new ReplySender({ apiBase: opts.apiBase, getAccessToken: () => client.getAccessToken(), now, hosts });

  const delivery = createDelivery<DingTalkRoute & Record<string, unknown>>({
    name: 'dingtalk',
    store: opts.store,
    handle: opts.handle,
    send: (route, reply, ctx) => deliver(route, reply, ctx),
    // No reconcile: neither a session webhook nor the robot OpenAPI lets a robot look up a message it
    // sent without the send's own answer (the OpenAPI's processQueryKey comes only in that answer), so a
    // reply the process died sending goes again (at least once; the fault harness counts these).
    limiter: { check: (u, id) => limiter.check(u, id), notice: (m) => notice(rateLimitText(guessLocale(m.text), perMin)) },
    failureNotice: (m) => notice(errorText(guessLocale(m.text)), 'error'),
    ...opts.pipeline,
  });

  const ack = (messageId: unknown) => {
    if (typeof messageId !== 'string' || !messageId) return void log.warn('callback frame without headers.messageId; cannot acknowledge it');
    try {
      client.socketCallBackResponse(messageId, { status: 'SUCCESS' });
    } catch (err) {
      log.warn('ack failed (the gateway will redeliver; the inbox answers once)', { error: (err as Error).message });
    }
  };

  const onFrame = (frame: unknown) => {
    const messageId = (frame as { headers?: { messageId?: unknown } } | null)?.headers?.messageId;
    const f = parsePayload(CallbackFrame, frame, 'dingtalk callback frame');
    if (!f.ok) return void (ack(messageId), log.warn(`ignored malformed payload: ${f.error}`));
    let data: unknown;
    try {
      data = JSON.parse(f.value.data);
    } catch {
      return void (ack(messageId), log.warn('ignored malformed payload: dingtalk robot message: data is not JSON'));
    }
    const p = parsePayload(RobotMessage, data, 'dingtalk robot message');
    if (!p.ok) return void (ack(messageId), log.warn(`ignored malformed payload: ${p.error}`));
    const m = p.value;
    if (!dedupe.claim(`msg:${m.msgId}`)) return void (ack(messageId), log.info('duplicate delivery ignored'));
    // Not acked while shutting down: the gateway pushes it again to the next process.
    if (stopping) return void log.warn('message arrived while shutting down; left for redelivery');
    const route: DingTalkRoute & Record<string, unknown> = {
      conversationId: m.conversationId,
      conversationType: m.conversationType,
      sessionWebhook: m.sessionWebhook,
      webhookExpiresAt: m.sessionWebhookExpiredTime,
      robotCode: m.robotCode ?? opts.clientId,
      ...(m.senderStaffId ? { senderStaffId: m.senderStaffId } : {}),
    };
    const text = messageText(m);
    const msg: IncomingMessage = {
      platform: 'dingtalk',
      // In a group ('2') each person has their own interview: B's "3" must not answer A's question.
      conversationId: m.conversationType === '2' ? `dingtalk:${m.conversationId}:user:${m.senderStaffId ?? m.senderId}` : `dingtalk:${m.conversationId}`,
      userId: `dingtalk:${m.senderStaffId ?? m.senderId}`,
      messageId: `dingtalk:${m.msgId}`,
      text: (text ?? '').trim(),
    };
    // Whose conversation this is, for a report link made when its reply is delivered.
    route.owner = { conversationId: msg.conversationId, userId: msg.userId };
    const stored =
      text === null
        ? delivery.notify(msg, route, notice('目前我只能阅读文字消息，请用文字回复。 (I can only read text messages for now.)'))
        : delivery.receive(msg, route);
    stored.then(
      () => ack(messageId),
      (err: Error) => {
        // Not acked: the gateway redelivers it, and the in-memory claim must not stop that.
        dedupe.release(`msg:${m.msgId}`);
        log.error('could not store an incoming message; not acknowledged, so it is pushed again', { error: err.message });
      },
    );
  };

  // A report goes with a link to its HTML page (opens in DingTalk's in-app browser) when links are served.
  const reportLink = async (route: DingTalkRoute & { owner?: { conversationId: string; userId: string } }, reply: Reply) => {
    const doc = reply.blocks.find((b) => b.kind === 'document');
    // A link names a conversation's own report, or a campaign's for the owner who asked (checked again when opened).
    if (!doc || doc.kind !== 'document' || !opts.publishReport || !route.owner) return undefined;
    const team = doc.report.team;
    try {
      return await opts.publishReport({
        conversationId: team ? campaignSubject(team.campaignId) : route.owner.conversationId, userId: route.owner.userId, locale: doc.locale,
      });
    } catch (err) {
      log.warn('report link not created; sending the report without it', { error: (err as Error).message });
      return undefined;
    }
  };

  // A long reply is several messages: each one sent is recorded, so a retry resumes after it.
  const deliver = async (route: DingTalkRoute, reply: Reply, ctx: SendContext) => {
    const parts = renderMarkdown(reply, { reportUrl: await reportLink(route, reply) });
    for (let i = ctx.fromPart; i < parts.length; i++) {
      const path = await sender.send(route, parts[i]!, reply.kind);
      if (path === 'undelivered') throw new Error(sender.undelivered.at(-1)?.reason ?? 'undelivered');
      // The last one needs no record: the reply is then marked delivered.
      if (i + 1 < parts.length) await ctx.sent(i + 1);
    }
  };

  client.registerCallbackListener(TOPIC_ROBOT, onFrame);

  return {
    client,
    async start() {
      stopping = false;
      log.info('starting', { gateway: safeHost(client.gatewayUrl) });
      // What the previous run left: stored events not yet processed, replies not yet delivered.
      await delivery.resume();
      return client.open();
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      log.info('stopping: no new messages, finishing in-flight turns', { inflight: delivery.busy });
      client.disconnect();
      const left = await delivery.stop(opts.drainTimeoutMs ?? 20_000);
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
