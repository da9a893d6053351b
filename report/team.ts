/**
 * The campaign parts of the HTML report (report/html.ts calls these when `report.team` is set):
 * respondents by role, each indicator's spread (an ECharts stacked bar of the level distribution,
 * the usual chart for ordinal answers), the hot spots with quotes by role, and the wave-to-wave
 * change (an ECharts bar pair per pillar and indicator). Every string is escaped by the caller's esc.
 */
import type { Report, TeamView } from '../bot/report.js';
import { T, teamRespondentLine } from '../bot/report-text.js';
import type { Locale } from '../bot/types.js';
import { render } from './charts.js';

const LEVEL_COLORS = ['#dc2626', '#f59e0b', '#cbd5e1', '#60a5fa', '#1d4ed8'];

/** Each indicator's respondents over levels 1–5, as shares of those who answered it. */
export function spreadSvg(team: TeamView, loc: Locale): string {
  const zh = loc === 'zh';
  const rows = [...team.indicators].reverse();
  const label = (i: TeamView['indicators'][number]) => `${i.id} ${zh ? i.name : i.nameEn}${i.disagreement ? ' ⚠' : ''}\n${zh ? '中位数' : 'median'} ${i.median ?? '—'} · n ${i.n}`;
  return render(760, 60 + rows.length * 40, {
    legend: { top: 0, data: [1, 2, 3, 4, 5].map((l) => (zh ? `${l}级` : `L${l}`)), textStyle: { fontSize: 12 } },
    grid: { left: zh ? 190 : 300, right: 24, top: 34, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { formatter: '{value}%', color: '#64748b' }, splitLine: { lineStyle: { color: '#e2e8f0' } } },
    yAxis: { type: 'category', data: rows.map(label), axisTick: { show: false }, axisLabel: { fontSize: 11, lineHeight: 14, color: '#1f2937' } },
    series: [0, 1, 2, 3, 4].map((k) => ({
      name: zh ? `${k + 1}级` : `L${k + 1}`, type: 'bar', stack: 'levels', barWidth: 20, itemStyle: { color: LEVEL_COLORS[k] },
      data: rows.map((i) => (i.n ? Math.round((i.histogram[k]! / i.n) * 1000) / 10 : 0)),
      label: { show: true, fontSize: 11, color: k === 2 ? '#1f2937' : '#ffffff', formatter: (p: { dataIndex: number }) => { const c = rows[p.dataIndex]!.histogram[k]!; return c ? String(c) : ''; } },
    })),
  });
}

/** The previous and this wave side by side, pillars first; ★ marks a change beyond the spread. */
export function changeSvg(cmp: NonNullable<TeamView['comparison']>, wave: number, loc: Locale, pillarLabel: (p: number) => string): string {
  const zh = loc === 'zh';
  const rows = [
    ...cmp.pillars.map((p) => ({ label: pillarLabel(p.pillar), ...p })),
    ...cmp.indicators.map((i) => ({ label: `${i.id} ${zh ? i.name : i.nameEn}`, ...i })),
  ].reverse();
  const sign = (x: number) => (x > 0 ? `+${x}` : String(x));
  return render(760, 60 + rows.length * 44, {
    legend: { top: 0, data: [zh ? `第${cmp.previousWave}轮` : `Wave ${cmp.previousWave}`, zh ? `第${wave}轮` : `Wave ${wave}`] },
    grid: { left: zh ? 190 : 300, right: 90, top: 34, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: 5, interval: 1, axisLabel: { color: '#64748b' }, splitLine: { lineStyle: { color: '#e2e8f0' } } },
    yAxis: { type: 'category', data: rows.map((r) => r.label), axisTick: { show: false }, axisLabel: { fontSize: 11, color: '#1f2937' } },
    series: [
      { name: zh ? `第${cmp.previousWave}轮` : `Wave ${cmp.previousWave}`, type: 'bar', barWidth: 12, itemStyle: { color: '#94a3b8' }, data: rows.map((r) => r.from) },
      {
        name: zh ? `第${wave}轮` : `Wave ${wave}`, type: 'bar', barWidth: 12, itemStyle: { color: '#2563eb' }, data: rows.map((r) => r.to),
        label: { show: true, position: 'right', fontSize: 11, formatter: (p: { dataIndex: number }) => { const r = rows[p.dataIndex]!; return `${sign(r.delta)}${r.exceedsSpread ? ' ★' : ''}`; } },
      },
    ],
  });
}

