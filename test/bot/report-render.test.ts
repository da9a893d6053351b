import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../adapters/dingtalk/render.js';
import { buildReport } from '../../bot/report.js';
import { reportMarkdown, reportReply, reportSectionOf, reportSectionReplies } from '../../bot/report-render.js';
import { classify } from '../../bot/intent.js';
import { loadRubric } from '../../knowledge/load.js';
import { reportHtml } from '../../report/html.js';
import { ALL, HOSTILE, finished } from '../report/helpers.js';

const rubric = loadRubric();
const HAN = /\p{Script=Han}/u;
const CLIENT = '蒙牛 Dairy';
const PERSON = '王店长';
const WORDS = '门店的数据都在店长自己的Excel里';
/** The standard interview with typed words on a few indicators and digits elsewhere. */
const state = (locale: 'zh' | 'en') => finished(Object.fromEntries(ALL.map((id, k) => [id, k % 4 ? ((k % 5) + 1) as 1 : { level: ((k % 5) + 1) as 1, words: k === 0 ? WORDS : k === 4 ? HOSTILE : 'we keep backups on a NAS' }])), { elements: ['retail', 'logistics', 'finance'], locale });
const report = (locale: 'zh' | 'en') => buildReport(rubric, state(locale), { client: CLIENT, respondents: [{ name: PERSON, role: 'Store ops' }] });
/** What the person typed may be Chinese; nothing else in an English report may be. */
const typed = [CLIENT, PERSON, WORDS, HOSTILE];
const stripTyped = (s: string, escaped: (x: string) => string = (x) => x) => typed.reduce((acc, t) => acc.split(escaped(t)).join(''), s);

/** DingTalk phone rows: about 17 CJK characters (34 Latin) a row. */
function rows(md: string): number {
  return md.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil([...line].reduce((w, ch) => w + (HAN.test(ch) ? 1 : 0.5), 0) / 17)), 0);
}

describe('the report on a phone', () => {
  it('fits the first screen: overall, five bars, three gaps, three next steps, and how to get the rest', () => {
    for (const loc of ['zh', 'en'] as const) {
      const r = report(loc);
      const first = reportReply(r, loc);
      const md = renderMarkdown(first);
      expect(md).toHaveLength(1);
      // Latin text takes about twice the rows of the same content in Chinese.
      expect(rows(md[0]!.text)).toBeLessThanOrEqual(loc === 'zh' ? 30 : 38);
      const text = first.text;
      expect(text).toContain(r.overall!.toFixed(1));
      for (const a of r.chart.axes) expect(text).toContain(loc === 'zh' ? a.label : `P${a.pillar} `);
      for (const g of r.gaps.slice(0, 3)) expect(text).toContain(`${g.id} `);
      expect(r.gaps.length).toBeGreaterThan(3);
      expect(text).not.toContain(`${r.gaps[3]!.id} ${loc === 'zh' ? r.gaps[3]!.name : r.gaps[3]!.nameEn}：`);
      for (const s of r.roadmap.slice(0, 3)) expect(text).toContain(s.indicator);
      expect(text).toContain(loc === 'zh' ? '完整报告' : 'details');
    }
  });

  it('sends the rest by section on request; no message is sources alone, and sources do not repeat the text', () => {
    const r = report('zh');
    const all = reportSectionReplies(r, 'zh');
    expect(all.map((x) => x.blocks[0]!.kind === 'heading' && x.blocks[0]!.text)).toEqual([1, 2, 3, 4, 5].map((k) => `各部曲与指标 (${k}/5)`).concat(['路线图', '推荐方案', '瓶颈与能力方向', '相关案例']));
    for (const reply of all) {
      expect(reply.blocks.some((b) => b.kind === 'text')).toBe(true);
      for (const md of renderMarkdown(reply)) expect(md.text.replace(/^> 📖.*$/gm, '').trim().length).toBeGreaterThan(20);
      const cites = reply.blocks.flatMap((b) => (b.kind === 'citations' ? b.items : []));
      for (const c of cites) {
        expect(c.section.length).toBeLessThanOrEqual(40);
        expect(c.excerpt).toBeUndefined();
      }
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
