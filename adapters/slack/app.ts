/**
 * The Slack adapter: a Bolt app that turns Slack events into IncomingMessages and the
 * orchestrator's Replies into Block Kit messages (and radar PNG uploads).
 *
 * - Socket Mode when an app token is given, otherwise HTTP on `/slack/events` with
 *   signature verification by our receiver guard (`receiver.ts`; Bolt's own check is off): forged
 *   requests, or ones more than 5 min old or in the future, get 401.
 * - DMs, @mentions in channels (answered in the thread; the thread is the conversation),
 *   `/wuyin` and option buttons (a click is the option's value, as if typed).
 * - Every event is written to the store's inbox before it is acknowledged (HTTP: the response
 *   goes out once the listener has stored it); turns, outbox and delivery run in the shared
 *   pipeline (`adapters/delivery.ts`), so this file only translates events and sends one reply.
 * - Redeliveries (Slack retries, the same message as `message.im` and `app_mention`) are
 *   answered once; bot messages, this bot's included, are ignored.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { z } from 'zod';
import type { DeliveryTarget, SessionStore } from '../../bot/store/index.js';
import type { IncomingMessage, Reply } from '../../bot/types.js';
import { logger } from '../../log.js';
import { DedupeSet } from '../dedupe.js';
import { createDelivery, PermanentDeliveryError, type DeliveryOptions, type SendContext, type TurnHandler } from '../delivery.js';
import { errorText, guessLocale, rateLimitText, storeLimiter } from '../rate-limit.js';
import { makeBoltLogger } from './bolt-log.js';
import { cjkFontAvailable, radarPng } from './chart.js';
import { escapeMrkdwn, slackToPlain, stripBotMention } from './escape.js';
import { createFileIntake, type FileIntakeOptions, type SlackFile } from './files.js';
import { AppMentionEvent, BlockAction, EventEnvelope, MessageEvent, SlashCommand, parsePayload } from './payloads.js';
import { createGuardedReceiver } from './receiver.js';
import { createWebPost, PLATFORM_ERROR, retryAfterMs } from './web-post.js';
import { deferSocketAcks, guardProcessing, notStored, type EventContext } from './stored-ack.js';
import { DONE_ACTION_PREFIX, MULTI_ACTION_PREFIX, OPTION_ACTION_PREFIX, chartFallbackBlocks, renderReply, type SlackBlock, type SlackSegment } from './render.js';

export interface SlackAdapterOptions {
  /** The shared pipeline's turn slots (config.turnConcurrency), lease time to live and sweep interval (replica tests shorten them). */
  pipeline?: Pick<DeliveryOptions<DeliveryTarget>, 'leaseMs' | 'sweepMs' | 'concurrency'>;
  /** The inbox and outbox. */
  store: SessionStore;
  /** Runs a turn, committing its replies to the outbox (the bot's `handle`, or `replyingTurn`). */
  handle: TurnHandler;
  botToken: string;
  /** HTTP mode: verifies every request. Required unless `appToken` is set. */
  signingSecret?: string;
  /** Socket Mode when set (xapp-…). */
  appToken?: string;
  /** HTTP mode listen port (0 = any free port). Default 3000. */
  port?: number;
  /** HTTP mode listen host. Default: all interfaces. */
  host?: string;
  /** Web API base URL (SLACK_API_URL), e.g. a local stand-in. */
  apiUrl?: string;
  /** Messages per user per minute (WUYIN_RATE_LIMIT_PER_MIN). Default 20. */
  rateLimitPerMin?: number;
  /** Web API retries per call of the SDK client (auth.test, uploads). Default 2 (the SDK's own: ~30 minutes). */
  webApiRetries?: number;
  /** Deadline of one reply's Web API call (the outbox retries past it). Default 10 s. */
  webApiTimeoutMs?: number;
  /** How long `stop()` waits for in-flight turns. Default 20 s. */
  drainTimeoutMs?: number;
  /** The slash command name. Default `/wuyin`. */
  command?: string;
  /** HTTP mode: largest request body read (WUYIN_MAX_BODY_BYTES); more gets 413. Default 1 MB. */
  maxBodyBytes?: number;
  /** Can the store still write? `/healthz` answers 503 when not (the bot's `canWrite`). */
  canWrite?: () => Promise<{ ok: boolean; code?: string }>;
  now?: () => number;
  /** Headless Chromium for the report PDF (WUYIN_CHROMIUM); without one only the HTML is uploaded. */
  chromiumPath?: string;
  /** Files an admin sends the bot are ingested (files.ts); without this, files get no answer of their own. */
  files?: Omit<FileIntakeOptions, 'botToken' | 'apiUrl' | 'post'>;
  /** HTTP mode: serves GET /reports/<token> on the same server (report links, WUYIN_PUBLIC_URL). */
  reportRoute?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>;
}

