import type { Report } from './report.js';
import { T, teamRespondentLine } from './report-text.js';
import type { Locale } from './types.js';

/**
 * The campaign parts of the Markdown report (reportMarkdown calls this when `report.team` is set):
 * respondents by role, each indicator's spread as a table (levels 1–5 counted), the hot spots with
 * quotes by role, and the change since the previous wave. `md` escapes what people typed.
 */
export function teamMarkdown(r: Report, loc: Locale, md: (s: string) => string): string[] {
  const team = r.team!;
  const t = T(loc);
  const zh = loc === 'zh';
  const nm = (x: { name: string; nameEn: string }) => (zh ? x.name : x.nameEn);
  const list = (xs: string[]) => xs.join(zh ? '、' : ', ');
  const out: string[] = [`## ${t.respondentsByRole}`, '', md(teamRespondentLine(team, loc)), ''];
  out.push(`| ${zh ? '部曲' : 'Pillar'} | ${zh ? '得分' : 'Score'} | ${t.interval} |`, '|---|---|---|');
  for (const p of team.pillars) {
    const x = r.pillars[p.pillar - 1]!;
    out.push(`| ${zh ? `${x.note} ${x.name}` : `${x.noteEn} · ${x.nameEn}`} | ${p.score === null ? t.notAssessed : p.score.toFixed(2)} | ${p.interval ? `${p.interval[0].toFixed(2)}–${p.interval[1].toFixed(2)}` : '—'} |`);
  }
  out.push('', `## ${t.spread}`, '', t.spreadNote, '');
  out.push(`| ${t.indicator} | n | ${t.median} | ${t.sdHead} | ${zh ? '1–5级人数' : 'L1–L5 counts'} | ${t.disagreement} | ${t.byRoleHead} |`, '|---|---|---|---|---|---|---|');
  for (const i of team.indicators) {
    out.push(`| ${i.id} ${nm(i)} | ${i.n} | ${i.median ?? '—'} | ${i.sd ?? '—'} | ${i.histogram.join('/')} | ${i.disagreement ? '⚠' : ''} | ${md(list(i.byRole.map((g) => `${g.role} ${g.median}`)))} |`);
  }
  out.push('', `## ${t.hotspots}`, '', t.hotspotsNote, '');
  if (!team.hotspots.length) out.push(t.noHotspots);
  for (const h of team.hotspots) {
    out.push(`- **${h.id} ${nm(h)}**: ${t.median} ${h.median}, ${t.level(h.range[0])}–${t.level(h.range[1])}${h.roles.length ? ` (${md(list(h.roles.map((g) => `${g.role} ${g.median}`)))})` : ''}`);
    for (const q of h.quotes) out.push(`  - ${md(q.role)} (${t.level(q.level)}): “${md(q.text)}”`);
  }
  out.push('');
  const cmp = team.comparison;
  if (cmp) {
    out.push(`## ${t.changes}`, '', t.changesNote, '', `| | ${t.previous} | ${t.current} | ${t.change} | ${t.exceeds} |`, '|---|---|---|---|---|');
    const row = (label: string, v: { from: number; to: number; delta: number; exceedsSpread: boolean }) => `| ${label} | ${v.from} | ${v.to} | ${v.delta > 0 ? '+' : ''}${v.delta} | ${v.exceedsSpread ? t.yes : t.no} |`;
    for (const p of cmp.pillars) out.push(row(nm(p), p));
    for (const i of cmp.indicators) out.push(row(`${i.id} ${nm(i)}`, i));
    out.push('');
  }
  return out;
}
