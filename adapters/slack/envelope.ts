/**
 * What a signed Slack body must look like before Bolt may read it. Bolt reads fields of the
 * body without checking them (`body.ssl_check` of `null`, `'id' in event.channel` of a
 * string, `authorizations[0].is_enterprise_install` of `null`…); each of those throws, and
 * some throw where nothing catches them, which ended the process. So the receiver sorts every
 * body first: `pass` (a shape Bolt reads safely and a listener of ours wants), `ignore` (valid
 * but nothing here listens: answered 200 at once instead of Bolt's 3 s "unhandled" wait), or
 * `invalid` (answered 400). The schemas mirror the order in which Bolt decides a body's kind
 * (helpers.getTypeAndConversation: event, command, options, actions, shortcut, view).
 *
 * These only guard Bolt; the adapter's own schemas (payloads.ts) then check the fields it uses.
 */
import { z } from 'zod';

export type Verdict = { kind: 'pass' } | { kind: 'ignore'; why: string } | { kind: 'invalid'; why: string };

export interface ListenedFor {
  /** The slash command we answer, e.g. `/wuyin`. */
  command: string;
  /** action_id prefix of our buttons. */
  /** Action ids this app listens for start with one of these. */
  actionPrefix: string | readonly string[];
  /** Event types with a listener. */
  events: readonly string[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PlainObject = z.custom<Record<string, unknown>>(isPlainObject, 'expected an object');
const absent = z.never().optional();

const BoltEvent = z.looseObject({
  type: z.string(),
  channel: z.string().optional(),
  user: z.string().optional(),
  channel_id: z.string().optional(),
  item: PlainObject.optional(),
  subteam: PlainObject.optional(),
  assistant_thread: PlainObject.optional(),
  message: PlainObject.optional(),
  previous_message: PlainObject.optional(),
});

const EventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event: BoltEvent,
  team_id: z.string().optional(),
  enterprise_id: z.string().nullish(),
  authorizations: z.array(PlainObject).optional(),
  function_data: PlainObject.optional(),
});

const Command = z.looseObject({
  event: absent,
  command: z.string(),
  channel_id: z.string(),
  user_id: z.string(),
  team_id: z.string(),
  enterprise_id: z.string().optional(),
  is_enterprise_install: z.string().optional(),
  response_url: z.string().optional(),
  response_urls: absent,
});

const BlockActions = z.looseObject({
  type: z.literal('block_actions'),
  event: absent,
  command: absent,
  name: absent,
  actions: z.array(z.looseObject({ action_id: z.string() })).min(1),
  user: z.looseObject({ id: z.string(), team_id: z.string().optional() }),
  team: z.looseObject({ id: z.string() }).nullish(),
  enterprise: PlainObject.nullish(),
  channel: z.looseObject({ id: z.string() }).optional(),
  container: PlainObject.nullish(),
  message: PlainObject.nullish(),
  view: PlainObject.optional(),
  response_url: z.string().optional(),
  response_urls: absent,
  function_data: PlainObject.optional(),
  is_enterprise_install: z.boolean().optional(),
});

const firstIssue = (e: z.ZodError): string => {
  const i = e.issues[0];
  return i ? `${i.path.join('.') || '(root)'}: ${i.message}` : 'invalid';
};

function check(schema: z.ZodType, body: unknown, what: string): Verdict {
  const r = schema.safeParse(body);
  return r.success ? { kind: 'pass' } : { kind: 'invalid', why: `${what}: ${firstIssue(r.error)}` };
}

/** Sorts a parsed, signed body (see the module comment). */
export function sortBody(body: unknown, listens: ListenedFor): Verdict {
  if (!isPlainObject(body)) {
    const what = body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body;
    return { kind: 'invalid', why: `body is ${what}, not an object` };
  }
  if (body.type === 'url_verification') {
    return typeof body.challenge === 'string' ? { kind: 'pass' } : { kind: 'invalid', why: 'url_verification without a challenge' };
  }
  if (body.event !== undefined) {
    const v = check(EventCallback, body, 'event callback');
    if (v.kind !== 'pass') return v;
    const type = (body.event as { type: string }).type;
    return listens.events.includes(type) ? v : { kind: 'ignore', why: 'event type without a listener' };
  }
  if (body.command !== undefined) {
    const v = check(Command, body, 'slash command');
    if (v.kind !== 'pass') return v;
    return body.command === listens.command ? v : { kind: 'ignore', why: 'another slash command' };
  }
  if (body.type === 'block_actions' || body.actions !== undefined) {
    const v = check(BlockActions, body, 'block actions');
    if (v.kind !== 'pass') return v;
    const first = (body.actions as Array<{ action_id: string }>)[0]!;
    const prefixes = typeof listens.actionPrefix === 'string' ? [listens.actionPrefix] : listens.actionPrefix;
    return prefixes.some((x) => first.action_id.startsWith(x)) ? v : { kind: 'ignore', why: 'action without a listener' };
  }
  // Options, shortcuts, views, dialogs, legacy interactive messages: no listener here.
  return { kind: 'ignore', why: typeof body.type === 'string' ? 'payload type without a listener' : 'payload of no known kind' };
}
