/**
 * `wuyin dingtalk` — runs the DingTalk robot in stream mode (an outbound WebSocket: no
 * public URL needed).
 */
import { FORCE_EXIT_AFTER_DRAIN_MS, loadConfig, secretValues } from '../config.js';
import { configureLog } from '../log.js';

const USAGE = `Usage: wuyin dingtalk

Runs the DingTalk robot (stream mode). Environment:
  DINGTALK_CLIENT_ID      the app's AppKey / Client ID, required
  DINGTALK_CLIENT_SECRET  the app's AppSecret / Client Secret, required
  DINGTALK_GATEWAY_URL    gateway connections/open URL override (tests, proxies); when set,
                          the access token (/gettoken) and the robot OpenAPI are taken from
                          the same origin
  WUYIN_RATE_LIMIT_PER_MIN  messages per user per minute (default 20)
  WUYIN_PUBLIC_URL        public base URL: reports get a link, served on PORT at /reports/<token>
  PORT                    health at /healthz (default 3000; 503 when the store cannot write)
  WUYIN_REPORT_LINK_DAYS  how long a report link works (default 7)
`;

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const config = loadConfig();
  configureLog({ level: config.WUYIN_LOG_LEVEL, secrets: secretValues(config) });
  if (!config.DINGTALK_CLIENT_ID || !config.DINGTALK_CLIENT_SECRET) return fail('DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are required');

  const { createDingTalkAdapter } = await import('../adapters/dingtalk/adapter.js');
  const { DingTalkHttpError } = await import('../adapters/dingtalk/client.js');
  const { loadCreateBot, serveUntilSignal } = await import('../adapters/serve.js');
  // A gateway override points at one stand-in/proxy origin for every DingTalk endpoint.
  const origin = config.DINGTALK_GATEWAY_URL ? new URL(config.DINGTALK_GATEWAY_URL).origin : undefined;
  const bot = await (await loadCreateBot())(config);
  // WUYIN_PUBLIC_URL: reports get a link served on PORT at /reports/<token>.
  const reports = config.WUYIN_PUBLIC_URL ? (await import('../report/publish.js')).reportPublishing(config, bot) : undefined;
  const adapter = createDingTalkAdapter({
    store: bot.store,
    handle: (msg, o) => bot.handle(msg, o),
    publishReport: reports?.publish,
    clientId: config.DINGTALK_CLIENT_ID,
    clientSecret: config.DINGTALK_CLIENT_SECRET,
    gatewayUrl: config.DINGTALK_GATEWAY_URL,
    tokenUrl: origin && `${origin}/gettoken`,
    apiBase: origin,
    rateLimitPerMin: config.WUYIN_RATE_LIMIT_PER_MIN,
    drainTimeoutMs: config.WUYIN_DRAIN_MS,
    pipeline: { concurrency: config.turnConcurrency },
  });
  let health: { close(): Promise<void> } | undefined;
  return serveUntilSignal({
    name: 'dingtalk',
    start: async () => {
      // /healthz on PORT with the store's health (503 when PostgreSQL is unreachable), beside the report links.
      if (reports) await reports.listen(config.PORT, undefined, bot.canWrite);
      else health = await serveHealth(config.PORT, bot.canWrite);
      const first = await adapter.start();
      // Wrong credentials do not get better by retrying; network trouble might.
      if (!first.connected && first.error instanceof DingTalkHttpError && first.error.status >= 400 && first.error.status < 500) {
        throw new Error(`DingTalk refused the connection (HTTP ${first.error.status}): check DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET and that the robot uses stream mode`);
      }
    },
    stop: () => adapter.stop(),
    close: async () => { await reports?.close(); await health?.close(); await bot.close(); },
    forceAfterMs: config.WUYIN_DRAIN_MS + FORCE_EXIT_AFTER_DRAIN_MS,
  });
}

/**
 * Without report links, /healthz alone. A port already taken does not stop the robot (it needs no
 * inbound port): it says so, and runs without a health endpoint.
 */
async function serveHealth(port: number, probe?: () => Promise<{ ok: boolean; code?: string }>) {
  const { startReportServer } = await import('../report/server.js');
  try {
    return await startReportServer(undefined, port, undefined, probe);
  } catch (err) {
    const { logger } = await import('../log.js');
    logger('dingtalk').warn('cannot serve /healthz on PORT; running without it', { port, error: (err as { code?: string }).code ?? (err as Error).message });
    return undefined;
  }
}

function fail(msg: string): number {
  process.stderr.write(`wuyin dingtalk: ${msg}\n\n${USAGE}`);
  return 2;
}
