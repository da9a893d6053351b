import { displayWidth, gist } from './gist.js';
import { reply } from './messages.js';
import { textBars, type Report, type ReportCitation } from './report.js';
import { T, respondentLine, titleOf } from './report-text.js';
import { teamMarkdown } from './report-team.js';
import type { Block, Citation, Locale, Reply } from './types.js';

/**
 * The report in chat, phone first: one screen (overall, five pillar bars, the three biggest gaps,
 * the three next steps) and the rest by section on request (完整报告 / details). Each section
 * carries its own sources, one short line each — never a message of sources alone. Also the
 * Markdown document (wuyin report --format md).
 */
export type ReportSection = 'indicators' | 'roadmap' | 'solutions' | 'bottlenecks' | 'cases';
export const REPORT_SECTIONS: ReportSection[] = ['indicators', 'roadmap', 'solutions', 'bottlenecks', 'cases'];
const SECTION_WORDS: Record<ReportSection, string[]> = {
  indicators: ['指标', '得分', '依据', 'indicators', 'scores', 'evidence'],
  roadmap: ['路线图', '路线', '下一步', 'roadmap', 'steps'],
  solutions: ['方案', '推荐', '解决方案', 'solutions', 'recommendations'],
  bottlenecks: ['瓶颈', '要素', 'bottlenecks', 'elements'],
  cases: ['案例', 'cases'],
};

/** The section a "完整报告 路线图" / "details roadmap" asks for; undefined = all of them. */
export function reportSectionOf(words: string): ReportSection | undefined {
  const w = words.trim().toLowerCase();
  if (!w) return undefined;
  return REPORT_SECTIONS.find((s) => SECTION_WORDS[s].some((k) => w.includes(k)));
}

/** A phone row, as adapters/dingtalk/rows.ts measures it (about 17 CJK characters). */
const ROW_WIDTH = 17;
/** A section word alone ("路线图", "roadmap"): what a section tap under the first screen says, typed. */
export function bareSectionOf(text: string): ReportSection | undefined {
  const w = text.trim().toLowerCase();
  return REPORT_SECTIONS.find((s) => SECTION_WORDS[s].includes(w));
}

const CHAT_GAPS = 3;
const CHAT_STEPS = 3;
const SECTION_ITEMS = 12;

/**
 * Where levels and next steps come from: each line above already says the indicator and the level,
 * so one line ("白皮书 › 各指标的五级描述") instead of one per indicator that would repeat them.
 */
const LEVELS: ReportCitation = { id: 'levels', section: T('zh').levelSource, sectionEn: T('en').levelSource };
const cite = (loc: Locale, c: ReportCitation): Citation => ({ id: c.id, section: loc === 'zh' ? c.section : c.sectionEn });
function sources(loc: Locale, items: ReportCitation[]): Block {
  const seen = new Set<string>();
  return { kind: 'citations', items: items.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true))).map((c) => cite(loc, c)) };
}
const lvl = (loc: Locale, n: number, label: string, labelEn: string) => (loc === 'zh' ? `${n}级 ${label}` : `L${n} ${labelEn}`);
const nm = (loc: Locale, x: { name: string; nameEn: string }) => (loc === 'zh' ? x.name : x.nameEn);

/**
 * The first screen: one phone screen (≤ 18 rows of ~17 CJK characters, pinned by tests on the
 * DingTalk markdown and the Slack blocks). The date is in the heading; the pillar scores are text
 * bars, not an image, so they take five rows; the next steps and the biggest gaps are one list
 * (a next step says the level it starts from, which is the gap), each line cut to one row; the
 * sections are taps; one source line.
 */
