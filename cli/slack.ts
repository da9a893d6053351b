/**
 * `wuyin slack` — runs the Slack adapter. Socket Mode when SLACK_APP_TOKEN is set,
 * otherwise HTTP on PORT (default 3000) at /slack/events.
 */
import { FORCE_EXIT_AFTER_DRAIN_MS, loadConfig, secretValues } from '../config.js';
import { configureLog } from '../log.js';

const USAGE = `Usage: wuyin slack [--port N]

Runs the Slack app. Environment:
  SLACK_BOT_TOKEN        bot token (xoxb-…), required
  SLACK_APP_TOKEN        app-level token (xapp-…): Socket Mode, no public URL needed
  SLACK_SIGNING_SECRET   required in HTTP mode (no SLACK_APP_TOKEN)
  PORT                   HTTP mode port (default 3000); endpoint /slack/events, health /healthz
  SLACK_API_URL          Web API base URL override (e.g. a test stand-in)
  WUYIN_RATE_LIMIT_PER_MIN  messages per user per minute (default 20)
  WUYIN_MAX_BODY_BYTES   largest request body read (default 1 MB; more gets 413)
  WUYIN_DRAIN_MS         on SIGTERM, how long in-flight turns may finish (default 20000)
  WUYIN_ADMINS           Slack user ids (U…, or T…:U…) whose files sent to the bot are ingested
`;

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const portArg = flag(args, '--port');
  const config = loadConfig();
  configureLog({ level: config.WUYIN_LOG_LEVEL, secrets: secretValues(config) });
  if (!config.SLACK_BOT_TOKEN) return fail('SLACK_BOT_TOKEN is required');
  if (!config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) return fail('set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
  const port = portArg === undefined ? config.PORT : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be a port number (got '${portArg}')`);

  const { createSlackAdapter } = await import('../adapters/slack/app.js');
  const { loadCreateBot, serveUntilSignal } = await import('../adapters/serve.js');
  const bot = await (await loadCreateBot())(config);
  // WUYIN_PUBLIC_URL: /reports/<token> on the Bolt server (HTTP mode) or a small one on PORT (Socket Mode).
  const reports = config.WUYIN_PUBLIC_URL ? (await import('../report/publish.js')).reportPublishing(config, bot) : undefined;
  const adapter = createSlackAdapter({
    store: bot.store,
    handle: (msg, o) => bot.handle(msg, o),
    ...(reports && !config.SLACK_APP_TOKEN ? { reportRoute: reports.handler } : {}),
    botToken: config.SLACK_BOT_TOKEN,
    signingSecret: config.SLACK_SIGNING_SECRET,
    appToken: config.SLACK_APP_TOKEN,
    port,
    apiUrl: config.SLACK_API_URL,
    rateLimitPerMin: config.WUYIN_RATE_LIMIT_PER_MIN,
    drainTimeoutMs: config.WUYIN_DRAIN_MS,
    pipeline: { concurrency: config.turnConcurrency },
    maxBodyBytes: config.WUYIN_MAX_BODY_BYTES,
    canWrite: bot.canWrite,
    chromiumPath: config.WUYIN_CHROMIUM,
    // Files sent to the bot: an admin's are ingested like `wuyin ingest` (the shared corpus on PostgreSQL).
    ...(bot.retriever ? { files: { admins: config.WUYIN_ADMINS, ingest: (f: string) => bot.retriever!.ingest(f), maxBytes: config.WUYIN_MAX_INGEST_BYTES } } : {}),
  });
  return serveUntilSignal({
    name: 'slack',
    start: async () => { const r = await adapter.start(); if (reports && config.SLACK_APP_TOKEN) await reports.listen(port); return r; },
    stop: () => adapter.stop(),
    close: async () => { await reports?.close(); await bot.close(); },
    forceAfterMs: config.WUYIN_DRAIN_MS + FORCE_EXIT_AFTER_DRAIN_MS,
  });
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1] ?? '';
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

function fail(msg: string): number {
  process.stderr.write(`wuyin slack: ${msg}\n\n${USAGE}`);
  return 2;
}
