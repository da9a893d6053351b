import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import type { Handler, Reply } from '../../bot/types.js';
import { renderReply } from './render.js';

/**
 * The terminal adapter: one line in, one IncomingMessage; replies rendered as text.
 * Interactive on a TTY; with stdin piped it reads one message per line and exits at EOF.
 * The conversation id is stable per user, so a restarted process resumes where it stood.
 */
export interface TerminalOptions {
  user: string;
  conversationId?: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  /** Echo each message before its replies (script transcripts). */
  echo?: boolean;
  onTurn?: (text: string, replies: Reply[]) => void;
  /** How a reply is shown (default: terminal text); `wuyin chat --phone` shows DingTalk's rendering. */
  render?: (r: Reply) => string;
  /** How the person's message is echoed (default "你 › text"). */
  echoAs?: (text: string) => string;
}

export async function runTerminal(bot: { handle: Handler }, o: TerminalOptions, opening?: Reply[]): Promise<number> {
  const conversationId = o.conversationId ?? `terminal:${o.user}`;
  const write = (s: string) => o.output.write(s + '\n');
  const show = o.render ?? ((r: Reply) => renderReply(r) + '\n');
  for (const r of opening ?? []) write(show(r));
  const rl = readline.createInterface({ input: o.input, terminal: false, crlfDelay: Infinity });
  const prompt = () => { if (o.interactive) o.output.write('你 › '); };
  let turns = 0;
  // A first empty-ish message greets a new user, or resumes an existing conversation.
  if (o.interactive && !opening) {
    const replies = await bot.handle({ platform: 'terminal', conversationId, userId: o.user, messageId: randomUUID(), text: '开始' });
    for (const r of replies) write(show(r));
  }
  prompt();
  for await (const line of rl) {
    const text = line.replace(/\r$/, '');
    if (o.echo) write(o.echoAs ? o.echoAs(text) : `你 › ${text}`);
    const replies = await bot.handle({ platform: 'terminal', conversationId, userId: o.user, messageId: randomUUID(), text });
    o.onTurn?.(text, replies);
    for (const r of replies) write(show(r));
    turns++;
    prompt();
  }
  return turns;
}