export function reportReply(r: Report, loc: Locale): Reply {
  const t = T(loc);
  if (!r.answered) return reply('report', [{ kind: 'heading', text: titleOf(r, loc) }, { kind: 'text', text: t.nothingYet }]);
  const blocks: Block[] = [{ kind: 'heading', text: `${titleOf(r, loc, true)} · ${r.meta.date}` }];
  // One row: which indicators were skipped is in the 指标 section; "4/5" says how many were not assessed.
  const assessed = loc === 'zh' ? `已评估 ${r.answered}/${r.total} 项` : `${r.answered} of ${r.total} assessed`;
  blocks.push({ kind: 'text', text: `${loc === 'zh' ? t.overall : 'Overall'} **${r.overall!.toFixed(1)}**/5 · ${assessed}\n${textBars(r, loc)}` });
  const steps = r.roadmap.slice(0, CHAT_STEPS);
  if (steps.length) {
    const stepIds = new Set(steps.map((s) => s.indicator));
    // The biggest gaps that are not among the next steps (the roadmap puts the foundations first).
    const other = r.gaps.slice(0, CHAT_GAPS).filter((g) => !stepIds.has(g.id));
    // A step's line: where it starts (the gap) and the level it reaches; its label only when it fits.
    const tails = (s: (typeof steps)[number]) => (loc === 'zh' ? [` ${s.from}级→${s.to}级 ${s.toLabel}`, ` ${s.from}→${s.to}级`] : [` L${s.from}→L${s.to}`]);
    const lines = steps.map((s) => oneRow(`${s.indicator} ${nm(loc, s)}`, tails(s)));
    // By level, so three ids fit one row: 另有差距 1级：3.4、3.5、4.1.
    const byLevel = [...new Set(other.map((g) => g.level))].map((l) => `${t.level(l)}${loc === 'zh' ? '：' : ' '}${other.filter((g) => g.level === l).map((g) => g.id).join(loc === 'zh' ? '、' : ', ')}`);
    if (other.length) lines.push(oneRow(`${t.otherGaps}${byLevel.join(loc === 'zh' ? '；' : '; ')}`));
    blocks.push({ kind: 'text', text: `**${t.gapsAndSteps}**\n${lines.join('\n')}` });
  }
  blocks.push({ kind: 'options', inline: true, options: MORE_TAPS[loc].map(([label, send], k) => ({ value: String(k + 1), label, send })) });
  // The next steps are the whitepaper's level descriptors; their ids and levels are on the lines above.
  if (steps.length) blocks.push(sources(loc, [LEVELS]));
  blocks.push({ kind: 'document', title: titleOf(r, loc), report: r, locale: loc });
  return fixLocale(reply('report', blocks), loc);
}

/**
 * The taps under the first screen (label, what a tap sends): every section, then what to do and
 * with what. Three, so Slack's buttons fit one row; the other sections are typed (指标, 案例 …).
 */
const MORE_TAPS: Record<Locale, Array<[string, string]>> = {
  zh: [['完整报告', '完整报告'], ['路线图', '完整报告 路线图'], ['方案', '完整报告 方案']],
  en: [['All', 'details'], ['Roadmap', 'details roadmap'], ['Solutions', 'details solutions']],
};

/**
 * `head` and the first of `tails` that fit one phone row together (the shorter tails say less);
 * when none does, the head is cut after a whole word before the last tail.
 */
function oneRow(head: string, tails: string[] = ['']): string {
  const fit = tails.find((tail) => displayWidth(head + tail) <= ROW_WIDTH);
  if (fit !== undefined) return head + fit;
  const tail = tails[tails.length - 1]!;
  return gist(head, ROW_WIDTH - displayWidth(tail)) + tail;
}

/** One reply per section (all sections when none is named). */
export function reportSectionReplies(r: Report, loc: Locale, only?: ReportSection): Reply[] {
  if (!r.answered) return [reportReply(r, loc)];
  return (only ? [only] : REPORT_SECTIONS).flatMap((s) => section(r, loc, s) ?? []);
}

