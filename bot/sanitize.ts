import { z } from 'zod';
import type { IncomingMessage } from './types.js';

/**
 * Ids are checked like text, but never cleaned: an id changed by cleaning would name another
 * conversation. One with a lone surrogate, a control, format (bidi, zero-width) or private-use
 * character, or white space, is refused where it arrives (adapters ignore the event, the
 * orchestrator answers "malformed"), before it reaches the store or a URL.
 */
const NOT_IN_ID = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Z}\s\ufffd]/u;

export function isCleanId(id: string): boolean {
  return !NOT_IN_ID.test(id);
}

/** A zod string schema for an id of at most `max` characters. */
export function safeId(max: number) {
  return z.string().min(1).max(max).refine(isCleanId, 'contains a character an id cannot have');
}

/**
 * The orchestrator's boundary: a platform message is validated and its text made safe to store
 * and echo (no NUL or control characters, no lone UTF-16 surrogates) before any state is touched.
 */
export const IncomingMessageSchema = z.object({
  platform: z.enum(['terminal', 'slack', 'dingtalk', 'test']),
  conversationId: safeId(512),
  userId: safeId(256),
  messageId: safeId(512),
  text: z.string(),
  locale: z.enum(['zh', 'en']).optional(),
  reportScope: z.string().min(1).max(512).optional(),
});

// Everything below U+0020 except tab and newline, DEL, C1 controls, and bidi overrides that can
// make quoted text render misleadingly (RLO/LRO and isolates).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function cleanUserText(text: string): string {
  const wellFormed = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  // Terminal escape sequences go whole: stripping only ESC would leave "[2J" to be read as a 2.
  return wellFormed.replace(/\r\n?/g, '\n').replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '').replace(CONTROL, '').trim();
}

export type ParsedMessage = { ok: true; msg: IncomingMessage } | { ok: false; problem: string };

export function parseIncoming(raw: unknown): ParsedMessage {
  const r = IncomingMessageSchema.safeParse(raw);
  if (!r.success) return { ok: false, problem: r.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') };
  return { ok: true, msg: { ...r.data, text: cleanUserText(r.data.text) } };
}
