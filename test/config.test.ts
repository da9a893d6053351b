import { describe, expect, it } from 'vitest';
import { DEFAULT_TURN_CONCURRENCY, loadConfig, pgPoolSize } from '../config.js';

describe('turn slots and the PostgreSQL pool', () => {
  it('defaults the turn slots on both stores, and WUYIN_TURN_CONCURRENCY sets them', () => {
    expect(loadConfig({}).turnConcurrency).toBe(DEFAULT_TURN_CONCURRENCY);
    expect(loadConfig({ WUYIN_DATABASE_URL: 'postgres://u@h/db' }).turnConcurrency).toBe(DEFAULT_TURN_CONCURRENCY);
    expect(loadConfig({ WUYIN_TURN_CONCURRENCY: '9' }).turnConcurrency).toBe(9);
    // Unset as an empty string, as shells export it.
    expect(loadConfig({ WUYIN_TURN_CONCURRENCY: '' }).turnConcurrency).toBe(DEFAULT_TURN_CONCURRENCY);
  });

  it('refuses a value that would stop every turn or is not a count', () => {
    for (const bad of ['0', '-1', '2.5', 'many']) expect(() => loadConfig({ WUYIN_TURN_CONCURRENCY: bad })).toThrow(/WUYIN_TURN_CONCURRENCY/);
  });

  it('gives the pool a connection per turn slot and more for the drains', () => {
    for (const n of [1, DEFAULT_TURN_CONCURRENCY, 16, 32]) expect(pgPoolSize(n)).toBeGreaterThan(n);
  });
});