function section(r: Report, loc: Locale, s: ReportSection): Reply | Reply[] | undefined {
  const t = T(loc);
  const zh = loc === 'zh';
  switch (s) {
    case 'indicators': {
      // One message per pillar, each with its own sources, so a long answer never leaves a
      // message of sources alone when a platform splits the text.
      const pillars = r.pillars.filter((p) => p.indicators.length);
      return pillars.map((p, k) => {
        const lines = [
          `**${zh ? `${p.note} ${p.name}` : `${p.noteEn} · ${p.nameEn}`} ${p.score!.toFixed(1)}**`,
          ...p.indicators.map((i) => `- ${i.id} ${nm(loc, i)}：${lvl(loc, i.level, i.label, i.labelEn)}（${i.selfRated ? t.selfRated : `${t.confidence}${zh ? '' : ' '}${t.band(i.band!)}：“${i.evidence.answer}”`}）`),
        ];
        const tail: string[] = [];
        if (k === pillars.length - 1) {
          if (r.skipped.length) tail.push(`${t.skipped}: ${r.skipped.map((x) => `${x.id} ${nm(loc, x)}`).join(', ')}`);
          if (r.strengths.length) tail.push(`**${t.strengths}**: ${r.strengths.map((x) => x.id).join(', ')}`);
          if (r.gaps.length) tail.push(`**${t.gaps}**: ${r.gaps.map((x) => x.id).join(', ')}`);
        }
        return make(loc, `${t.indicators} (${k + 1}/${pillars.length})`, [lines.join('\n'), tail.join('\n')], [LEVELS]);
      });
    }
    case 'roadmap': {
      if (!r.roadmap.length) return make(loc, t.roadmap, [t.none], []);
      const parts = (['now', 'next', 'later'] as const).map((ph) => {
        const steps = r.roadmap.filter((x) => x.phase === ph);
        return steps.length ? `**${t.phase(ph)}**\n` + steps.map((x) => `- ${x.indicator} ${nm(loc, x)} ${x.from}→${x.to}：${zh ? x.action : x.actionEn}`).join('\n') : '';
      }).filter(Boolean);
      return make(loc, t.roadmap, parts, [LEVELS]);
    }
    case 'solutions': {
      if (!r.recommendations.length) return make(loc, t.solutions, [t.none], []);
      // Every solution, twelve to a message with their own sources: "see the file" would point
      // to nothing where no file or link is delivered (the terminal, DingTalk without links).
      const parts = Math.ceil(r.recommendations.length / SECTION_ITEMS);
      return Array.from({ length: parts }, (_, k) => {
        const shown = r.recommendations.slice(k * SECTION_ITEMS, (k + 1) * SECTION_ITEMS);
        const lines = shown.map((x) => `${x.rank}. ${zh ? x.name : x.nameEn}（${x.because.indicator} ${t.level(x.because.level)}${x.focus ? '' : `，${t.otherElement}`}）`);
        return make(loc, parts > 1 ? `${t.solutions} (${k + 1}/${parts})` : t.solutions, [lines.join('\n')], shown.map((x) => x.citation));
      });
    }
    case 'bottlenecks': {
      if (!r.elements.length) return undefined;
      const parts = r.elements.map((e) => `**${nm(loc, e)}**\n` + e.bottlenecks.map((b) => `- ${zh ? b.title : b.titleEn}：${zh ? b.text : b.textEn}`).join('\n')
        + (e.directions.length ? `\n${t.directions}：${e.directions.map((d) => (zh ? d.capability : d.capabilityEn)).join(zh ? '、' : ', ')}` : ''));
      // Per element its bottlenecks' section and its directions' (the titles are on the lines above).
      return make(loc, t.bottlenecks, parts, r.elements.flatMap((e) => [...e.bottlenecks.slice(0, 1).map((b) => parentOf(b.citation)), ...(e.directionsCitation ? [e.directionsCitation] : [])]));
    }
    case 'cases':
      return make(loc, t.cases, [`${t.casesNote}\n` + r.cases.map((c) => `- ${zh ? c.title : c.titleEn}`).join('\n')], r.cases.slice(0, 1).map((c) => ({
        id: 'cases', section: c.citation.section.replace(/：案例.*$/u, ''), sectionEn: c.citation.sectionEn.replace(/: case \d+$/, '') })));
  }
}

/** "零售数智化 › 目前遇到的瓶颈 › 体验待优化" → "零售数智化 › 目前遇到的瓶颈": the section the items are in. */
function parentOf(c: ReportCitation): ReportCitation {
  const up = (x: string) => x.split(' › ').slice(0, -1).join(' › ');
  return { id: up(c.id) || c.id, section: up(c.section), sectionEn: up(c.sectionEn) };
}

function make(loc: Locale, heading: string, texts: string[], cites: ReportCitation[]): Reply {
  const blocks: Block[] = [{ kind: 'heading', text: heading }, ...texts.filter(Boolean).map((text) => ({ kind: 'text' as const, text }))];
  if (cites.length) blocks.push(sources(loc, cites));
  return fixLocale(reply('report', blocks), loc);
}

/** English replies use ASCII punctuation where the Chinese templates put full-width marks. */
function fixLocale(rp: Reply, loc: Locale): Reply {
  if (loc === 'zh') return rp;
  const ascii = (s: string) => s.replace(/（/g, ' (').replace(/）/g, ')').replace(/：/g, ': ').replace(/，/g, ', ').replace(/、/g, ', ').replace(/ {2,}/g, ' ');
  const blocks = rp.blocks.map((b) => (b.kind === 'text' ? { ...b, text: ascii(b.text) } : b));
  return reply(rp.kind, blocks);
}

