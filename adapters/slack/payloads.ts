/**
 * Zod schemas for the Slack payloads the adapter reads (validated with `parsePayload`).
 * Only the fields Wuyin uses are declared; everything else passes through untouched.
 */
import { z } from 'zod';

export { parsePayload, type Parsed } from '../validate.js';

export const EventEnvelope = z.object({
  event_id: z.string().min(1).optional(),
  team_id: z.string().min(1).optional(),
});

// The fields a message and an app mention share; a mention always has text.
const MessageFields = {
  channel: z.string().min(1),
  user: z.string().min(1).optional(),
  text: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().min(1).optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  client_msg_id: z.string().optional(),
  team: z.string().optional(),
};

export const MessageEvent = z.object({ type: z.literal('message'), channel_type: z.string().optional(), ...MessageFields });
export type MessageEvent = z.infer<typeof MessageEvent>;

export const AppMentionEvent = z.object({ type: z.literal('app_mention'), ...MessageFields, text: z.string() });
export type AppMentionEvent = z.infer<typeof AppMentionEvent>;

export const SlashCommand = z.object({
  command: z.string().min(1),
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  team_id: z.string().min(1),
  trigger_id: z.string().min(1),
  response_url: z.string().url(),
});
export type SlashCommand = z.infer<typeof SlashCommand>;

export const BlockAction = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string().min(1) }).nullish(),
  channel: z.object({ id: z.string().min(1) }).nullish(),
  container: z.object({ is_ephemeral: z.boolean().optional(), thread_ts: z.string().optional() }).passthrough().nullish(),
  message: z.object({ ts: z.string().min(1), thread_ts: z.string().optional() }).nullish(),
  response_url: z.string().url().optional(),
  /** The message's inputs as they stand at the click (a multi-select's picks, for its done button). */
  state: z.object({
    values: z.record(z.string(), z.record(z.string(), z.object({ type: z.string(), selected_options: z.array(z.object({ value: z.string() })).nullish() }).passthrough())),
  }).nullish(),
  actions: z
    .array(z.object({ action_id: z.string().min(1), value: z.string().min(1).max(2000), action_ts: z.string().min(1) }))
    .min(1),
});
export type BlockAction = z.infer<typeof BlockAction>;
