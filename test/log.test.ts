/** The logger redacts whole values before it shortens them, so no part of a secret survives a cut. */
import { describe, expect, it } from 'vitest';
import { clip, configureLog, logger, MAX_VALUE_CHARS, redact } from '../log.js';
import { loadConfig } from '../config.js';

const KEY = 'sk-live-0123456789abcdefghijklmnop';

describe('log redaction', () => {
  it('redacts a secret that straddles the truncation point', () => {
    const lines: string[] = [];
    configureLog({ level: 'debug', secrets: [KEY], sink: (l) => lines.push(l) });
    // The key starts 10 characters before the cut: truncating first would keep its first 10.
    const message = `${'x'.repeat(MAX_VALUE_CHARS - 10)}${KEY} and more`;
    logger('t').warn('llm failed', { error: message });
    logger('t').warn(message);
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(l).not.toContain(KEY.slice(0, 8));
      expect(l).toMatch(/more\)|\[redacted\]/);
    }
  });

  it('redacts a secret echoed back cut short, and leaves other text alone', () => {
    configureLog({ secrets: [KEY] });
    expect(redact(`key ${KEY.slice(0, 14)}… was rejected`)).toBe('key [redacted]… was rejected');
    expect(redact('nothing secret here')).toBe('nothing secret here');
    expect(clip('a'.repeat(10), 5)).toBe('aaaaa…(5 more)');
    expect(clip('😀'.repeat(4), 3)).not.toMatch(/[\ud800-\udbff]…/);
  });
});

describe('configuration of the turn budget', () => {
  it('refuses an LLM budget that does not end before the drain deadline', () => {
    expect(() => loadConfig({ WUYIN_LLM_TURN_BUDGET_MS: '19000', WUYIN_DRAIN_MS: '20000' })).toThrow(/WUYIN_LLM_TURN_BUDGET_MS/);
    expect(loadConfig({}).WUYIN_LLM_TURN_BUDGET_MS).toBeLessThan(loadConfig({}).WUYIN_DRAIN_MS);
    expect(loadConfig({}).WUYIN_MAX_BODY_BYTES).toBe(1024 * 1024);
  });
});
