import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../bot/index.js';
import type { DeferredScorer } from '../../bot/interview/deferred.js';
import { loadConfig } from '../../config.js';
import { freshDataDir } from '../faults/fixtures/data-dir.js';

let bot: Bot | undefined;
afterEach(async () => { await bot?.close(); bot = undefined; });

describe('createBot builds the offline scorer after its first turn', () => {
  it('answers the greeting before the scorer is built, then builds it while idle', async () => {
    bot = await createBot(loadConfig({ WUYIN_DATA_DIR: await freshDataDir(), OPENAI_API_KEY: '' }));
    const scorer = bot.scorer as DeferredScorer;
    expect(scorer.built).toBe(false);
    const replies = await bot.handle({ platform: 'test', conversationId: 'warm-1', userId: 'u', messageId: 'm1', text: '开始' });
    expect(replies.length).toBeGreaterThan(0);
    expect(scorer.built).toBe(false);
    await tick();
    expect(scorer.built).toBe(true);
  });

});
