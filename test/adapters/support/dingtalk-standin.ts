/**
 * A loopback stand-in for DingTalk: the gateway's connections/open (HTTP POST answering
 * {endpoint, ticket}), the stream WebSocket (sends CALLBACK frames, records what the client
 * sends back), the access-token endpoint, session webhooks and the robot OpenAPI.
 * Every recorded event gets a global sequence number so tests can check ordering.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Recorded {
  seq: number;
  at: number;
}
export interface ClientFrame extends Recorded {
  frame: { code?: number; headers?: { messageId?: string }; message?: string; data?: string };
}
export interface HttpHit extends Recorded {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface DingTalkStandIn {
  base: string;
  gatewayUrl: string;
  tokenUrl: string;
  /** Successful WebSocket connections so far. */
  connections: number;
  opens: HttpHit[];
  frames: ClientFrame[];
  webhooks: HttpHit[];
  openapi: HttpHit[];
  tokens: number;
  /**
   * Which open stream connections a frame goes to: the newest (default), or every one (several
   * replicas on one app's credentials, each sent every event: the case the shared inbox must absorb).
   */
  fanout: 'last' | 'all';
  /** Webhook answers: override to simulate failures. */
  webhookAnswer: (path: string) => { status: number; body: unknown };
  /** Robot OpenAPI answers: override to simulate failures (undefined: the normal answer). */
  openapiAnswer: (path: string) => { status: number; body: unknown } | undefined;
  sendCallback(data: Record<string, unknown> | string, messageId?: string): string;
  sendRaw(text: string): void;
  dropConnections(): void;
  /** Stops reading from the open sockets (so pings go unanswered), simulating a half-dead link. */
  pauseConnections(): void;
  webhookUrl(id: string): string;
  close(): Promise<void>;
}

export async function startDingTalkStandIn(expect: { clientId: string; clientSecret: string }): Promise<DingTalkStandIn> {
  let seq = 0;
  let frameSeq = 0;
  const sockets = new Set<WebSocket>();
  const self: DingTalkStandIn = {
    base: '',
    gatewayUrl: '',
    tokenUrl: '',
    connections: 0,
    opens: [],
    frames: [],
    webhooks: [],
    openapi: [],
    tokens: 0,
    fanout: 'last',
    webhookAnswer: () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }),
    openapiAnswer: () => undefined,
    sendCallback(data, messageId = `frame-${++frameSeq}`) {
      const frame = {
        specVersion: '1.0',
        type: 'CALLBACK',
        headers: { appId: 'app', connectionId: 'conn', contentType: 'application/json', messageId, time: String(Date.now()), topic: '/v1.0/im/bot/messages/get' },
        data: typeof data === 'string' ? data : JSON.stringify(data),
      };
      self.sendRaw(JSON.stringify(frame));
      return messageId;
    },
    sendRaw(text) {
      const live = [...sockets].filter((s) => s.readyState === s.OPEN);
      if (live.length === 0) throw new Error('stand-in: no open stream connection');
      for (const s of self.fanout === 'all' ? live : [live[live.length - 1]!]) s.send(text);
    },
    dropConnections() {
      for (const s of sockets) s.terminate();
    },
    pauseConnections() {
      for (const s of sockets) (s as unknown as { _socket: { pause(): void } })._socket.pause();
    },
    webhookUrl: (id) => `${self.base}/robot/sendBySession/${id}?session=abc`,
    close: async () => {
      for (const s of sockets) s.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = Buffer.concat(chunks).toString();
      let body: Record<string, unknown> = {};
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        body = { raw };
      }
      const hit: HttpHit = { seq: ++seq, at: Date.now(), path: url.pathname, headers: req.headers, body };
      const json = (status: number, b: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(b));
      };
      if (url.pathname === '/v1.0/gateway/connections/open' && req.method === 'POST') {
        self.opens.push(hit);
        if (body.clientId !== expect.clientId || body.clientSecret !== expect.clientSecret) return json(401, { code: 'InvalidAuthentication', message: 'bad credentials' });
        const port = (server.address() as AddressInfo).port;
        return json(200, { endpoint: `ws://127.0.0.1:${port}/connect`, ticket: `ticket-${self.opens.length}` });
      }
      if (url.pathname === '/gettoken') {
        self.tokens += 1;
        if (url.searchParams.get('appkey') !== expect.clientId || url.searchParams.get('appsecret') !== expect.clientSecret) return json(200, { errcode: 40089, errmsg: 'invalid appkey or appsecret' });
        return json(200, { errcode: 0, errmsg: 'ok', access_token: 'access-token-1', expires_in: 7200 });
      }
      if (url.pathname.startsWith('/robot/sendBySession/')) {
        self.webhooks.push(hit);
        const a = self.webhookAnswer(url.pathname);
        return json(a.status, a.body);
      }
      if (url.pathname === '/v1.0/robot/oToMessages/batchSend' || url.pathname === '/v1.0/robot/groupMessages/send') {
        self.openapi.push(hit);
        if (req.headers['x-acs-dingtalk-access-token'] !== 'access-token-1') return json(401, { code: 'InvalidAuthentication', message: 'token' });
        const a = self.openapiAnswer(url.pathname);
        if (a) return json(a.status, a.body);
        return json(200, { processQueryKey: `q-${seq}` });
      }
      json(404, { code: 'NotFound' });
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/connect' || !url.searchParams.get('ticket')?.startsWith('ticket-')) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      self.connections += 1;
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        try {
          self.frames.push({ seq: ++seq, at: Date.now(), frame: JSON.parse(data.toString()) });
        } catch {
          /* ignore */
        }
      });
    });
  });

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  self.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  self.gatewayUrl = `${self.base}/v1.0/gateway/connections/open`;
  self.tokenUrl = `${self.base}/gettoken`;
  return self;
}