/** A document a consultant can hand over: every claim followed by its whitepaper section. */
export function reportMarkdown(r: Report, loc: Locale): string {
  const t = T(loc);
  const zh = loc === 'zh';
  const out: string[] = [];
  const c = (x: ReportCitation) => ` _(${t.whitepaper}: ${zh ? x.section : x.sectionEn})_`;
  const md = (s: string) => s.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\s+/g, ' ');
  out.push(`# ${titleOf(r, loc)}`, '');
  out.push(`${t.client}: **${md(r.meta.client ?? t.unnamedClient)}** · ${t.date}: ${r.meta.date}`
    + (r.meta.respondents.length ? ` · ${t.respondents}: ${md(respondentLine(r, loc))}` : '') + (r.meta.wave ? ` · ${t.wave}: ${md(r.meta.wave)}` : ''), '');
  if (!r.answered) return out.concat(t.nothingYet, '').join('\n');
  out.push(`**${t.overall}: ${r.overall!.toFixed(1)} / 5** (${t.assessedOf(r.answered, r.total, r.skipped.length)})`, '');
  out.push('```', textBars(r, loc), '```', '');
  if (r.team) out.push(...teamMarkdown(r, loc, md));
  else {
    out.push(`## ${t.indicators}`, '');
    for (const p of r.pillars) {
      out.push(`### ${zh ? `${p.note} ${p.name}` : `${p.noteEn} · ${p.nameEn}`}: ${p.score === null ? t.notAssessed : p.score.toFixed(1)}`, '');
      for (const i of p.indicators) {
        out.push(`- **${i.id} ${nm(loc, i)}**: ${lvl(loc, i.level, i.label, i.labelEn)} · ${i.selfRated ? t.selfRated : `${t.confidence} ${t.band(i.band!)}`}`);
        if (!i.selfRated) out.push(`  - ${t.evidence}: “${md(i.evidence.answer)}”`);
        out.push(`  - ${t.descriptor}: ${zh ? i.evidence.descriptor : i.evidence.descriptorEn}${c(i.citation)}`);
      }
      out.push('');
    }
    if (r.skipped.length) out.push(`${t.skipped}: ${r.skipped.map((s) => `${s.id} ${nm(loc, s)}`).join(', ')}`, '');
    if (r.unanswered.length) out.push(`${t.unanswered}: ${r.unanswered.map((s) => `${s.id} ${nm(loc, s)}`).join(', ')}`, '');
  }
  out.push(`## ${t.strengthsGaps}`, '');
  for (const s of r.strengths) out.push(`- ${t.strengths}: ${s.id} ${nm(loc, s)} — ${lvl(loc, s.level, s.label, s.labelEn)}`);
  for (const s of r.gaps) out.push(`- ${t.gaps}: ${s.id} ${nm(loc, s)} — ${lvl(loc, s.level, s.label, s.labelEn)}`);
  out.push('', `## ${t.roadmap}`, '', t.roadmapNote, '');
  for (const ph of ['now', 'next', 'later'] as const) {
    const steps = r.roadmap.filter((s) => s.phase === ph);
    if (!steps.length) continue;
    out.push(`### ${t.phase(ph)}`, '');
    for (const s of steps) out.push(`- **${s.indicator} ${nm(loc, s)}: ${s.from} → ${lvl(loc, s.to, s.toLabel, s.toLabelEn)}** — ${zh ? s.action : s.actionEn}${c(s.citation)}`);
    out.push('');
  }
  out.push(`## ${t.solutions}`, '', t.solutionsNote, '');
  for (const x of r.recommendations) out.push(`${x.rank}. ${zh ? x.name : x.nameEn} (${x.because.indicator} ${t.level(x.because.level)}${x.focus ? '' : `, ${t.otherElement}`})${c(x.citation)}`);
  for (const e of r.elements) {
    out.push('', `## ${nm(loc, e)}: ${t.bottlenecks}`, '');
    for (const b of e.bottlenecks) out.push(`- **${zh ? b.title : b.titleEn}**: ${zh ? b.text : b.textEn}${c(b.citation)}`);
    if (e.directions.length) out.push(`- ${t.directions}: ${e.directions.map((d) => (zh ? d.capability : d.capabilityEn)).join(zh ? '、' : ', ')}${c(e.directionsCitation!)}`);
  }
  out.push('', `## ${t.cases}`, '', t.casesNote, '');
  for (const x of r.cases) out.push(`- ${zh ? x.title : x.titleEn}${c(x.citation)}`);
  out.push('', `_${t.source}${zh ? '' : ` ${r.meta.translationNotice}`}_`, '', `_${r.team ? t.teamMethod : t.method}_`, '',
    `_${t.madeWith}: Wuyin ${r.meta.versions.app} · rubric ${r.meta.versions.rubric} · whitepaper ${r.meta.versions.whitepaper}${zh ? '' : ` · English texts ${r.meta.versions.english}`} · scorer ${r.meta.versions.scorer}_`, '');
  return out.join('\n');
}
