/**
 * A small structured logger that writes to stderr (stdout belongs to CLI output) and
 * redacts every configured secret value, so tokens never reach a log even by accident.
 * Redaction runs on whole values before anything is shortened: a secret cut in half by a
 * truncation could no longer be recognised. Callers pass whole messages; the logger caps them.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
/** Longest message or string field kept in a line (after redaction). */
export const MAX_VALUE_CHARS = 300;
/** A secret echoed back shortened (a server that masks or cuts keys) is still redacted from this many chars on. */
const MIN_PREFIX = 8;

// Only config.ts reads the environment: the CLI sets WUYIN_LOG_LEVEL here at start (cli/main.ts).
let threshold: LogLevel = 'info';
let secrets: string[] = [];
let sink: (line: string) => void = (line) => process.stderr.write(line + '\n');

export function configureLog(opts: { level?: LogLevel; secrets?: string[]; sink?: (line: string) => void }): void {
  if (opts.level) threshold = opts.level;
  if (opts.secrets) secrets = opts.secrets.filter((s) => s.length >= 4);
  if (opts.sink) sink = opts.sink;
}

export function logEnabled(level: LogLevel): boolean {
  return ORDER[level] >= ORDER[threshold];
}

/** Replaces every secret, and every run of at least MIN_PREFIX leading characters of one, with [redacted]. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) {
    out = out.split(s).join('[redacted]');
    const head = s.slice(0, Math.min(MIN_PREFIX, s.length));
    let at = out.indexOf(head);
    while (at >= 0) {
      let n = head.length;
      while (n < s.length && out[at + n] === s[n]) n++;
      out = `${out.slice(0, at)}[redacted]${out.slice(at + n)}`;
      at = out.indexOf(head, at + '[redacted]'.length);
    }
  }
  return out;
}

/** Redacts, then shortens to `max` characters (never splitting a surrogate pair). */
export function clip(text: string, max = MAX_VALUE_CHARS): string {
  const safe = redact(text);
  if (safe.length <= max) return safe;
  let end = max;
  if (/[\ud800-\udbff]/.test(safe[end - 1] ?? '')) end--;
  return `${safe.slice(0, end)}…(${safe.length - end} more)`;
}

function clean(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return clip(v);
  if (v instanceof Error) return clip(v.message);
  if (depth > 3 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.slice(0, 20).map((x) => clean(x, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x, depth + 1)]));
}

function write(level: LogLevel, scope: string, msg: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < ORDER[threshold]) return;
  let extra = '';
  if (fields) {
    try {
      extra = ' ' + JSON.stringify(clean(fields));
    } catch {
      extra = ' {"fields":"unserialisable"}';
    }
  }
  sink(`${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${clip(msg, 1000)}${extra}`);
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
