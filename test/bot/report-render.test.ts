import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../adapters/dingtalk/render.js';
import { phoneRows } from '../../adapters/dingtalk/rows.js';
import { renderReply as renderSlack } from '../../adapters/slack/render.js';
import { slackRows } from '../../adapters/slack/rows.js';
import { buildReport } from '../../bot/report.js';
import { reportMarkdown, reportReply, reportSectionOf, reportSectionReplies } from '../../bot/report-render.js';
import { classify } from '../../bot/intent.js';
import { loadRubric } from '../../knowledge/load.js';
import { reportHtml } from '../../report/html.js';
import { ALL, HOSTILE, finished } from '../report/helpers.js';

const rubric = loadRubric();
const CLIENT = '蒙牛 Dairy';
const PERSON = '王店长';
const WORDS = '门店的数据都在店长自己的Excel里';
/** The standard interview with typed words on a few indicators and digits elsewhere. */
const state = (locale: 'zh' | 'en') => finished(Object.fromEntries(ALL.map((id, k) => [id, k % 4 ? ((k % 5) + 1) as 1 : { level: ((k % 5) + 1) as 1, words: k === 0 ? WORDS : k === 4 ? HOSTILE : 'we keep backups on a NAS' }])), { elements: ['retail', 'logistics', 'finance'], locale });
const report = (locale: 'zh' | 'en') => buildReport(rubric, state(locale), { client: CLIENT, respondents: [{ name: PERSON, role: 'Store ops' }] });
/** What the person typed may be Chinese; nothing else in an English report may be. */
const typed = [CLIENT, PERSON, WORDS, HOSTILE];
const stripTyped = (s: string, escaped: (x: string) => string = (x) => x) => typed.reduce((acc, t) => acc.split(escaped(t)).join(''), s);