/** The team sections of the HTML page, in place of one person's indicator table. */
export function teamHtml(r: Report, loc: Locale, cloc: Locale, esc: (s: string) => string): string {
  const team = r.team!;
  const t = T(loc);
  const zh = loc === 'zh';
  const nm = (x: { name: string; nameEn: string }) => esc(zh ? x.name : x.nameEn);
  const pillarLabel = (p: number) => { const x = r.pillars[p - 1]!; return cloc === 'zh' ? `${x.note} ${x.name}` : `${x.noteEn} · ${x.nameEn}`; };
  const out: string[] = [];
  out.push(`<h2>${t.respondentsByRole}</h2><p>${esc(teamRespondentLine(team, loc))}</p>`);
  out.push(`<table class="keep"><tr><th>${t.role}</th><th>${t.count}</th></tr>`,
    team.respondents.byRole.map((g) => `<tr><td>${esc(g.role)}</td><td>${g.n}</td></tr>`).join(''), `</table>`);
  out.push(`<table class="keep"><tr><th>${zh ? '部曲' : 'Pillar'}</th><th>${zh ? '得分' : 'Score'}</th><th>${t.interval}</th></tr>`);
  for (const p of team.pillars) {
    const x = r.pillars[p.pillar - 1]!;
    out.push(`<tr><td>${esc(zh ? `${x.note} ${x.name}` : `${x.noteEn} · ${x.nameEn}`)}</td><td>${p.score === null ? t.notAssessed : p.score.toFixed(2)}</td><td>${p.interval ? `${p.interval[0].toFixed(2)}–${p.interval[1].toFixed(2)}` : '—'}</td></tr>`);
  }
  out.push(`</table>`);

  out.push(`<section class="page"><h2>${t.spread}</h2><p class="muted">${t.spreadNote}</p><div class="charts">${spreadSvg(team, cloc)}</div>`);
  out.push(`<table><tr><th>${t.indicator}</th><th>n</th><th>${t.median}</th><th>${t.sdHead}</th><th>${t.rangeHead}</th><th>${t.byRoleHead}</th></tr>`);
  for (const i of team.indicators) {
    out.push(`<tr><td>${esc(i.id)} ${nm(i)}${i.disagreement ? ` <span class="phase">${t.disagreement}</span>` : ''}</td><td>${i.n}</td><td>${i.median ?? '—'}</td>`,
      `<td>${i.sd ?? '—'}</td><td>${i.min === null ? '—' : `${i.min}–${i.max}`}</td><td>${esc(i.byRole.map((g) => `${g.role} ${g.median}`).join(zh ? '、' : ', '))}</td></tr>`);
  }
  out.push(`</table></section>`);

  out.push(`<h2>${t.hotspots}</h2><p class="muted">${t.hotspotsNote}</p>`);
  if (!team.hotspots.length) out.push(`<p>${t.noHotspots}</p>`);
  for (const h of team.hotspots) {
    out.push(`<h3>${esc(h.id)} ${nm(h)} — ${t.median} ${h.median}, ${t.level(h.range[0])}–${t.level(h.range[1])}</h3>`);
    if (h.roles.length) out.push(`<p>${esc(h.roles.map((g) => `${g.role} ${g.median}`).join(zh ? '、' : ', '))}</p>`);
    if (h.quotes.length) out.push(`<ul>${h.quotes.map((q) => `<li>${esc(q.role)} (${t.level(q.level)}): <span class="quote">“${esc(q.text)}”</span></li>`).join('')}</ul>`);
  }

  const cmp = team.comparison;
  if (cmp) {
    out.push(`<section class="page"><h2>${t.changes}</h2><p class="muted">${t.changesNote}</p><div class="charts">${changeSvg(cmp, team.wave, cloc, pillarLabel)}</div>`);
    out.push(`<table><tr><th></th><th>${t.previous}</th><th>${t.current}</th><th>${t.change}</th><th>${t.exceeds}</th></tr>`);
    const row = (label: string, v: { from: number; to: number; delta: number; exceedsSpread: boolean }) =>
      `<tr><td>${label}</td><td>${v.from}</td><td>${v.to}</td><td>${v.delta > 0 ? '+' : ''}${v.delta}</td><td>${v.exceedsSpread ? `<b>${t.yes}</b>` : t.no}</td></tr>`;
    for (const p of cmp.pillars) out.push(row(esc(zh ? p.name : p.nameEn), p));
    for (const i of cmp.indicators) out.push(row(`${esc(i.id)} ${nm(i)}`, i));
    out.push(`</table></section>`);
  }
  return out.join('');
}
