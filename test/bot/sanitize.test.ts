/**
 * Ids are checked like text before they reach the store: one with a lone surrogate, a control,
 * bidi or zero-width character, white space, or over its cap is refused whole (never cleaned into
 * another conversation's id), and the store is left exactly as it was.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/index.js';
import { isCleanId, parseIncoming } from '../../bot/sanitize.js';
import { dumpStore } from '../adapters/support/fuzz.js';
import { freshDataDir } from '../faults/fixtures/data-dir.js';
import { makeBot } from './helpers.js';

let bot: Bot;
let dir = '';
beforeAll(async () => {
  dir = await freshDataDir();
  bot = await makeBot(dir);
  await bot.handle({ platform: 'test', conversationId: 'ids-1', userId: 'u', messageId: 'seed-1', text: '开始' });
});
afterAll(async () => {
  await bot?.close();
});

const BAD = ['c\ud800', '\udc00c', 'c\u0000', 'c\u0007', 'c\u0085', 'c d', 'c\n', 'c\u202e', 'c\u200b', 'c\ufeff', 'c\ue000', 'c\ufffd', ''];

describe('ids checked like text', () => {
  it.each(BAD.map((b) => [JSON.stringify(b), b]))('%s is not an id', (_label, id) => {
    expect(isCleanId(id) && id.length > 0).toBe(false);
  });

  it('ordinary platform ids are', () => {
    for (const id of ['slack:T1:D100:1700000000.000100', 'dingtalk:cidAbC+/x==', 'dingtalk:$:LWCP_v1:$AbC', 'terminal:张三', 'msg-1_2']) expect(isCleanId(id)).toBe(true);
  });

  it.each([['conversationId'], ['userId'], ['messageId']])('a %s that is not an id gets the malformed reply and changes nothing', async (field) => {
    const before = dumpStore(path.join(dir, 'wuyin.sqlite'));
    for (const bad of [...BAD, 'x'.repeat(600)]) {
      const msg = { platform: 'test' as const, conversationId: 'ids-1', userId: 'u', messageId: `m-${Math.random()}`, text: '全部', [field]: bad };
      expect(parseIncoming(msg).ok).toBe(false);
      const replies = await bot.handle(msg);
      expect(replies[0]!.kind).toBe('error');
    }
    expect(dumpStore(path.join(dir, 'wuyin.sqlite'))).toBe(before);
  });
});
