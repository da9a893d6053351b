/**
 * The process-level guard of the adapters' processes: an error that escapes every handler
 * (an unhandled rejection, an uncaught exception) is logged and the process keeps serving,
 * so no single request can end it. The causes found so far are fixed where they arise (the
 * payload checks before Bolt and the DingTalk SDK); this is the net under them.
 *
 * What is logged: the error's class, its code and where it was thrown (file:line of the first
 * frames), never its message, since messages quote input (JSON.parse shows the text it choked
 * on, so a person's words could reach the log).
 */
import { logger } from '../log.js';

const log = logger('guard');

export interface ErrorSummary {
  name: string;
  code?: string;
  at: string[];
}

/** The loggable part of an error: class, code and the first stack frames' locations. */
export function summariseError(err: unknown): ErrorSummary {
  if (!(err instanceof Error)) return { name: err === null ? 'null' : typeof err, at: [] };
  const code = (err as { code?: unknown }).code;
  const at = (err.stack ?? '')
    .split('\n')
    .slice(1)
    .map((l) => /\(?((?:file:\/\/|node:|\/)[^()\s]*?:\d+:\d+)\)?\s*$/.exec(l.trim())?.[1])
    .filter((x): x is string => Boolean(x))
    .slice(0, 3)
    .map((loc) => loc.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, ''))
    .map((loc) => loc.replace(/^.*\/(node_modules\/)/, '$1'));
  return { name: err.name || 'Error', ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}), at };
}

let installed: { off(): void } | undefined;
let counts = { rejections: 0, exceptions: 0 };

/** Installs the guard once per process; returns a handle to remove it (tests, shutdown). */
export function installProcessGuard(scope = 'adapter'): { off(): void } {
  if (installed) return installed;
  const onRejection = (reason: unknown) => {
    counts.rejections++;
    log.error('unhandled rejection; the process keeps serving', { scope, ...summariseError(reason), total: counts.rejections });
  };
  const onException = (err: unknown) => {
    counts.exceptions++;
    log.error('uncaught exception; the process keeps serving', { scope, ...summariseError(err), total: counts.exceptions });
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  installed = {
    off() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
      installed = undefined;
    },
  };
  return installed;
}

/** How many errors the guard caught (for /healthz-style introspection and tests). */
export function guardCounts(): { rejections: number; exceptions: number } {
  return { ...counts };
}

export function resetGuardCounts(): void {
  counts = { rejections: 0, exceptions: 0 };
}
