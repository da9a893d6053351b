import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../bot/helpers.js';

const dataDir = tmpDir('wuyin-cli-');
const env = { ...process.env, WUYIN_DATA_DIR: dataDir, WUYIN_LOG_LEVEL: 'error', OPENAI_API_KEY: '' };
const run = (...args: string[]) => execFileSync('node', ['bin/wuyin.mjs', ...args], { encoding: 'utf8', env });

describe('wuyin chat --script, score and report', () => {
  it('replays a script with the set-up given by flags and prints the documented JSON', () => {
    const script = path.join(dataDir, 'quick.txt');
    fs.writeFileSync(script, ['2', '什么是数据中台？', '3', '跳过', '1', '2'].join('\n') + '\n');
    const out = JSON.parse(run('chat', '--script', script, '--mode', 'quick', '--elements', '零售,物流', '--user', 'cli-test', '--json'));
    expect(Object.keys(out)).toEqual(['assessment', 'recommendations', 'roadmap', 'transcript']);
    expect(out.assessment.indicators['1.1']).toMatchObject({ level: 2, confidence: 1 });
    expect(out.assessment.indicators['2.1']).toMatchObject({ level: 3 });
    expect(out.assessment.skipped).toEqual(['3.1']);
    expect(out.assessment.pillars['1']).toEqual({ score: 2 });
    expect(out.assessment.pillars['3']).toEqual({ score: null });
    expect(out.assessment.overall).toBeCloseTo((2 + 3 + 1 + 2) / 4);
    expect(out.assessment.complete).toBe(true);
    // 运营数据化 (1) and 决策智能化 (2) are weak: their 零售 and 物流 cells are recommended.
    const names = out.recommendations.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['零售数据中台方案', '物流IOT数据可视化方案', '库存平衡中心方案', '供应链计划优化方案']));
    expect(out.roadmap[0].indicator).toBe('1.1');
    expect(out.transcript.filter((t: { role: string }) => t.role === 'user').map((t: { text: string }) => t.text)).toContain('什么是数据中台？');
  });

  it('scores one answer as JSON', () => {
    const r = JSON.parse(run('score', '--indicator', '1.5', '--answer', '我们做了异地多活，每季度做灾备演练', '--json'));
    expect(r).toMatchObject({ indicator: '1.5', level: 5 });
    expect(r.candidates).toHaveLength(5);
    expect(typeof r.evidence).toBe('string');
  });

  it('prints a stored session as Markdown and JSON', () => {
    const list = run('report').trim().split('\n');
    const session = list.find((l) => l.includes('cli-test'))!.split('\t')[0]!;
    expect(run('report', session, '--format', 'md')).toContain('## 路线图');
    expect(JSON.parse(run('report', session, '--format', 'json'))).toMatchObject({ session, complete: true });
  });

  it('--phone prints each reply as DingTalk shows it; the README transcript is that output', () => {
    const out = run('chat', '--phone', '--script', 'test/fixtures/phone-quick.txt', '--user', 'cli-phone');
    const lines = fs.readFileSync('test/fixtures/phone-quick.txt', 'utf8').trim().split('\n');
    expect(out.split('\n').filter((l) => l.startsWith('👤 '))).toEqual(lines.map((l) => `👤 ${l}`));
    for (const rows of out.matchAll(/^🤖 \((\d+(?:\.\d+)?) rows?\)$/gm)) expect(Number(rows[1])).toBeGreaterThan(0);
    expect(out).toContain('［对］ · ［改］ · ［跳过］');
    const readme = fs.readFileSync('README.md', 'utf8');
    const shown = /A quick interview in DingTalk, as the phone shows it[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)![1]!;
    const undated = (s: string) => s.replace(/\d{4}-\d{2}-\d{2}/g, 'YYYY-MM-DD');
    expect(undated(shown), 'README transcript: regenerate with wuyin chat --phone --script test/fixtures/phone-quick.txt').toBe(undated(out));
  });

  it('rejects bad flags with a message and a non-zero exit', () => {
    for (const args of [['chat', '--mode', 'slow'], ['chat', '--pillar', '9'], ['score', '--indicator', '6.1', '--answer', 'x'], ['score', '--indicator', '1.1'], ['report', 'nope']]) {
      const r = spawnSync('node', ['bin/wuyin.mjs', ...args], { encoding: 'utf8', env });
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
  });
});
