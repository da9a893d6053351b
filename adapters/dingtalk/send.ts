/**
 * Delivering DingTalk replies. The normal path is the message's `sessionWebhook`. When it
 * has expired (`sessionWebhookExpiredTime`, epoch ms; about 1.5 h after the message) or
 * the webhook refuses the post, the reply goes through the robot OpenAPI instead:
 * single chats → POST {apiBase}/v1.0/robot/oToMessages/batchSend (robotCode + userIds),
 * groups → POST {apiBase}/v1.0/robot/groupMessages/send (robotCode + openConversationId),
 * authorised with the app's access token. If that fails too, the reply is recorded as
 * undelivered (kept in memory, newest 100, and logged as an error) — never silently dropped.
 */
import type { ReplyKind } from '../../bot/types.js';
import { logger } from '../../log.js';
import { createHostPolicy, type HostPolicy } from './hosts.js';
import type { DingMarkdown } from './render.js';

/** Where one conversation's replies go; built from the robot message. */
export interface DingTalkRoute {
  conversationId: string;
  conversationType: '1' | '2';
  sessionWebhook: string;
  /** Epoch ms. */
  webhookExpiresAt: number;
  robotCode: string;
  /** Needed for single-chat OpenAPI sends. */
  senderStaffId?: string;
}

export interface UndeliveredReply {
  at: string;
  conversationId: string;
  kind: ReplyKind;
  title: string;
  text: string;
  reason: string;
}

export type DeliveryPath = 'webhook' | 'openapi' | 'undelivered';

export interface ReplySenderOptions {
  /** The OpenAPI base, default https://api.dingtalk.com. */
  apiBase?: string;
  getAccessToken: () => Promise<string>;
  now?: () => number;
  timeoutMs?: number;
  /** Treat a webhook as expired this long before its stated expiry. Default 10 s. */
  expiryMarginMs?: number;
  /** Hosts the token and replies may go to (hosts.ts). Default: DingTalk's own. */
  hosts?: HostPolicy;
}

const log = logger('dingtalk');

export class ReplySender {
  readonly undelivered: UndeliveredReply[] = [];
  private readonly apiBase: string;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly margin: number;
  private readonly hosts: HostPolicy;

  constructor(private readonly opts: ReplySenderOptions) {
    this.hosts = opts.hosts ?? createHostPolicy();
    this.apiBase = (opts.apiBase ?? 'https://api.dingtalk.com').replace(/\/+$/, '');
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.margin = opts.expiryMarginMs ?? 10_000;
  }

  async send(route: DingTalkRoute, md: DingMarkdown, kind: ReplyKind): Promise<DeliveryPath> {
    let webhookError: string | undefined;
    const trusted = this.hosts.allows(route.sessionWebhook);
    if (!trusted) {
      webhookError = 'sessionWebhook host is not a DingTalk host';
      log.warn('sessionWebhook outside the DingTalk hosts: not called; replying through the robot OpenAPI', {
        conversation: route.conversationId,
        host: this.hosts.hostOf(route.sessionWebhook),
      });
    } else if (this.now() < route.webhookExpiresAt - this.margin) {
      try {
        await this.viaWebhook(route, md);
        return 'webhook';
      } catch (err) {
        webhookError = (err as Error).message;
        log.warn('sessionWebhook post failed; trying the robot OpenAPI', { conversation: route.conversationId, error: webhookError });
      }
    } else {
      log.warn('sessionWebhook expired; replying through the robot OpenAPI', {
        conversation: route.conversationId,
        expiredAt: new Date(route.webhookExpiresAt).toISOString(),
      });
    }
    try {
      await this.viaOpenApi(route, md);
      return 'openapi';
    } catch (err) {
      const reason = [webhookError && `webhook: ${webhookError}`, `openapi: ${(err as Error).message}`].filter(Boolean).join('; ');
      this.record(route, md, kind, reason);
      return 'undelivered';
    }
  }

  private async viaWebhook(route: DingTalkRoute, md: DingMarkdown): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // The SDK's example sends the app token too; the session URL alone also authorises.
    const token = await this.opts.getAccessToken().catch((err: Error) => {
      log.debug('no access token for the webhook header', { error: err.message });
      return undefined;
    });
    if (token) headers['x-acs-dingtalk-access-token'] = token;
    const res = await fetch(route.sessionWebhook, {
      method: 'POST',
      headers,
      body: JSON.stringify({ msgtype: 'markdown', markdown: md }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    if (body.errcode && body.errcode !== 0) throw new Error(`errcode ${body.errcode} ${body.errmsg ?? ''}`.trim());
  }

  private async viaOpenApi(route: DingTalkRoute, md: DingMarkdown): Promise<void> {
    const msg = { robotCode: route.robotCode, msgKey: 'sampleMarkdown', msgParam: JSON.stringify({ title: md.title, text: md.text }) };
    let url: string;
    let body: Record<string, unknown>;
    if (route.conversationType === '1') {
      if (!route.senderStaffId) throw new Error('single chat without senderStaffId: cannot address the user');
      url = `${this.apiBase}/v1.0/robot/oToMessages/batchSend`;
      body = { ...msg, userIds: [route.senderStaffId] };
    } else {
      url = `${this.apiBase}/v1.0/robot/groupMessages/send`;
      body = { ...msg, openConversationId: route.conversationId };
    }
    if (!this.hosts.allows(url)) throw new Error(`the OpenAPI base ${this.hosts.hostOf(url)} is not a DingTalk host; the token is not sent there`);
    const token = await this.opts.getAccessToken();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) {
      const err = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
      throw new Error(`HTTP ${res.status}${err.code ? ` ${err.code}` : ''}${err.message ? `: ${err.message}` : ''}`);
    }
  }

  private record(route: DingTalkRoute, md: DingMarkdown, kind: ReplyKind, reason: string): void {
    this.undelivered.push({ at: new Date(this.now()).toISOString(), conversationId: route.conversationId, kind, title: md.title, text: md.text, reason });
    if (this.undelivered.length > 100) this.undelivered.shift();
    log.error('reply undelivered (recorded)', { conversation: route.conversationId, kind, reason });
  }
}
