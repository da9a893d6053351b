/**
 * A small structured logger that writes to stderr (stdout belongs to CLI output) and
 * redacts every configured secret value, so tokens never reach a log even by accident.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

// Only config.ts reads the environment: the CLI sets WUYIN_LOG_LEVEL here at start (cli/main.ts).
let threshold: LogLevel = 'info';
let secrets: string[] = [];
let sink: (line: string) => void = (line) => process.stderr.write(line + '\n');

export function configureLog(opts: { level?: LogLevel; secrets?: string[]; sink?: (line: string) => void }): void {
  if (opts.level) threshold = opts.level;
  if (opts.secrets) secrets = opts.secrets.filter((s) => s.length >= 4);
  if (opts.sink) sink = opts.sink;
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out;
}

function write(level: LogLevel, scope: string, msg: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < ORDER[threshold]) return;
  const extra = fields ? ' ' + JSON.stringify(fields) : '';
  sink(redact(`${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${msg}${extra}`));
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function logger(scope: string): Logger {
  return {
    debug: (m, f) => write('debug', scope, m, f),
    info: (m, f) => write('info', scope, m, f),
    warn: (m, f) => write('warn', scope, m, f),
    error: (m, f) => write('error', scope, m, f),
  };
}
