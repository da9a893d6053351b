import { reply } from './messages.js';
import { textBars, type Report } from './report.js';
import type { Block, Citation, Locale, Reply } from './types.js';

/** The report as chat blocks (adapters render them) and as a Markdown document (wuyin report). */
const L = (loc: Locale, zh: string, en: string) => (loc === 'zh' ? zh : en);
const pct = (x: number) => `${Math.round(x * 100)}%`;

function uniqueCitations(items: Citation[]): Citation[] {
  const seen = new Set<string>();
  return items.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}

export function reportReply(r: Report, loc: Locale): Reply {
  const blocks: Block[] = [];
  const title = r.complete ? L(loc, '数智化成熟度评估报告', 'Digital-intelligence maturity report') : L(loc, '阶段性评估报告', 'Partial assessment report');
  blocks.push({ kind: 'heading', text: title });
  if (!r.answered) {
    blocks.push({ kind: 'text', text: L(loc, '还没有已评估的指标：回答几道题后再来看报告吧。', 'Nothing has been assessed yet: answer a few questions first.') });
    return reply('report', blocks);
  }
  blocks.push({ kind: 'text', text: L(loc,
    `总体成熟度 **${r.overall!.toFixed(1)} / 5**（已评估 ${r.answered}/${r.total} 项${r.skipped.length ? `，跳过 ${r.skipped.length} 项` : ''}）`,
    `Overall maturity **${r.overall!.toFixed(1)} / 5** (${r.answered} of ${r.total} indicators assessed${r.skipped.length ? `, ${r.skipped.length} skipped` : ''})`) });
  const bars = textBars(r, loc);
  blocks.push({ kind: 'chart', chart: { type: 'radar', title, max: 5, axes: r.chart.axes.map((a) => ({ label: loc === 'zh' ? a.label : a.labelEn, value: a.value })) }, fallback: bars });
  const lines = r.pillars.filter((p) => p.indicators.length).flatMap((p) => [
    `**${p.note} ${loc === 'zh' ? p.name : p.nameEn} ${p.score!.toFixed(1)}**`,
    ...p.indicators.map((i) => loc === 'zh'
      ? `- ${i.id} ${i.name}：${i.level}级 ${i.label}（置信度 ${pct(i.confidence)}）依据：“${clip(i.evidence.answer, 40)}”`
      : `- ${i.id} ${i.nameEn}: level ${i.level} ${i.labelEn} (confidence ${pct(i.confidence)}), evidence: “${clip(i.evidence.answer, 40)}”`),
  ]);
  blocks.push({ kind: 'text', text: lines.join('\n') });
  if (r.skipped.length) blocks.push({ kind: 'text', text: L(loc, '跳过（不计入得分）：', 'Skipped (not scored): ') + r.skipped.map((s) => `${s.id} ${s.name}`).join('、') });
  const lvl = (s: { id: string; name: string; nameEn: string; level: number }) => (loc === 'zh' ? `- ${s.id} ${s.name}（${s.level}级）` : `- ${s.id} ${s.nameEn} (level ${s.level})`);
  if (r.strengths.length) blocks.push({ kind: 'text', text: `**${L(loc, '优势', 'Strengths')}**\n` + r.strengths.map(lvl).join('\n') });
  if (r.gaps.length) blocks.push({ kind: 'text', text: `**${L(loc, '短板', 'Gaps')}**\n` + r.gaps.map(lvl).join('\n') });
  if (r.roadmap.length) {
    blocks.push({ kind: 'text', text: `**${L(loc, '路线图（先夯实基础，再向上层推进）', 'Roadmap (foundations first, then the layers above)')}**\n` +
      r.roadmap.map((s, k) => loc === 'zh'
        ? `${k + 1}. ${s.indicator} ${s.name}：${s.from}→${s.to}级（${s.toLabel}）— ${clip(s.action, 90)}`
        : `${k + 1}. ${s.indicator} ${s.nameEn}: level ${s.from}→${s.to} (${s.toLabelEn}) — ${clip(s.action, 90)}`).join('\n') });
  }
  if (r.recommendations.length) {
    blocks.push({ kind: 'text', text: `**${L(loc, '推荐方案（白皮书解决方案矩阵）', 'Recommended solutions (the whitepaper’s solution matrix)')}**\n` +
      r.recommendations.slice(0, 12).map((x) => `- ${x.name}（${x.citation.section.replace('解决方案矩阵 › ', '')}）`).join('\n') +
      (r.recommendations.length > 12 ? L(loc, `\n…另有${r.recommendations.length - 12}项，见完整报告`, `\n…and ${r.recommendations.length - 12} more in the full report`) : '') });
  }
  for (const e of r.elements) {
    blocks.push({ kind: 'text', text: `**${e.name}${L(loc, '：瓶颈与能力方向', ` (${e.nameEn}): bottlenecks and capability directions`)}**\n` +
      e.bottlenecks.map((b) => `- ${b.title}：${clip(b.text, 50)}`).join('\n') +
      (e.directions.length ? `\n${L(loc, '能力提升方向', 'Capability directions')}：${e.directions.map((d) => d.capability).join('、')}` : '') });
  }
  blocks.push({ kind: 'text', text: `**${L(loc, '相关案例', 'Case studies')}**：${r.cases.map((c) => c.title).join('、')}` });
  blocks.push({ kind: 'citations', items: uniqueCitations([
    ...r.pillars.flatMap((p) => p.indicators.map((i) => i.citation)),
    ...r.roadmap.map((s) => s.citation),
    ...r.recommendations.map((x) => x.citation),
    ...r.elements.flatMap((e) => [...e.bottlenecks.map((b) => b.citation), ...(e.directionsCitation ? [e.directionsCitation] : [])]),
    ...r.cases.map((c) => c.citation),
  ]) });
  return reply('report', blocks);
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n) + '…' : one;
}

