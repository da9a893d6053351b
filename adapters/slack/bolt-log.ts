/**
 * Bolt's, the Web API client's and the Socket Mode client's logs, routed through Wuyin's logger
 * (so secrets are redacted) with payload text dropped: at debug level those libraries print
 * request and response bodies ("http request body: {…}", "Received a message on the WebSocket:
 * {…}", "ack() response sent (body: …)"), which carry people's words. A line keeps its words up to
 * the first sign of data — a JSON brace or bracket, a double quote, or a known payload label —
 * and says how much it dropped. Objects passed as arguments are never serialised.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import { logEnabled, logger } from '../../log.js';

/** Labels after which these libraries print data. */
const LABELS = [
  'http request (?:body|result|headers|url)', 'Received a message on the WebSocket', 'Sending a WebSocket message',
  'Unable to parse an incoming WebSocket message', 'Error details', 'storedResponse', '\\(body', 'data', 'payload',
  'Malformed request body', 'Failed to parse', 'challenge',
];
const PAYLOAD_LABELS = new RegExp(`(${LABELS.join('|')})\\s*[:=]?`, 'i');

/** The part of one library log argument that may be logged. */
export function boltText(part: unknown): string {
  if (part instanceof Error) {
    const code = (part as Error & { code?: unknown }).code;
    return `[${part.name}${typeof code === 'string' ? ` ${code}` : ''}]`;
  }
  if (typeof part !== 'string') {
    const plain = part === undefined || part === null || typeof part === 'number' || typeof part === 'boolean';
    return plain ? String(part) : '[data dropped]';
  }
  const label = PAYLOAD_LABELS.exec(part);
  const cuts = [part.search(/[{["]/), label ? label.index + label[0].length : -1].filter((i) => i >= 0);
  const cutAt = Math.min(...cuts, part.length);
  if (cutAt === part.length) return part;
  return `${part.slice(0, cutAt).trimEnd()} [${part.length - cutAt} chars dropped]`;
}

export function makeBoltLogger(): BoltLogger {
  const l = logger('slack:bolt');
  let level: LogLevel = LogLevel.INFO;
  const join = (msg: unknown[]) => msg.map(boltText).join(' ');
  return {
    // The Web API client logs several debug lines a call: not cut up unless they will be printed.
    debug: (...m: unknown[]) => void (logEnabled('debug') && l.debug(join(m))),
    info: (...m: unknown[]) => l.info(join(m)),
    warn: (...m: unknown[]) => l.warn(join(m)),
    error: (...m: unknown[]) => l.error(join(m)),
    setLevel: (lv: LogLevel) => void (level = lv),
    getLevel: () => level,
    setName: () => undefined,
  };
}