export interface SlackAdapter {
  readonly mode: 'http' | 'socket';
  /** Starts receiving; in HTTP mode resolves with the bound port. */
  start(): Promise<{ port?: number }>;
  /** Stops receiving, then waits for in-flight turns (bounded by `drainTimeoutMs`). */
  stop(): Promise<void>;
  /** Resolves when no turn or delivery is queued or running (benchmarks, tests). */
  idle(): Promise<void>;
}

/** What conversations.history and conversations.replies answer (the fields `reconcile` reads). */
interface History {
  messages?: Array<{ metadata?: unknown }>;
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

/** Where a turn's replies go: JSON, kept in the inbox and outbox. */
interface Route extends DeliveryTarget {
  channel?: string;
  threadTs?: string;
  /** response_url replies (slash commands, ephemeral buttons); also a fallback when chat.postMessage fails. */
  responseUrl?: string;
  via: 'post' | 'respond';
  responseType?: 'ephemeral' | 'in_channel';
}

const log = logger('slack');
/** The metadata event type of Wuyin's replies: `event_payload` names the reply's attempt and segment. */
const REPLY_EVENT = 'wuyin_reply';

export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  if (!opts.botToken) throw new Error('slack: SLACK_BOT_TOKEN is required');
  if (!opts.appToken && !opts.signingSecret) throw new Error('slack: SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');

