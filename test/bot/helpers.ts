import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config.js';
import { createBot, type Bot } from '../../bot/index.js';
import type { Reply } from '../../bot/types.js';
import { configureLog } from '../../log.js';

configureLog({ level: 'error' });

export function tmpDir(prefix = 'wuyin-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function makeBot(dataDir = tmpDir(), env: Record<string, string> = {}): Promise<Bot> {
  return createBot(loadConfig({ WUYIN_DATA_DIR: dataDir, ...env }));
}

/** A chat helper: sends lines as one user in one conversation, with fresh message ids. */
export function chatter(bot: Bot, conversationId = 'c1', userId = 'u1') {
  let n = 0;
  const send = async (text: string, messageId = `${conversationId}-m${++n}`): Promise<Reply[]> =>
    bot.handle({ platform: 'test', conversationId, userId, messageId, text });
  const text = (replies: Reply[]) => replies.map((r) => r.text).join('\n');
  return { send, text, async say(t: string) { return text(await send(t)); } };
}
