/**
 * Zod schemas for the Slack payloads the adapter reads (validated with `parsePayload`).
 * Only the fields Wuyin uses are declared; everything else passes through untouched.
 */
import { z } from 'zod';
import { safeId } from '../../bot/sanitize.js';
import { SlackFile } from './files.js';

export { parsePayload, type Parsed } from '../validate.js';

/** Slack ids (channel, user, team, event, trigger): checked like text, capped (bot/sanitize.ts). */
const Id = safeId(64);
/** Message and action timestamps: seconds with an optional fraction, "1700000000.000100". */
const Ts = safeId(32).regex(/^\d{1,12}(\.\d{1,8})?$/, 'expected a Slack timestamp');
/** response_url: an http(s) URL (zod's url() alone also takes javascript: and other schemes). */
const Url = z.string().max(2048).url().refine((u) => /^https?:\/\//i.test(u), 'expected an http(s) URL');

export const EventEnvelope = z.object({
  event_id: Id.optional(),
  team_id: Id.optional(),
});

// The fields a message and an app mention share; a mention always has text.
const MessageFields = {
  channel: Id,
  user: Id.optional(),
  text: z.string().optional(),
  ts: Ts,
  thread_ts: Ts.optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  client_msg_id: Id.optional(),
  team: Id.optional(),
  /** A file_share message's files (and a mention's): material for the intake (files.ts). */
  files: z.array(SlackFile).max(20).optional(),
};

export const MessageEvent = z.object({ type: z.literal('message'), channel_type: z.string().optional(), ...MessageFields });
export type MessageEvent = z.infer<typeof MessageEvent>;

export const AppMentionEvent = z.object({ type: z.literal('app_mention'), ...MessageFields, text: z.string() });
export type AppMentionEvent = z.infer<typeof AppMentionEvent>;

export const SlashCommand = z.object({
  command: z.string().min(1),
  text: z.string().default(''),
  user_id: Id,
  channel_id: Id,
  team_id: Id,
  trigger_id: Id,
  response_url: Url,
});
export type SlashCommand = z.infer<typeof SlashCommand>;

export const BlockAction = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: Id, team_id: Id.optional() }),
  team: z.object({ id: Id }).nullish(),
  channel: z.object({ id: Id }).nullish(),
  container: z.object({ is_ephemeral: z.boolean().optional(), thread_ts: Ts.optional() }).passthrough().nullish(),
  message: z.object({ ts: Ts, thread_ts: Ts.optional() }).nullish(),
  response_url: Url.optional(),
  /** The message's inputs as they stand at the click (a multi-select's picks, for its done button). */
  state: z.object({
    values: z.record(z.string(), z.record(z.string(), z.object({ type: z.string(), selected_options: z.array(z.object({ value: z.string() })).nullish() }).passthrough())),
  }).nullish(),
  actions: z.array(z.object({ action_id: Id, value: z.string().min(1).max(2000), action_ts: Ts })).min(1),
});
export type BlockAction = z.infer<typeof BlockAction>;