  const mode: 'http' | 'socket' = opts.appToken ? 'socket' : 'http';
  const boltLogger = makeBoltLogger();
  const clientOptions = {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl.endsWith('/') ? opts.apiUrl : `${opts.apiUrl}/` } : {}),
    retryConfig: { retries: opts.webApiRetries ?? 2 },
  };
  const perMin = opts.rateLimitPerMin ?? 20;
  const limiter = storeLimiter(opts.store, 'slack', perMin);
  // A first, in-memory filter for the same event arriving as message.im and app_mention; the
  // inbox is what makes redeliveries exactly-once, across restarts too.
  const dedupe = new DedupeSet({ now: opts.now });
  /**
   * Claimed events whose inbox write is still running. A retry that arrives meanwhile (Slack retries
   * after 3 s; a slow store can take longer) gets the first copy's outcome, not an ack of its own:
   * acking it while the first copy then fails would lose the event (measured under a database restart).
   */
  const storingNow = new Map<string, Promise<unknown>>();
  const command = opts.command ?? '/wuyin';
  let stopping = false;
  let started = false;

  // Web API calls (auth.test, uploads) go through this client; Bolt only receives.
  const client = new webApi.WebClient(opts.botToken, { ...clientOptions, logger: boltLogger });
  // The calls of every reply (posts, and the look-ups of attempted ones) go through the lean one.
  const web = createWebPost({ token: opts.botToken, apiUrl: clientOptions.slackApiUrl, timeoutMs: opts.webApiTimeoutMs });

  // Material sent as files: beside the turns, answered by a post of its own.
  const intake = opts.files && createFileIntake({
    ...opts.files, botToken: opts.botToken, apiUrl: opts.apiUrl,
    post: async (channel, threadTs, text) => {
      await web.call('chat.postMessage', { channel, ...(threadTs ? { thread_ts: threadTs } : {}), text: escapeMrkdwn(text), unfurl_links: false });
    },
  });
  /** Hands a message's files to the intake; true when the message had nothing else to say. */
  const takeFiles = (files: SlackFile[] | undefined, team: string, user: string, channel: string, threadTs: string | undefined, text: string) => {
    if (!files?.length || !intake) return false;
    intake.accept({ team, user, channel, threadTs, text, files });
    return text === '';
  };

  // ── turns: the shared pipeline ─────────────────────────────────────────────
  const delivery = createDelivery<Route>({
    name: 'slack',
    store: opts.store,
    handle: opts.handle,
    send: (route, reply, ctx) => deliver(route, reply, ctx),
    reconcile: (route, attempted) => reconcile(route, attempted),
    limiter: { check: (u, id) => limiter.check(u, id), notice: (m) => notice(rateLimitText(guessLocale(m.text), perMin)) },
    failureNotice: (m) => notice(errorText(guessLocale(m.text)), 'error'),
    ...opts.pipeline,
  });

  /** Stores the event; the listener returns (and Bolt acknowledges) only after this resolves. */
  const startTurn = async (msg: IncomingMessage, route: Route, claimed: string[], context: EventContext) => {
    if (stopping) {
      log.warn('message arrived while shutting down; not handled');
      return;
    }
    const storing = delivery.receive(msg, route).catch((err: Error) => {
      // Not acknowledged (HTTP 500, or no Socket Mode ack): Slack sends it again, and the in-memory
      // claim must not turn that retry away.
      dedupe.release(...claimed);
      notStored(context);
      log.error('could not store an incoming event; not acknowledged, so Slack sends it again', { error: err.message });
      throw err;
    });
    for (const k of claimed) storing.then(() => undefined, () => undefined).finally(() => storingNow.delete(k)), storingNow.set(k, storing);
    const r = await storing;
    if (r.duplicate) log.info('duplicate delivery ignored');
  };

  // Each segment sent is recorded, so a retry or a restart resumes after it; messages carry the
  // attempt id as metadata, so `reconcile` can find them.
  const deliver = async (route: Route, reply: Reply, ctx: SendContext) => {
    const segments = renderReply(reply);
    for (let i = ctx.fromPart; i < segments.length; i++) {
      const seg = segments[i]!;
      const metadata = { event_type: REPLY_EVENT, event_payload: { attempt: ctx.attemptId, part: i } };
      if (seg.kind === 'message') await sendBlocks(route, seg.blocks, seg.text, metadata);
      else if (seg.kind === 'chart') await sendChart(route, seg);
      else await sendDocument(route, seg);
      // The last one needs no record: the reply is then marked delivered.
      if (i + 1 < segments.length) await ctx.sent(i + 1);
    }
  };

  /**
   * How many segments of an attempted reply the channel already has: the newest message carrying its
   * attempt id (conversations.history, or conversations.replies in a thread, with include_all_metadata).
   * response_url replies cannot be looked up (undefined: sent again). Files carry no metadata.
   */
  const reconcile = async (route: Route, { attemptId, since }: { attemptId: string; since: string }) => {
    if (route.via === 'respond' || !route.channel) return undefined;
    // Slack's clock and ours may differ a little: look a minute further back.
    const oldest = String(Math.floor(Date.parse(since) / 1000) - 60);
    let found = 0;
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const args = { channel: route.channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
      const r = await web.call<History>(route.threadTs ? 'conversations.replies' : 'conversations.history', route.threadTs ? { ...args, ts: route.threadTs } : args);
      for (const m of r.messages ?? []) {
        const md = m.metadata as { event_type?: string; event_payload?: { attempt?: unknown; part?: unknown } } | undefined;
        if (md?.event_type === REPLY_EVENT && md.event_payload?.attempt === attemptId) found = Math.max(found, Number(md.event_payload.part) + 1);
      }
      cursor = r.response_metadata?.next_cursor || undefined;
      if (!r.has_more || !cursor) break;
    }
    return found;
  };

  const respond = async (url: string, body: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new PermanentDeliveryError(`response_url answered HTTP ${res.status}`);
    if (!res.ok) throw Object.assign(new Error(`response_url answered HTTP ${res.status}`), { retryAfterMs: retryAfterMs(res.headers.get('retry-after')) });
  };

  const sendBlocks = async (route: Route, blocks: SlackBlock[], text: string, metadata?: { event_type: string; event_payload: Record<string, string | number> }) => {
    if (route.via === 'respond' || !route.channel) {
      if (!route.responseUrl) throw new PermanentDeliveryError('no channel and no response_url to reply to');
      await respond(route.responseUrl, { blocks, text, response_type: route.responseType ?? 'ephemeral', replace_original: false });
      return;
    }
    try {
      await web.call('chat.postMessage', {
        channel: route.channel,
        ...(route.threadTs ? { thread_ts: route.threadTs } : {}),
        blocks,
        text,
        unfurl_links: false,
        unfurl_media: false,
        ...(metadata ? { metadata } : {}),
      });
    } catch (err) {
      if (!route.responseUrl) throw classify(err);
      log.warn('chat.postMessage failed; replying through response_url', { error: errMessage(err) });
      await respond(route.responseUrl, { blocks, text, response_type: 'in_channel', replace_original: false });
    }
  };

  const sendChart = async (route: Route, seg: Extract<SlackSegment, { kind: 'chart' }>) => {
    // An ephemeral conversation must not upload a file everyone in the channel can see.
    if (route.via === 'respond' && route.responseType !== 'in_channel') {
      await sendBlocks(route, chartFallbackBlocks(seg.chart, seg.fallback), seg.text);
      return;
    }
    try {
      if (!route.channel) throw new Error('no channel to upload to');
      const png = await radarPng(seg.chart);
      const file = { file: png, filename: 'wuyin-radar.png', title: seg.chart.title, alt_text: seg.chart.title };
      await client.files.uploadV2(
        route.threadTs ? { ...file, channel_id: route.channel, thread_ts: route.threadTs } : { ...file, channel_id: route.channel },
      );
    } catch (err) {
      log.warn('chart upload failed; sending the text version', { channel: route.channel, error: errMessage(err) });
      await sendBlocks(route, chartFallbackBlocks(seg.chart, seg.fallback), seg.text);
    }
  };

  /** The full report as a PDF and a self-contained HTML file, in one files.uploadV2 call. */
  const sendDocument = async (route: Route, seg: Extract<SlackSegment, { kind: 'document' }>) => {
    // Ephemeral replies cannot carry files, and a channel must not see one person's report.
    if ((route.via === 'respond' && route.responseType !== 'in_channel') || !route.channel) return;
    const { reportHtml } = await import('../../report/html.js');
    const html = reportHtml(seg.doc.report, seg.doc.locale);
    const base = `wuyin-report-${seg.doc.report.meta.date}`;
    const files: Array<{ file: Buffer; filename: string; title: string }> = [];
    if (opts.chromiumPath) {
      try {
        const { htmlToPdf } = await import('../../report/pdf.js');
        files.push({ file: await htmlToPdf(html, opts.chromiumPath), filename: `${base}.pdf`, title: `${seg.doc.title} (PDF)` });
      } catch (err) {
        log.warn('report PDF not made; uploading the HTML only', { error: errMessage(err) });
      }
    }
    files.push({ file: Buffer.from(html), filename: `${base}.html`, title: `${seg.doc.title} (HTML)` });
    await client.files.uploadV2({ channel_id: route.channel, ...(route.threadTs ? { thread_ts: route.threadTs } : {}), file_uploads: files });
  };

  // ── the Bolt app ───────────────────────────────────────────────────────────
  /**
   * Built in start(), once auth.test has named the bot: given botId and botUserId, Bolt
   * makes no auth.test call of its own (its constructor would otherwise fire one whose
   * failure is an unhandled rejection that crashes the process).
   */
  const buildApp = (bot: { botId: string; botUserId: string }): App => {
    let receiver: HTTPReceiver | SocketModeReceiver;
    if (opts.appToken) {
      const socket = new SocketModeReceiver({ appToken: opts.appToken, logger: boltLogger, installerOptions: { clientOptions } });
      // Acked once the listener has written the event to the inbox, as over HTTP.
      deferSocketAcks(socket);
      for (const state of ['connecting', 'connected', 'reconnecting', 'disconnecting', 'disconnected'] as const) {
        socket.client.on(state, () => (state === 'connected' ? log.info : state === 'disconnected' && !stopping ? log.warn : log.info)('socket mode connection state', { state }));
      }
      receiver = socket;
    } else {
      receiver = createGuardedReceiver({
        signingSecret: opts.signingSecret!,
        logger: boltLogger,
        // The response goes out after the listener has written the event to the inbox.
        processBeforeResponse: true,
        maxBodyBytes: opts.maxBodyBytes,
        listens: { command, actionPrefix: [OPTION_ACTION_PREFIX, DONE_ACTION_PREFIX, MULTI_ACTION_PREFIX], events: ['message', 'app_mention'] },
        health: async () => {
          const store = opts.canWrite ? await opts.canWrite() : { ok: true };
          return { ok: !stopping && store.ok, stopping, storeWritable: store.ok, ...(store.code ? { storeError: store.code } : {}), inflight: delivery.busy };
        },
        ...(opts.reportRoute ? { extraRoutes: [{
          path: '/reports/:token',
          method: ['GET', 'HEAD'],
          handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void opts.reportRoute!(req, res),
        }] } : {}),
      });
    }

    const app = new App({
      token: opts.botToken,
      botId: bot.botId,
      botUserId: bot.botUserId,
      tokenVerificationEnabled: false,
      receiver,
      logger: boltLogger,
      clientOptions,
      convoStore: false,
      ignoreSelf: true,
    });

    type UserEvent = MessageEvent | AppMentionEvent;
    /**
     * What a message and a mention go through before a turn: a valid payload, from a person (not a
     * bot, ourselves included), that `accept` wants, seen for the first time. Checking `accept`
     * before claiming matters: a channel message must not claim the id its app_mention will need.
     */
    const admit = <E extends UserEvent>(schema: z.ZodType<E>, what: string, body: unknown, event: unknown, context: { botUserId?: string; retryNum?: number }, accept: (e: E) => boolean = () => true) => {
      const env = parsePayload(EventEnvelope, body, 'slack event envelope');
      if (!env.ok) return void log.warn(`ignored malformed payload: ${env.error}`);
      const eventId = env.value.event_id;
      const p = parsePayload(schema, event, what, eventId && `event ${eventId}`);
      if (!p.ok) return void log.warn(`ignored malformed payload: ${p.error}`);
      const e = p.value;
      // A file_share message is a person's message with files (files.ts); other subtypes are not a person's.
      if ((e.subtype && e.subtype !== 'file_share') || e.bot_id || !e.user || e.user === context.botUserId) return void log.debug('ignored bot/system message', { subtype: e.subtype, eventId });
      if (!accept(e)) return undefined;
      const claimed = [eventId && `event:${eventId}`, `msg:${e.channel}:${e.ts}`, e.client_msg_id && `cmsg:${e.client_msg_id}`].filter((k): k is string => !!k);
      if (!dedupe.claim(...claimed)) {
        const first = claimed.map((k) => storingNow.get(k)).find(Boolean);
        if (first) return { first };
        return void log.info('duplicate delivery ignored', { eventId, retryNum: context.retryNum });
      }
      return { e, user: e.user, team: env.value.team_id || e.team || 'T', claimed };
    };

    app.event('message', async ({ body, event, context }) => {
      // Channel messages arrive as app_mention; only DMs are taken here.
      const a = admit(MessageEvent, 'slack message event', body, event, context, (e) => isDm(e.channel, e.channel_type));
      if (!a) return;
      // The first copy's outcome: if it was not stored, neither is this one (not acknowledged either).
      if ('first' in a) return void (await a.first?.catch(() => notStored(context)));
      const { e, team } = a;
      const text = slackToPlain(e.text ?? '').trim();
      if (takeFiles(e.files, team, a.user, e.channel, e.thread_ts, text)) return;
      await startTurn(
        {
          platform: 'slack',
          conversationId: conversationId(team, e.channel),
          userId: `slack:${team}:${a.user}`,
          messageId: `slack:${e.client_msg_id ?? `${e.channel}:${e.ts}`}`,
          text,
        },
        { channel: e.channel, threadTs: e.thread_ts, via: 'post' },
        a.claimed,
        context,
      );
    });

    app.event('app_mention', async ({ body, event, context }) => {
      const a = admit(AppMentionEvent, 'slack app_mention event', body, event, context);
      if (!a) return;
      // The first copy's outcome: if it was not stored, neither is this one (not acknowledged either).
      if ('first' in a) return void (await a.first?.catch(() => notStored(context)));
      const { e, team } = a;
      const dm = isDm(e.channel);
      const threadTs = dm ? e.thread_ts : (e.thread_ts ?? e.ts);
      const text = slackToPlain(stripBotMention(e.text, context.botUserId)).trim();
      if (takeFiles(e.files, team, a.user, e.channel, threadTs, text)) return;
      await startTurn(
        {
          platform: 'slack',
          conversationId: conversationId(team, e.channel, threadTs, a.user),
          userId: `slack:${team}:${a.user}`,
          messageId: `slack:${e.client_msg_id ?? `${e.channel}:${e.ts}`}`,
          text: text || 'help',
        },
        { channel: e.channel, threadTs, via: 'post' },
        a.claimed,
        context,
      );
    });

    app.command(command, async ({ ack, body, context }) => {
      const p = parsePayload(SlashCommand, body, `slack ${command} command`);
      if (!p.ok) return void (await ack(), log.warn(`ignored malformed payload: ${p.error}`));
      const c = p.value;
      if (!dedupe.claim(`cmd:${c.trigger_id}`)) return void (await ack(), log.info('duplicate command ignored'));
      const dm = isDm(c.channel_id);
      // Stored first, then acknowledged: within Slack's 3 s, and before any turn runs.
      await startTurn(
        {
          platform: 'slack',
          conversationId: conversationId(c.team_id, c.channel_id, undefined, dm ? undefined : c.user_id),
          userId: `slack:${c.team_id}:${c.user_id}`,
          messageId: `slack:cmd:${c.trigger_id}`,
          text: slackToPlain(c.text).trim() || 'help',
          // `/wuyin report` in a channel: the caller's latest interview in that channel's threads.
          ...(dm ? {} : { reportScope: `slack:${c.team_id}:${c.channel_id}:` }),
        },
        { channel: c.channel_id, responseUrl: c.response_url, via: 'respond', responseType: dm ? 'in_channel' : 'ephemeral' },
        [`cmd:${c.trigger_id}`],
        context,
      );
      await ack();
    });

    // Picking in a multi-select is not a message yet: only its done button sends the picks.
    app.action(new RegExp(`^${MULTI_ACTION_PREFIX}`), async ({ ack }) => {
      await ack();
    });

    app.action(new RegExp(`^(${OPTION_ACTION_PREFIX}|${DONE_ACTION_PREFIX})`), async ({ ack, body, context }) => {
      const p = parsePayload(BlockAction, body, 'slack block action');
      if (!p.ok) return void (await ack(), log.warn(`ignored malformed payload: ${p.error}`));
      const a = p.value;
      const action = a.actions[0]!;
      const user = a.user.id;
      const team = a.team?.id ?? a.user.team_id ?? 'T';
      if (!dedupe.claim(`action:${user}:${action.action_ts}`)) return void (await ack(), log.info('duplicate action ignored'));
      const channel = a.channel?.id;
      const ephemeral = Boolean(a.container?.is_ephemeral) || !a.message;
      let route: Route;
      let convo: string;
      if (ephemeral || !channel) {
        if (!a.response_url) return void (await ack(), log.warn('ignored button click with nowhere to reply (no channel, no response_url)'));
        const dm = channel ? isDm(channel) : false;
        convo = conversationId(team, channel ?? 'none', undefined, dm ? undefined : user);
        route = { channel, responseUrl: a.response_url, via: 'respond', responseType: 'ephemeral' };
      } else {
        const threadTs = isDm(channel) ? a.message!.thread_ts : (a.message!.thread_ts ?? a.message!.ts);
        convo = conversationId(team, channel, threadTs, user);
        route = { channel, threadTs, ...(a.response_url ? { responseUrl: a.response_url } : {}), via: 'post' };
      }
      // A done button sends the multi-select's picks as one message ("零售 物流"); none picked, its own value.
      const picks = action.action_id.startsWith(DONE_ACTION_PREFIX)
        ? Object.values(a.state?.values ?? {}).flatMap((inputs) => Object.values(inputs)).flatMap((v) => (v.type === 'multi_static_select' ? (v.selected_options ?? []).map((o) => o.value) : []))
        : [];
      await startTurn(
        { platform: 'slack', conversationId: convo, userId: `slack:${team}:${user}`, messageId: `slack:action:${user}:${action.action_ts}`, text: picks.length ? picks.join(' ') : action.value },
        route,
        [`action:${user}:${action.action_ts}`],
        context,
      );
      await ack();
    });

    guardProcessing(app);
    app.error(async (err) => {
      log.error('bolt error', { code: (err as { code?: string }).code, error: errMessage(err) });
    });
    return app;
  };

  // ── lifecycle ────────────────────────────────────────────────────────────────
  let app: App | undefined;
  return {
    mode,
    async start() {
      if (app) throw new Error('slack adapter already started');
      const auth = await client.auth.test().catch((err: unknown) => {
        throw new Error(`Slack auth.test failed (${errMessage(err)}); check SLACK_BOT_TOKEN${opts.apiUrl ? ' and SLACK_API_URL' : ''}`);
      });
      if (!auth.user_id || !auth.bot_id) throw new Error('Slack auth.test did not name a bot user; SLACK_BOT_TOKEN must be a bot token (xoxb-…)');
      log.info('authenticated', { team: auth.team, teamId: auth.team_id, bot: auth.user, botUserId: auth.user_id });
      if (!(await cjkFontAvailable())) log.warn('no CJK font found (fc-list :lang=zh): radar chart labels in Chinese will not render; install fonts-noto-cjk');
      app = buildApp({ botId: auth.bot_id, botUserId: auth.user_id });
      let port: number | undefined;
      if (mode === 'http') {
        const listen = opts.host ? { port: opts.port ?? 3000, host: opts.host } : (opts.port ?? 3000);
        const server = (await app.start(listen)) as Server;
        port = (server.address() as AddressInfo).port;
        log.info('listening', { mode, port, path: '/slack/events', health: '/healthz' });
      } else {
        await app.start();
        log.info('started', { mode });
      }
      started = true;
      // What the previous run left: stored events not yet processed, replies not yet delivered.
      await delivery.resume();
      return { port };
    },
    idle: async () => {
      await delivery.idle();
      await intake?.idle();
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      log.info('stopping: no new messages, finishing in-flight turns', { inflight: delivery.busy });
      if (started && app) await app.stop().catch((err: unknown) => log.warn('receiver stop failed', { error: errMessage(err) }));
      // What does not finish stays in the inbox/outbox for the next start.
      const left = await delivery.stop(opts.drainTimeoutMs ?? 20_000);
      // An ingest under way is not cut off mid-write: its files and index are replaced whole, so waiting is enough.
      if (intake) await Promise.race([intake.idle(), new Promise((r) => setTimeout(r, opts.drainTimeoutMs ?? 20_000).unref())]);
      if (left > 0) log.warn('shutdown timed out with turns still running', { left });
      web.close();
      log.info('stopped', { mode });
    },
  };
}

