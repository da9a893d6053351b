import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { TurnKey, TurnOutput } from '../../../bot/store/index.js';

/** Temp data dirs for one test file; removed by cleanup(). */
export function tempDirs() {
  const made: string[] = [];
  return {
    make(): string {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-store-'));
      made.push(dir);
      return dir;
    },
    cleanup(): void {
      for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CounterSchema = z.object({ count: z.number().int().nonnegative(), seen: z.array(z.string()) });
export type Counter = z.infer<typeof CounterSchema>;

export function key(conversationId: string, messageId: string, userId = 'u1'): TurnKey {
  return { platform: 'test', conversationId, userId, messageId };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A turn that increments a counter after yielding, so a lost update would show. */
export function increment(messageId: string, yields = 2) {
  return async (state: Counter | undefined): Promise<TurnOutput<Counter, { kind: string; text: string }>> => {
    const before = state ?? { count: 0, seen: [] };
    for (let i = 0; i < yields; i++) await tick();
    const count = before.count + 1;
    return {
      state: { count, seen: [...before.seen, messageId] },
      replies: [{ kind: 'info', text: `count is ${count}` }],
      userText: `message ${messageId}`,
    };
  };
}
