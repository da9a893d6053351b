import { describe, expect, it } from 'vitest';
import { KeyedMutex } from '../../../bot/store/mutex.js';

describe('KeyedMutex', () => {
  it('runs a failing task without blocking the next one and forgets idle keys', async () => {
    const mutex = new KeyedMutex();
    const order: number[] = [];
    const failing = mutex.run('k', async () => {
      order.push(1);
      throw new Error('boom');
    });
    const next = mutex.run('k', async () => {
      order.push(2);
      return 'ok';
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    expect(order).toEqual([1, 2]);
    expect(mutex.activeKeys).toBe(0);
  });
});