/** DM channel ids start with D; `channel_type: 'im'` says so explicitly on message events. */
function isDm(channel: string, channelType?: string): boolean {
  return channelType === 'im' || channel.startsWith('D');
}

/**
 * One interview per person: a DM; a person in a channel thread (two people in one thread never
 * share an interview); or, for slash commands outside DMs (answered ephemerally), the user in that channel.
 */
function conversationId(team: string, channel: string, threadTs?: string, user?: string): string {
  if (isDm(channel)) return `slack:${team}:${channel}`;
  if (threadTs) return `slack:${team}:${channel}:${threadTs}${user ? `:user:${user}` : ''}`;
  return `slack:${team}:${channel}:user:${user ?? 'unknown'}`;
}

function notice(text: string, kind: Reply['kind'] = 'info'): Reply {
  return { kind, blocks: [{ kind: 'text', text }], text };
}

/**
 * Web API errors: Slack's own refusals (channel_not_found, …) are final; rate limits (their
 * `retryAfterMs` kept), 5xx, timeouts and network errors are not (web-post.ts says which is which).
 */
function classify(err: unknown): Error {
  if ((err as { code?: string } | null)?.code === PLATFORM_ERROR) return new PermanentDeliveryError(errMessage(err));
  return err instanceof Error ? err : new Error(errMessage(err));
}

function errMessage(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { message?: string; data?: { error?: string } };
    return e.data?.error ? `${e.message ?? 'error'} (${e.data.error})` : String(e.message ?? err);
  }
  return String(err);
}
