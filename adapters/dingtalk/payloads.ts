/**
 * Zod schemas for what DingTalk's stream gateway pushes to the robot: the callback frame
 * and, inside its `data` string, the robot message. Only the fields Wuyin reads.
 */
import { z } from 'zod';
import { safeId } from '../../bot/sanitize.js';

export { parsePayload, type Parsed } from '../validate.js';

/** DingTalk ids (msgId, cid…, staff ids, $:LWCP_v1:$… sender ids): checked like text, capped. */
const Id = safeId(256);

export const CallbackFrame = z.object({
  type: z.literal('CALLBACK'),
  headers: z.object({ messageId: Id, topic: z.string().min(1).max(256) }).passthrough(),
  data: z.string(),
});
export type CallbackFrame = z.infer<typeof CallbackFrame>;

export const RobotMessage = z.object({
  msgId: Id,
  msgtype: z.string().min(1).max(64),
  conversationId: Id,
  /** '1' single chat, '2' group chat (the robot was @mentioned). */
  conversationType: z.enum(['1', '2']),
  conversationTitle: z.string().optional(),
  senderId: Id,
  senderStaffId: Id.optional(),
  senderNick: z.string().optional(),
  sessionWebhook: z.string().max(2048).url(),
  /** Epoch milliseconds. */
  sessionWebhookExpiredTime: z.coerce.number().int().positive(),
  robotCode: Id.optional(),
  text: z.object({ content: z.string() }).optional(),
  content: z.unknown().optional(),
});
export type RobotMessage = z.infer<typeof RobotMessage>;

const RichText = z.object({ richText: z.array(z.object({ text: z.string().optional() }).passthrough()) });
const Audio = z.object({ recognition: z.string() });

/** The words of a robot message, or null for kinds Wuyin cannot read (pictures, files…). */
export function messageText(m: RobotMessage): string | null {
  if (m.msgtype === 'text') return m.text?.content ?? null;
  if (m.msgtype === 'richText') {
    const r = RichText.safeParse(m.content);
    return r.success ? r.data.richText.map((p) => p.text ?? '').join('') : null;
  }
  if (m.msgtype === 'audio') {
    const a = Audio.safeParse(m.content);
    return a.success ? a.data.recognition : null;
  }
  return null;
}
