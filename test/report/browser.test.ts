/**
 * The HTML report in a real headless Chromium (Debian's, driven by playwright-core), served by the
 * real report-link server on loopback; and the PDF printed by the same browser, read back with
 * pdftotext. One browser for the whole file. A screenshot is kept under .artifacts/report/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../bot/report.js';
import type { SessionState } from '../../bot/session.js';
import { openReportLinks, type ReportLinkStore } from '../../bot/store/report-links.js';
import { loadRubric } from '../../knowledge/load.js';
import { reportHtml } from '../../report/html.js';
import { launchChromium, printPdf } from '../../report/pdf.js';
import { startReportServer } from '../../report/server.js';
import { tmpDir } from '../bot/helpers.js';
import { ALL, CHROMIUM, HOSTILE, UNDER_CI, browserAvailable, finished } from './helpers.js';

const RUN = browserAvailable('test/report/browser.test.ts');
const ARTIFACTS = path.resolve('.artifacts/report');
const CLIENT = '华夏乳业集团';
const rubric = loadRubric();
const state: SessionState = finished(Object.fromEntries(ALL.map((id, k) => [id, k === 2 ? { level: 2, words: HOSTILE } : k % 3 ? ((k % 5) + 1) as 1 : { level: ((k % 5) + 1) as 1, words: '数据都在各个系统里，没有统一存储' }])), { elements: ['retail', 'logistics'] });

let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let links: ReportLinkStore;
let server: { port: number; close(): Promise<void> };

beforeAll(async () => {
  if (!RUN) return;
  browser = await launchChromium(CHROMIUM, { javaScriptEnabled: true });
  links = openReportLinks(tmpDir());
  server = await startReportServer({ links, rubric, loadState: async (id) => (id === 'c1' ? state : undefined) }, 0, '127.0.0.1');
});
afterAll(async () => {
  await browser?.context.close();
  if (browser) fs.rmSync(browser.profile, { recursive: true, force: true });
  await server?.close();
  await links?.close();
});

function pdftotext(file: string, page?: number): string {
  return execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'], { encoding: 'utf8' });
}
const havePoppler = (() => { try { execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } })();
if (RUN && !havePoppler && UNDER_CI) throw new Error('pdftotext (poppler-utils) must be installed under CI');

describe.skipIf(!RUN)('the HTML report in a real browser', () => {
  it('loads from its link with no console error and no other request, Chinese headings in a CJK font, hostile words as text', async () => {
    const { token } = await links.create({ conversationId: 'c1', userId: 'u1', locale: 'zh' }, 60_000);
    const page = await browser!.context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    const url = `http://127.0.0.1:${server.port}/reports/${token}`;
    const res = await page.goto(url);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);

    // The hostile evidence is shown as the text it is: no script ran, no javascript: link exists.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain('<script>window.__pwned=1</script></style><a href="javascript:alert(1)">点我</a>');

    // Which font the browser really drew the Chinese headings with.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    for (const selector of ['h1', 'h2']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const text = await cdp.send('DOM.describeNode', { nodeId, depth: 1 });
      const child = text.node.children?.find((c) => c.nodeType === 3);
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: child ? child.nodeId : nodeId });
      expect(fonts.length, selector).toBeGreaterThan(0);
      expect(fonts[0]!.familyName, `${selector} drawn in ${JSON.stringify(fonts)}`).toMatch(/CJK|Source Han|WenQuanYi|PingFang|YaHei/);
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.setViewportSize({ width: 960, height: 1200 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-zh.png'), fullPage: false });
    expect(fs.statSync(path.join(ARTIFACTS, 'report-zh.png')).size).toBeGreaterThan(20_000);
    await page.close();
  });

  it('prints a PDF with the expected pages; pdftotext finds 基础设施云化, the client and the hostile words as text', async () => {
    const html = reportHtml(buildReport(rubric, state, { client: CLIENT }), 'zh');
    const pdf = await printPdf(browser!.context, html);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(tmpDir(), 'report.pdf');
    fs.writeFileSync(file, pdf);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.copyFileSync(file, path.join(ARTIFACTS, 'report-zh.pdf'));
    if (!havePoppler) return void console.warn('browser.test: pdftotext missing (poppler-utils); PDF text not checked');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    // Summary; indicators (a page break before); roadmap and solutions; bottlenecks and cases.
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(14);
    const first = pdftotext(file, 1);
    expect(first).toContain(CLIENT);
    expect(first).toContain('总体成熟度');
    expect(first).not.toContain('各部曲与指标');
    expect(pdftotext(file, 2)).toContain('各部曲与指标');
    const all = pdftotext(file);
    expect(all).toContain('基础设施云化');
    expect(all.replace(/\s+/g, '')).toContain('<script>window.__pwned=1</script></style><ahref="javascript:alert(1)">点我</a>');
    expect(pdftotext(file, pages)).toContain('相关案例');
  });

  it('prints the English report with no Chinese at all when the person typed none (pdftotext scans every page)', async () => {
    const words = 'Each store keeps its own spreadsheets and nothing is integrated';
    const en = finished(Object.fromEntries(ALL.map((id, k) => [id, k % 2 ? ((k % 5) + 1) as 1 : { level: ((k % 5) + 1) as 1, words }])), { elements: ['retail'], locale: 'en' });
    const pdf = await printPdf(browser!.context, reportHtml(buildReport(rubric, en, { client: 'Acme Dairy' }), 'en'));
    const file = path.join(tmpDir(), 'report-en.pdf');
    fs.writeFileSync(file, pdf);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.copyFileSync(file, path.join(ARTIFACTS, 'report-en.pdf'));
    if (!havePoppler) return void console.warn('browser.test: pdftotext missing (poppler-utils); PDF text not checked');
    const all = pdftotext(file);
    expect(all).toContain('Acme Dairy');
    expect(all).toContain('Cloud-based infrastructure');
    expect(all.match(/.{0,30}\p{Script=Han}+.{0,30}/u)?.[0], 'Chinese in the English PDF').toBeUndefined();
  });
});