describe('the report on a phone', () => {
  it('fits one phone screen (≤ 18 rows): overall, five bars, three gaps, three next steps, one source line', () => {
    for (const loc of ['zh', 'en'] as const) {
      const r = report(loc);
      const first = reportReply(r, loc);
      for (const url of [undefined, 'https://wuyin.example.com/reports/abc_DEF-123']) {
        const md = renderMarkdown(first, { reportUrl: url });
        expect(md).toHaveLength(1);
        expect(phoneRows(md[0]!.text), md[0]!.text).toBeLessThanOrEqual(18);
        expect(md[0]!.text.match(/^> 📖/gm)).toHaveLength(1);
      }
      const slack = renderSlack(first).filter((x) => x.kind === 'message');
      expect(slack).toHaveLength(1);
      expect(slackRows(slack[0]!.kind === 'message' ? slack[0]!.blocks : [])).toBeLessThanOrEqual(18);
      const text = first.text;
      expect(first.blocks[0]).toEqual({ kind: 'heading', text: expect.stringContaining(r.meta.date) });
      expect(text).toContain(r.overall!.toFixed(1));
      for (const a of r.chart.axes) expect(text).toContain(loc === 'zh' ? a.label : `P${a.pillar} `);
      const lineOf = (id: string) => text.split('\n').find((l) => l.includes(id)) ?? '';
      for (const g of r.gaps.slice(0, 3)) expect(lineOf(g.id)).toMatch(new RegExp(`\\b${g.level}级|L${g.level}\\b`));
      expect(r.gaps.length).toBeGreaterThan(3);
      expect(text).not.toContain(`${r.gaps[3]!.id} ${loc === 'zh' ? r.gaps[3]!.name : r.gaps[3]!.nameEn}`);
      for (const s of r.roadmap.slice(0, 3)) expect(text).toMatch(new RegExp(`${s.indicator.replace('.', '\\.')} .*→L?${s.to}`));
      // The rest is a tap away: every section, the roadmap and the solutions.
      const taps = first.blocks.flatMap((b) => (b.kind === 'options' ? b.options.map((o) => o.send ?? o.value) : []));
      expect(taps.map((t) => classify(t))).toEqual(taps.map(() => expect.objectContaining({ kind: 'command', command: 'details' })));
      expect(taps.map((t) => reportSectionOf(t.replace(/^(完整报告|details)\s*/, '')))).toEqual([undefined, 'roadmap', 'solutions']);
    }
  });

  it('sends the rest by section on request; no message is sources alone, and sources do not repeat the text', () => {
    const r = report('zh');
    const all = reportSectionReplies(r, 'zh');
    // Every solution is shown, twelve to a message: no "see the file" a chat user may not have.
    const parts = Math.ceil(r.recommendations.length / 12);
    expect(parts).toBeGreaterThan(1);
    const solutions = Array.from({ length: parts }, (_, k) => `推荐方案 (${k + 1}/${parts})`);
    expect(all.map((x) => x.blocks[0]!.kind === 'heading' && x.blocks[0]!.text)).toEqual([1, 2, 3, 4, 5].map((k) => `各部曲与指标 (${k}/5)`).concat(['路线图', ...solutions, '瓶颈与能力方向', '相关案例']));
    const listed = all.filter((x) => x.blocks[0]!.kind === 'heading' && x.blocks[0]!.text.startsWith('推荐方案')).map((x) => x.text).join('\n');
    for (const x of r.recommendations) expect(listed).toContain(`${x.rank}. ${x.name}（`);
    expect(listed).not.toMatch(/另有|见报告文件/);
    for (const reply of all) {
      expect(reply.blocks.some((b) => b.kind === 'text')).toBe(true);
      for (const md of renderMarkdown(reply)) expect(md.text.replace(/^> 📖.*$/gm, '').trim().length).toBeGreaterThan(20);
      const cites = reply.blocks.flatMap((b) => (b.kind === 'citations' ? b.items : []));
      for (const c of cites) {
        expect(c.section.length).toBeLessThanOrEqual(40);
        expect(c.excerpt).toBeUndefined();
        // Not the text again: a source line names where the lines above come from.
        const prose = reply.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : [])).join('\n');
        expect(prose).not.toContain(c.section.split(' › ').pop()!);
      }
      expect(new Set(cites.map((c) => c.section)).size).toBe(cites.length);
    }
    expect(reportSectionReplies(r, 'zh', reportSectionOf('路线图')).map((x) => x.blocks[0])).toEqual([{ kind: 'heading', text: '路线图' }]);
  });

  it('never leaves a DingTalk message of sources alone, even after a very long answer', () => {
    const long = '我们门店的系统很多，'.repeat(350);
    const r = buildReport(rubric, finished({ '1.1': { level: 2, words: long }, '1.2': { level: 3, words: long }, '2.1': 3 }, { queue: ['1.1', '1.2', '2.1'] }));
    for (const reply of reportSectionReplies(r, 'zh')) {
      for (const md of renderMarkdown(reply)) expect(md.text.replace(/^> 📖.*$/gm, '').trim().length, md.text.slice(0, 80)).toBeGreaterThan(20);
    }
  });

  it('reads 完整报告 / details (with an optional section) as the command', () => {
    expect(classify('完整报告')).toEqual({ kind: 'command', command: 'details' });
    expect(classify('完整报告 方案')).toEqual({ kind: 'command', command: 'details', arg: '方案' });
    expect(classify('details roadmap')).toEqual({ kind: 'command', command: 'details', arg: 'roadmap' });
    expect(reportSectionOf('roadmap')).toBe('roadmap');
  });

  it('links the full report from DingTalk for its in-app browser when a link exists', () => {
    const md = renderMarkdown(reportReply(report('zh'), 'zh'), { reportUrl: 'https://wuyin.example.com/reports/abc_DEF-123' })[0]!.text;
    expect(md).toContain('(dingtalk://dingtalkclient/page/link?url=https%3A%2F%2Fwuyin.example.com%2Freports%2Fabc_DEF-123&pc_slide=true)');
    expect(renderMarkdown(reportReply(report('zh'), 'zh'))[0]!.text).not.toContain('dingtalk://');
  });
});

describe('the English report', () => {
  it('has no Chinese outside the names and words the person typed: chat, Markdown and HTML', () => {
    const r = report('en');
    const chat = [reportReply(r, 'en'), ...reportSectionReplies(r, 'en')].map((x) => x.text).join('\n');
    const md = reportMarkdown(r, 'en');
    const html = reportHtml(r, 'en');
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const mdEsc = (s: string) => s.replace(/([\\`*_[\]<>|#])/g, '\\$1');
    for (const [name, text] of [['chat', stripTyped(chat)], ['markdown', stripTyped(md, mdEsc)], ['html', stripTyped(html, esc)]] as const) {
      const found = text.match(/.{0,30}\p{Script=Han}+.{0,30}/u);
      expect(found?.[0], `${name} has Chinese outside typed names`).toBeUndefined();
    }
    expect(md).toContain("project's own translation");
    expect(html).toContain('project&#39;s own translation');
    expect(md).toContain('Inventory balancing centre');
  });

  it('keeps the person’s words whole, not cut at 40 characters', () => {
    const long = 'We run two data centres but no failover has ever been tested, and restoring from backup took us three days last spring.';
    const r = buildReport(rubric, finished({ '1.5': { level: 3, words: long } }, { locale: 'en' }));
    expect(reportSectionReplies(r, 'en', 'indicators')[0]!.text).toContain(long);
    expect(reportMarkdown(r, 'en')).toContain(long);
  });
});
