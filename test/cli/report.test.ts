/** `wuyin report`: a stored interview as Markdown, JSON, HTML and PDF files, and clear refusals. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/report.js';
import { chatter, makeBot, tmpDir } from '../bot/helpers.js';
import { browserAvailable } from '../report/helpers.js';

const PDF = browserAvailable('test/cli/report.test.ts');
let dir: string;
let out: string[];
let err: string[];

beforeAll(async () => {
  dir = tmpDir();
  const bot = await makeBot(dir);
  const c = chatter(bot, 'slack:T1:D1', 'slack:T1:U1');
  for (const line of ['开始', '零售', '快速', '2', '3', '门店的数据都在店长自己的Excel里，总部看不到', '2', '4', '3']) await c.say(line);
  await bot.close();
});

async function cli(...args: string[]): Promise<number> {
  out = [];
  err = [];
  vi.stubEnv('WUYIN_DATA_DIR', dir);
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    return await run(args);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
afterEach(() => vi.unstubAllEnvs());

describe('wuyin report', () => {
  it('lists the sessions, then prints one as Markdown and JSON with the client name', async () => {
    expect(await cli()).toBe(0);
    expect(out.join('')).toContain('slack:T1:D1');
    expect(await cli('slack:T1:D1', '--client', '某某乳业')).toBe(0);
    const md = out.join('');
    expect(md).toContain('客户: **某某乳业**');
    expect(md).toContain('自评');
    expect(md).toContain('门店的数据都在店长自己的Excel里，总部看不到');
    expect(await cli('slack:T1:D1', '--format', 'json', '--lang', 'en')).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json).toMatchObject({ session: 'slack:T1:D1', locale: 'en', complete: true, meta: { client: null } });
    expect(json.meta.versions.rubric).toMatch(/^[0-9a-f]{16}$/);
  });

  it('writes HTML and PDF files with --out', async () => {
    const html = path.join(tmpDir(), 'r.html');
    expect(await cli('slack:T1:D1', '--format', 'html', '--out', html, '--client', 'ACME <b>')).toBe(0);
    expect(fs.readFileSync(html, 'utf8')).toContain('ACME &lt;b&gt;');
    if (!PDF) return;
    const pdf = path.join(tmpDir(), 'r.pdf');
    expect(await cli('slack:T1:D1', '--format', 'pdf', '--out', pdf, '--client', 'ACME')).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('ACME');
  });

  it('refuses a bad format, a file format without --out, and an unknown session, clearly', async () => {
    expect(await cli('x', '--format', 'docx')).toBe(2);
    expect(err.join('')).toContain('--format must be one of md, json, html, pdf');
    expect(await cli('slack:T1:D1', '--format', 'pdf')).toBe(2);
    expect(err.join('')).toContain('add --out FILE');
    expect(await cli('nope')).toBe(1);
    expect(err.join('')).toContain("no session 'nope'");
  });
});