/** A document a consultant can hand over: every claim followed by its whitepaper section. */
export function reportMarkdown(r: Report, loc: Locale): string {
  const out: string[] = [];
  const cite = (c: Citation) => ` _〔${c.section}〕_`;
  out.push(`# ${r.complete ? L(loc, '数智化成熟度评估报告', 'Digital-intelligence maturity report') : L(loc, '阶段性评估报告', 'Partial assessment report')}`, '');
  if (!r.answered) return out.concat(L(loc, '尚无已评估的指标。', 'No indicator has been assessed yet.'), '').join('\n');
  out.push(L(loc, `**总体成熟度：${r.overall!.toFixed(1)} / 5**（已评估 ${r.answered}/${r.total} 项）`, `**Overall maturity: ${r.overall!.toFixed(1)} / 5** (${r.answered} of ${r.total} assessed)`), '');
  out.push('```', textBars(r, loc), '```', '');
  out.push(`## ${L(loc, '各部曲与指标', 'Pillars and indicators')}`, '');
  for (const p of r.pillars) {
    out.push(`### ${p.note} ${p.id} ${p.name} — ${p.nameEn}: ${p.score === null ? L(loc, '未评估', 'not assessed') : p.score.toFixed(1)}`, '');
    for (const i of p.indicators) {
      out.push(`- **${i.id} ${i.name}** (${i.nameEn}): ${i.level} ${i.label} · ${L(loc, '置信度', 'confidence')} ${pct(i.confidence)}`);
      out.push(`  - ${L(loc, '回答', 'Answer')}: “${i.evidence.answer}”`);
      out.push(`  - ${L(loc, '对应描述', 'Matched descriptor')}: ${i.evidence.descriptor}${cite(i.citation)}`);
    }
    out.push('');
  }
  if (r.skipped.length) out.push(`${L(loc, '跳过（不计分）', 'Skipped (not scored)')}: ${r.skipped.map((s) => `${s.id} ${s.name}`).join(', ')}`, '');
  if (r.unanswered.length) out.push(`${L(loc, '尚未回答', 'Not yet answered')}: ${r.unanswered.map((s) => `${s.id} ${s.name}`).join(', ')}`, '');
  out.push(`## ${L(loc, '优势与短板', 'Strengths and gaps')}`, '');
  for (const s of r.strengths) out.push(`- ${L(loc, '优势', 'Strength')}: ${s.id} ${s.name} — ${s.level} ${s.label}${cite(s.citation)}`);
  for (const s of r.gaps) out.push(`- ${L(loc, '短板', 'Gap')}: ${s.id} ${s.name} — ${s.level} ${s.label}${cite(s.citation)}`);
  out.push('', `## ${L(loc, '路线图', 'Roadmap')}`, '');
  r.roadmap.forEach((s, k) => out.push(`${k + 1}. **${s.indicator} ${s.name}: ${s.from} → ${s.to} ${s.toLabel}** — ${s.action}${cite(s.citation)}`));
  out.push('', `## ${L(loc, '推荐方案', 'Recommended solutions')}`, '');
  for (const x of r.recommendations) out.push(`- ${x.name}${cite(x.citation)}`);
  for (const e of r.elements) {
    out.push('', `## ${e.name} — ${e.nameEn}`, '');
    for (const b of e.bottlenecks) out.push(`- **${b.title}**: ${b.text}${cite(b.citation)}`);
    if (e.directions.length) out.push(`- ${L(loc, '能力提升方向', 'Capability directions')}: ${e.directions.map((d) => d.capability).join('、')}${cite(e.directionsCitation!)}`);
  }
  out.push('', `## ${L(loc, '相关案例', 'Case studies')}`, '');
  for (const c of r.cases) out.push(`- ${c.title}${cite(c.citation)}`);
  out.push('', L(loc, '_来源：阿里云 × 毕马威《2020消费品生态全链路数智化转型白皮书》。_', '_Source: Alibaba Cloud × KPMG, 2020 whitepaper on full-chain digital-intelligence transformation of the consumer-goods ecosystem._'), '');
  return out.join('\n');
}
