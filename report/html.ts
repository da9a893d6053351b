/**
 * The report as one self-contained HTML file: inline CSS and inline SVG charts, no script, no
 * external resource (a Content-Security-Policy forbids them), every string from the person or
 * the client escaped. The same file is printed to PDF (report/pdf.ts); print CSS sets the pages.
 */
import type { Report, RoadmapStep } from '../bot/report.js';
import type { Locale } from '../bot/types.js';
import { loadRubric } from '../knowledge/load.js';
import type { ElementId } from '../knowledge/types.js';
import { CHART_FONT, barsSvg, chartLocale, heatSvg, radarSvg } from './charts.js';
import { T, respondentLine, titleOf } from '../bot/report-text.js';
import { teamHtml } from './team.js';

/** Escapes text for HTML element content and quoted attributes. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const LATIN_FIRST = `'Liberation Sans', Arial, Helvetica, 'DejaVu Sans', ${CHART_FONT}`;
const css = (loc: Locale) => `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: ${loc === 'zh' ? CHART_FONT : LATIN_FIRST}; color: #1f2937; margin: 0 auto; max-width: 900px; padding: 24px; line-height: 1.55; font-size: 14px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 2px solid #2563eb; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: #475569; margin: 0 0 12px; } .meta span { margin-right: 18px; }
.overall { font-size: 18px; margin: 10px 0; } .overall b { font-size: 28px; color: #2563eb; }
.charts { display: flex; flex-wrap: wrap; gap: 8px; justify-content: center; align-items: center; } .charts svg { flex: 1 1 320px; max-width: 100%; height: auto; }
.charts.two svg { max-width: 49%; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; } th, td { text-align: left; vertical-align: top; padding: 5px 6px; border-bottom: 1px solid #e2e8f0; }
th { background: #f1f5f9; font-weight: 600; }
.lvl { white-space: nowrap; font-weight: 600; } .quote { font-style: italic; color: #0f172a; } .muted, .cite { color: #64748b; font-size: 12px; }
.phase { display: inline-block; min-width: 56px; padding: 1px 8px; border-radius: 10px; background: #dbeafe; color: #1e3a8a; font-size: 12px; font-weight: 600; }
.note { margin-top: 28px; padding: 10px 12px; background: #f8fafc; border-left: 3px solid #94a3b8; color: #475569; font-size: 12px; }
.page { break-before: page; }
@media print { body { max-width: none; padding: 0; } h2, h3 { break-after: avoid; } tr, table.keep { break-inside: avoid; } }
`;

export function reportHtml(r: Report, loc: Locale): string {
  const t = T(loc);
  const zh = loc === 'zh';
  const cloc = chartLocale(loc);
  const rubric = loadRubric();
  const names = Object.fromEntries(rubric.elements.map((e) => [e.id, { zh: e.name, en: e.nameEn }])) as Record<ElementId, { zh: string; en: string }>;
  const ename = (id: ElementId | 'all') => (id === 'all' ? t.allElements : zh ? names[id].zh : names[id].en);
  const cite = (c: { section: string; sectionEn: string }) => `<div class="cite">${t.whitepaper}: ${esc(zh ? c.section : c.sectionEn)}</div>`;
  const ind = (i: { id: string; name: string; nameEn: string }) => `${esc(i.id)} ${esc(zh ? i.name : i.nameEn)}`;
  const lvl = (level: number, label: string, labelEn: string) => `${t.level(level)} ${esc(zh ? label : labelEn)}`;
  const out: string[] = [];
  const title = titleOf(r, loc);

  out.push(`<header><h1>${esc(title)}</h1><p class="meta">`,
    `<span>${t.client}: <b>${esc(r.meta.client ?? t.unnamedClient)}</b></span>`,
    `<span>${t.date}: ${esc(r.meta.date)}</span>`,
    r.meta.respondents.length ? `<span>${t.respondents}: ${esc(respondentLine(r, loc))}</span>` : '',
    r.meta.wave ? `<span>${t.wave}: ${esc(r.meta.wave)}</span>` : '',
    `</p></header>`);
  if (!r.answered) {
    out.push(`<p>${t.nothingYet}</p>`);
    return page(title, loc, out.join(''));
  }
  out.push(`<p class="overall">${t.overall} <b>${r.overall!.toFixed(1)}</b> / 5 <span class="muted">${esc(t.assessedOf(r.answered, r.total, r.skipped.length))}</span></p>`);
  out.push(`<div class="charts two">${radarSvg(r, cloc)}${barsSvg(r, cloc)}</div>`);

  out.push(`<h2>${t.strengthsGaps}</h2><table class="keep"><tr><th>${t.strengths}</th><th>${t.gaps}</th></tr><tr><td>`,
    r.strengths.map((s) => `<div>${ind(s)} — ${lvl(s.level, s.label, s.labelEn)}</div>`).join('') || `<span class="muted">${t.none}</span>`,
    `</td><td>`,
    r.gaps.map((s) => `<div>${ind(s)} — ${lvl(s.level, s.label, s.labelEn)}</div>`).join('') || `<span class="muted">${t.none}</span>`,
    `</td></tr></table>`);

  if (r.team) out.push(teamHtml(r, loc, cloc, esc));
  else {
    out.push(`<section class="page"><h2>${t.indicators}</h2>`);
    for (const p of r.pillars) {
      out.push(`<h3>${esc(zh ? `${p.note} ${p.name}` : `${p.noteEn} · ${p.nameEn}`)} — ${p.score === null ? t.notAssessed : p.score.toFixed(1)}</h3>`);
      if (!p.indicators.length) continue;
      out.push(`<table><tr><th style="width:24%">${t.indicator}</th><th style="width:16%">${t.levelHead}</th><th>${t.evidence}</th></tr>`);
      for (const i of p.indicators) {
        const words = i.selfRated ? `<span class="muted">${t.selfRated}</span>` : `<span class="quote">“${esc(i.evidence.answer)}”</span> <span class="muted">(${t.confidence}: ${t.band(i.band!)})</span>`;
        out.push(`<tr><td>${ind(i)}</td><td class="lvl">${lvl(i.level, i.label, i.labelEn)}</td><td>${words}<div>${t.descriptor}: ${esc(zh ? i.evidence.descriptor : i.evidence.descriptorEn)}</div>${cite(i.citation)}</td></tr>`);
      }
      out.push(`</table>`);
    }
    if (r.skipped.length) out.push(`<p class="muted">${t.skipped}: ${r.skipped.map(ind).join(', ')}</p>`);
    if (r.unanswered.length) out.push(`<p class="muted">${t.unanswered}: ${r.unanswered.map(ind).join(', ')}</p>`);
    out.push(`</section>`);
  }

  out.push(`<section class="page"><h2>${t.roadmap}</h2><p class="muted">${t.roadmapNote}</p>`);
  for (const phase of ['now', 'next', 'later'] as const) {
    const steps = r.roadmap.filter((s) => s.phase === phase);
    if (!steps.length) continue;
    out.push(`<h3><span class="phase">${t.phase(phase)}</span></h3><table>`);
    for (const s of steps) out.push(roadmapRow(s, loc));
    out.push(`</table>`);
  }
  if (!r.roadmap.length) out.push(`<p>${t.none}</p>`);

  out.push(`</section><section class="page"><h2>${t.solutions}</h2><p class="muted">${t.solutionsNote}</p>`);
  if (r.recommendations.length) {
    out.push(`<div class="charts">${heatSvg(r, cloc, names)}</div>`);
    out.push(`<table><tr><th>#</th><th>${t.solution}</th><th>${t.cell}</th><th>${t.because}</th></tr>`);
    for (const x of r.recommendations) {
      out.push(`<tr><td>${x.rank}</td><td>${esc(zh ? x.name : x.nameEn)}${x.focus ? '' : ` <span class="muted">(${t.otherElement})</span>`}</td><td>${esc(zh ? r.pillars[x.pillar - 1]!.name : r.pillars[x.pillar - 1]!.nameEn)} × ${esc(ename(x.element))}</td><td>${esc(x.because.indicator)} ${t.level(x.because.level)}</td></tr>`);
    }
    out.push(`</table>`);
  } else out.push(`<p>${t.none}</p>`);
  out.push(`</section>`);

  if (r.elements.length || r.cases.length) out.push(`<section class="page">`);
  for (const e of r.elements) {
    out.push(`<h2>${esc(zh ? e.name : e.nameEn)}: ${t.bottlenecks}</h2><ul>`);
    for (const b of e.bottlenecks) out.push(`<li><b>${esc(zh ? b.title : b.titleEn)}</b>: ${esc(zh ? b.text : b.textEn)}${cite(b.citation)}</li>`);
    out.push(`</ul>`);
    if (e.directions.length) out.push(`<p>${t.directions}: ${e.directions.map((d) => esc(zh ? d.capability : d.capabilityEn)).join(zh ? '、' : ', ')}</p>${cite(e.directionsCitation!)}`);
  }
  out.push(`<h2>${t.cases}</h2><p class="muted">${t.casesNote}</p><ul>`);
  for (const c of r.cases) out.push(`<li>${esc(zh ? c.title : c.titleEn)}${cite(c.citation)}</li>`);
  out.push(`</ul>`);
  if (r.elements.length || r.cases.length) out.push(`</section>`);

  out.push(`<div class="note">${t.source}${zh ? '' : ` ${esc(r.meta.translationNotice)}`}<br>${r.team ? t.teamMethod : t.method}<br>`,
    `${t.madeWith}: Wuyin ${esc(r.meta.versions.app)} · rubric ${esc(r.meta.versions.rubric)} · whitepaper ${esc(r.meta.versions.whitepaper)} · `,
    `${zh ? '' : `English texts ${esc(r.meta.versions.english)} · `}scorer ${esc(r.meta.versions.scorer)}</div>`);
  return page(title, loc, out.join(''));
}

function roadmapRow(s: RoadmapStep, loc: Locale): string {
  const t = T(loc);
  const zh = loc === 'zh';
  return `<tr><td style="width:30%"><b>${esc(s.indicator)} ${esc(zh ? s.name : s.nameEn)}</b><div class="muted">${t.level(s.from)} → ${t.level(s.to)} ${esc(zh ? s.toLabel : s.toLabelEn)}</div></td>`
    + `<td>${esc(zh ? s.action : s.actionEn)}<div class="cite">${t.whitepaper}: ${esc(zh ? s.citation.section : s.citation.sectionEn)}</div></td></tr>`;
}

function page(title: string, loc: Locale, body: string): string {
  return `<!doctype html><html lang="${loc === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">`
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">`
    + `<title>${esc(title)}</title><style>${css(loc)}</style></head><body>${body}</body></html>`;
}
