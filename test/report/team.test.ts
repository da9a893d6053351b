/**
 * The campaign report in the report model: two waves on a real SQLite campaign store, rendered to
 * Markdown, HTML (in the real headless Chromium) and PDF (read back with pdftotext). The expected
 * figures are counted in this file from the scripted levels, never taken from the aggregate.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportMarkdown } from '../../bot/report-render.js';
import { chatCampaignCommand } from '../../bot/team/chat-command.js';
import { campaignDocument } from '../../bot/team/commands.js';
import { openCampaignStore } from '../../bot/team/store-sqlite.js';
import type { CampaignStore } from '../../bot/team/store.js';
import { indicatorOf, loadRubric } from '../../knowledge/load.js';
import type { IndicatorId, Level } from '../../knowledge/types.js';
import { reportHtml } from '../../report/html.js';
import { launchChromium, printPdf } from '../../report/pdf.js';
import { tmpDir } from '../bot/helpers.js';
import { CHROMIUM, HOSTILE, browserAvailable } from './helpers.js';

const RUN = browserAvailable('test/report/team.test.ts');
const rubric = loadRubric();
const ORG = '华夏乳业集团';
const IDS: IndicatorId[] = ['1.1', '2.1', '3.1', '4.1', '5.2'];
// Role, then levels for IDS. 供应链 has two people: below k = 3, never shown on its own.
const WAVE1: Array<[string, number[]]> = [
  ['IT', [4, 3, 3, 2, 2]], ['IT', [4, 4, 3, 2, 1]], ['IT', [5, 3, 4, 3, 2]],
  ['门店', [2, 3, 2, 1, 1]], ['门店', [2, 2, 3, 1, 1]], ['门店', [1, 3, 2, 2, 1]],
  ['供应链', [3, 2, 3, 3, 1]], ['供应链', [3, 3, 2, 2, 1]],
];
const WAVE2: Array<[string, number[]]> = WAVE1.map(([r, ls]) => [r, ls.map((l, i) => (i === 0 ? Math.min(5, l + 1) : l))]);
const QUOTE = '数据都在各个系统里，没有统一存储';

let dir: string;
let store: CampaignStore;
let wave1: string;
let wave2: string;
const now = new Date('2026-12-01T10:00:00.000Z');

async function fill(campaignId: string, people: Array<[string, number[]]>, at: string): Promise<void> {
  for (const [k, [role, levels]] of people.entries()) {
    const userId = `u${k}`;
    await store.upsertRespondent({ campaignId, userId, role, joinedAt: at });
    for (const [i, level] of levels.entries()) {
      // Two of the 4.1 answers are in the person's words (one hostile), the rest are digits.
      const words = IDS[i] === '4.1' && k === 0 ? QUOTE : IDS[i] === '4.1' && k === 3 ? HOSTILE : String(level);
      await store.appendAnswer({
        campaignId, userId, indicator: IDS[i]!, level: level as Level, via: /^\d$/.test(words) ? 'digit' : 'confirmed', confidence: 0.9,
        evidence: { answer: words, descriptor: '' }, scorerVersion: 'wuyin-1/offline', rubricHash: 'h', recordedAt: at,
      });
    }
  }
}

beforeAll(async () => {
  dir = tmpDir('wuyin-team-doc-');
  store = openCampaignStore(dir);
  const made = await store.createCampaign({
    org: { name: ORG, sector: '乳制品' }, plan: { mode: 'quick', elements: ['retail'] }, roles: ['IT', '门店', '供应链'], minGroup: 3,
    owners: ['slack:T:OWNER'], code: 'ABC-7KQ2-X4M', codeExpiresAt: '2027-01-01T00:00:00.000Z', at: now.toISOString(),
  });
  wave1 = made.campaign.id;
  await fill(wave1, WAVE1, now.toISOString());
  wave2 = (await store.createWave(wave1, 'NXT-0000-002', '2028-01-01T00:00:00.000Z', '2027-12-01T00:00:00.000Z')).campaign.id;
  await fill(wave2, WAVE2, '2027-12-01T00:00:00.000Z');
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const doc = (id: string, viewer?: string) => campaignDocument({ store, rubric, viewer, now }, id);
const counts = (xs: number[]) => [1, 2, 3, 4, 5].map((l) => xs.filter((x) => x === l).length);

describe('a campaign wave in the report model', () => {
  it('carries respondents by role (the small role folded away), each indicator\'s spread and the wave change', async () => {
    const r = (await doc(wave2))!;
    expect(r.meta.client).toBe(ORG);
    expect(r.team!.respondents).toEqual({ total: 8, byRole: [{ role: 'IT', n: 3 }, { role: '门店', n: 3 }], folded: 2 });
    for (const [i, id] of IDS.entries()) {
      const row = r.team!.indicators.find((x) => x.id === id)!;
      expect(row.histogram, id).toEqual(counts(WAVE2.map(([, ls]) => ls[i]!)));
      expect(row.n).toBe(8);
    }
    const c11 = r.team!.comparison!.indicators.find((x) => x.id === '1.1')!;
    // 1.1 wave 1: 4 4 5 2 2 1 3 3 → median 3; wave 2: 5 5 5 3 3 2 4 4 → median 4.
    expect([c11.from, c11.to, c11.delta]).toEqual([3, 4, 1]);
    expect(r.team!.comparison!.previousWave).toBe(1);
    expect(r.team!.comparison!.indicators.find((x) => x.id === '2.1')!.delta).toBe(0);
    // Quotes only by role, and the digit answers are never quoted.
    const quotes = r.team!.hotspots.flatMap((h) => h.quotes);
    for (const q of quotes) expect(['IT', '门店', '其他']).toContain(q.role);
    expect(quotes.every((q) => !/^\d$/.test(q.text))).toBe(true);
    expect(await doc(wave2, 'slack:T:SOMEONE')).toBeUndefined();
  });

  it('renders to Markdown with the spread table and the change, and to English with no Chinese but what people typed', async () => {
    const r = (await doc(wave2))!;
    const md = reportMarkdown(r, 'zh');
    expect(md).toContain('# 团队数智化成熟度评估报告');
    expect(md).toContain('8 位：IT 3、门店 3，另 2 位');
    expect(md).toContain(`| 1.1 ${indicatorOf(rubric, '1.1').name} | 8 | 4 |`);
    expect(md).toContain('## 与上一轮相比');
    expect(md).not.toContain('自评');
    const en = reportMarkdown(r, 'en');
    // The hostile quote is escaped in Markdown, so its typed words are named on their own.
    const typed = [ORG, 'IT', '门店', '供应链', '其他', QUOTE, '点我'];
    let rest = en;
    for (const s of typed) rest = rest.split(s).join('');
    expect(rest.match(/[\u3400-\u9fff]/g) ?? []).toEqual([]);
    expect(en).toContain('Spread per indicator');
    const wave1Doc = (await doc(wave1))!;
    expect(wave1Doc.team!.comparison).toBeUndefined();
    expect(reportMarkdown(wave1Doc, 'zh')).not.toContain('与上一轮相比');
  });
});

describe('the campaign report in chat', () => {
  it('answers the owner with the summary and the document in one reply, in English on --lang en', async () => {
    const msg = (text: string, userId = 'slack:T:OWNER') => ({ platform: 'slack' as const, conversationId: 'D1', userId, messageId: 'x', text });
    for (const lang of ['zh', 'en'] as const) {
      const replies = await chatCampaignCommand(store, rubric, msg(`campaign report ${wave2}${lang === 'en' ? ' --lang en' : ''}`), now);
      expect(replies).toHaveLength(1);
      const doc = replies[0]!.blocks.find((b) => b.kind === 'document');
      expect(doc && doc.kind === 'document' && doc.locale).toBe(lang);
      expect(doc && doc.kind === 'document' && doc.report.team?.wave).toBe(2);
      if (lang === 'en') {
        let rest = replies[0]!.text;
        for (const typed of [ORG, 'IT', '门店', '其他', QUOTE, '点我']) rest = rest.split(typed).join('');
        expect(rest.match(/[\u3400-\u9fff]/g) ?? []).toEqual([]);
        expect(replies[0]!.text).toContain('Change since the previous wave');
      }
    }
    const other = await chatCampaignCommand(store, rubric, msg(`campaign report ${wave2}`, 'slack:T:SOMEONE'), now);
    expect(other.some((r) => r.blocks.some((b) => b.kind === 'document'))).toBe(false);
  });
});

let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
describe.skipIf(!RUN)('the campaign report in a real browser and as PDF', () => {
  beforeAll(async () => { browser = await launchChromium(CHROMIUM, { javaScriptEnabled: true }); });
  afterAll(async () => {
    await browser?.context.close();
    if (browser) fs.rmSync(browser.profile, { recursive: true, force: true });
  });

  it('draws the spread and change charts with no console error or request, hostile quotes as text; the PDF reads back', async () => {
    const r = (await doc(wave2))!;
    const html = reportHtml(r, 'zh');
    const page = await browser!.context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (q) => { if (!q.url().startsWith('data:') && q.url() !== 'about:blank') requests.push(q.url()); });
    await page.setContent(html, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // radar, bars, spread, change, heat map
    expect(await page.locator('svg').count()).toBe(5);
    const spread = page.locator('svg').nth(2);
    const box = await spread.boundingBox();
    expect(box!.height).toBeGreaterThan(150);
    // One stacked bar segment per non-zero (indicator, level) cell, counted from the script.
    const cells = IDS.reduce((a, _id, i) => a + counts(WAVE2.map(([, ls]) => ls[i]!)).filter(Boolean).length, 0);
    expect(await spread.locator('path[fill="#dc2626"], path[fill="#f59e0b"], path[fill="#cbd5e1"], path[fill="#60a5fa"], path[fill="#1d4ed8"]').count()).toBeGreaterThanOrEqual(cells);
    expect(await page.locator('body').innerText()).toContain(HOSTILE.slice(0, 30));
    const dirOut = path.resolve('.artifacts/report');
    fs.mkdirSync(dirOut, { recursive: true });
    await page.setViewportSize({ width: 960, height: 1400 });
    await page.screenshot({ path: path.join(dirOut, 'team-zh.png'), fullPage: true });
    await page.close();

    const pdf = await printPdf(browser!.context, html);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(tmpDir(), 'team.pdf');
    fs.writeFileSync(file, pdf);
    fs.copyFileSync(file, path.join(dirOut, 'team-zh.pdf'));
    let text: string;
    try { text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }); } catch { return void console.warn('team.test: pdftotext missing; PDF text not checked'); }
    const flat = text.replace(/\s+/g, '');
    for (const s of [ORG, '各指标的分布', '与上一轮相比', '受访者（按角色）', QUOTE]) expect(flat).toContain(s);
    expect(flat).not.toContain('供应链2');
  });
});