let msgSeq = 0;
/** A robot message as DingTalk sends it (single chat unless overridden). */
export function robotMessage(standin: DingTalkStandIn, over: Record<string, unknown> = {}): Record<string, unknown> {
  msgSeq += 1;
  return {
    msgId: `msg-${msgSeq}-${Math.random().toString(36).slice(2, 8)}`,
    msgtype: 'text',
    text: { content: ` hello ${msgSeq}` },
    conversationId: `cid-single-${msgSeq}`,
    conversationType: '1',
    senderId: `$:LWCP_v1:$sender${msgSeq}`,
    senderStaffId: `staff-${msgSeq}`,
    senderNick: '测试用户',
    chatbotUserId: '$:LWCP_v1:$bot',
    robotCode: 'ding-robot-code',
    isInAtList: true,
    createAt: Date.now(),
    sessionWebhook: standin.webhookUrl(`s${msgSeq}`),
    sessionWebhookExpiredTime: Date.now() + 90 * 60_000,
    ...over,
  };
}

/** The tap links of a markdown message: `[label](dtmd://…)`, in order. */
export function dtmdLinks(markdown: string): Array<{ label: string; url: string }> {
  return [...markdown.matchAll(/\[([^\]]*)\]\((dtmd:[^)\s]*)\)/g)].map((m) => ({ label: m[1]!, url: m[2]! }));
}

/**
 * What the DingTalk client does when a dtmd link is tapped: the link's `content`, percent-decoded
 * (UTF-8), is sent to the robot as the user's own text message in the same conversation. Anything
 * but the sendMessage form, or content that does not decode, throws (the client would do nothing).
 */
export function tapLink(standin: DingTalkStandIn, like: Record<string, unknown>, url: string): Record<string, unknown> {
  const m = /^dtmd:\/\/dingtalkclient\/sendMessage\?content=([^&#]*)$/.exec(url);
  if (!m) throw new Error(`not a dtmd sendMessage link: ${url}`);
  if (/[^A-Za-z0-9\-_.~%]/.test(m[1]!)) throw new Error(`content not percent-encoded: ${m[1]}`);
  const content = decodeURIComponent(m[1]!);
  const msg = robotMessage(standin, { ...pick(like), text: { content } });
  standin.sendCallback(msg);
  return msg;
}

function pick(like: Record<string, unknown>): Record<string, unknown> {
  const keys = ['conversationId', 'conversationType', 'senderId', 'senderStaffId', 'senderNick', 'sessionWebhook', 'robotCode'];
  return Object.fromEntries(keys.filter((k) => k in like).map((k) => [k, like[k]]));
}
