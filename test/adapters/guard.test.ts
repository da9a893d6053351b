/**
 * The process guard of the adapters' processes: what escapes every handler is logged without its
 * message (messages quote input) and the process keeps running. Checked in a child process, since
 * the test runner has its own handlers for both.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summariseError } from '../../adapters/guard.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORDS = '我们门店的会员数据都在Excel里';

describe('process guard', () => {
  it('keeps the process alive through an unhandled rejection and an uncaught exception, logging neither message', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/adapters/fixtures/guarded-child.ts', WORDS], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('alive');
    expect(r.stderr).toMatch(/unhandled rejection; the process keeps serving.*"name":"Error"/);
    expect(r.stderr).toMatch(/uncaught exception; the process keeps serving.*"name":"SyntaxError"/);
    expect(r.stderr).toContain('guarded-child.ts');
    expect(r.stderr).not.toContain(WORDS);
    expect(r.stderr).not.toContain('Excel');
  });

  it('summarises an error by class, code and place only', () => {
    const err = Object.assign(new Error('secret words'), { code: 'E_TEST' });
    const s = summariseError(err);
    expect(s).toMatchObject({ name: 'Error', code: 'E_TEST' });
    expect(JSON.stringify(s)).not.toContain('secret words');
    expect(s.at[0]).toMatch(/guard\.test\.ts:\d+:\d+/);
    expect(summariseError(null)).toEqual({ name: 'null', at: [] });
  });
});
