import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../bot/helpers.js';

/** `wuyin campaign …` and `wuyin chat --script` with a join, as real processes on one data dir. */
const dataDir = tmpDir('wuyin-cli-campaign-');
const env = { ...process.env, WUYIN_DATA_DIR: dataDir, WUYIN_LOG_LEVEL: 'error', OPENAI_API_KEY: '' };
// Asynchronous: a blocked worker cannot answer vitest while the processes run.
function run(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['bin/wuyin.mjs', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('wuyin campaign', () => {
  it('create → three scripted respondents → report, status, export; a non-owner is refused', async () => {
    const made = await run('campaign', 'create', '--org', 'CLI 示例', '--mode', 'quick', '--roles', 'IT,门店', '--min-group', '2', '--owner', 'consultant', '--json');
    expect(made.status).toBe(0);
    const c = JSON.parse(made.stdout);
    expect(Object.keys(c)).toEqual(['id', 'code', 'org', 'wave', 'plan', 'invitation']);
    expect(c.invitation).toContain(`加入 ${c.code}`);
    const people: Array<[string, string, number[]]> = [['ann', '1', [4, 3, 3, 2, 1]], ['bo', 'IT', [2, 3, 3, 2, 1]], ['cy', '2', [1, 1, 2, 2, 1]]];
    for (const [user, role, levels] of people) {
      const file = path.join(dataDir, `${user}.txt`);
      fs.writeFileSync(file, [`加入 ${c.code}`, role, ...levels.map(String)].join('\n') + '\n');
      const chat = await run('chat', '--user', user, '--script', file, '--json');
      expect(chat.status).toBe(0);
      expect(JSON.parse(chat.stdout).assessment.indicators['1.1'].level).toBe(levels[0]);
    }
    const report = await run('campaign', 'report', c.id, '--json');
    expect(report.status).toBe(0);
    const r = JSON.parse(report.stdout);
    // 1.1: 4, 2, 1 → median 2; IT (ann, bo: 4, 2) median 3; 门店 has one person: below k = 2.
    expect(r.indicators['1.1']).toMatchObject({ n: 3, median: 2, min: 1, max: 4, disagreement: true, byRole: { IT: { n: 2, median: 3 } } });
    expect(r.respondents).toEqual({ total: 3, byRole: { IT: 2 } });
    expect(Object.keys(r)).toEqual(['campaign', 'respondents', 'indicators', 'pillars', 'overall', 'hotspots']);
    const refused = await run('campaign', 'report', c.id, '--json', '--as', 'someone');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe((await run('campaign', 'report', 'c_nope', '--as', 'someone')).stderr);
    expect(JSON.parse((await run('campaign', 'status', c.id, '--json')).stdout)).toMatchObject({ respondents: 3, complete: 3, byRole: { IT: { joined: 2, complete: 2 } } });
    const csv = (await run('campaign', 'export', c.id, '--format', 'csv')).stdout.trim().split('\n');
    expect(csv).toHaveLength(1 + 15);
    expect(csv.join('\n')).not.toMatch(/ann|bo\b|cy\b/);
    const wave = JSON.parse((await run('campaign', 'wave', c.id, '--json')).stdout);
    expect(wave).toMatchObject({ wave: 2, previous: c.id });
    expect((await run('campaign', 'bogus')).status).toBe(2);
  }, 120_000);
});
