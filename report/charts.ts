/**
 * The report's charts as SVG strings, drawn by Apache ECharts' server-side renderer (no DOM):
 * the pillar radar, the pillar bars and the pillar × element heat map of recommended solutions.
 * Labels are Chinese for a Chinese report only when the host has a CJK font (fc-list :lang=zh);
 * otherwise English, so a chart never shows boxes.
 */
import * as echarts from 'echarts';
import type { ElementId, PillarId } from '../knowledge/types.js';
import type { Report } from '../bot/report.js';
import type { Locale } from '../bot/types.js';
import { CHART_FONT } from './fonts.js';

export { CHART_FONT, chartLocale, hostHasCjkFont } from './fonts.js';

const INK = '#1f2937';
const MUTED = '#94a3b8';
const BLUE = '#2563eb';

export function render(width: number, height: number, option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: CHART_FONT, color: INK }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Breaks a Latin label at spaces into lines of about `max` characters. */
function wrapWords(s: string, max: number): string {
  const lines: string[] = [];
  for (const w of s.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + w).length <= max) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  return lines.join('\n');
}

const fmt = (v: number) => v.toFixed(1);

/**
 * The radar, drawn as a closed line in polar coordinates so an unassessed pillar is a gap in the
 * line (and its label says so) instead of a point at 0. Rings at every level 1–5, labelled.
 */
export function radarSvg(r: Report, loc: Locale, size = { width: 560, height: 440 }): string {
  return radarAxesSvg(r.chart.axes.map((a) => ({ label: a.label, labelEn: a.labelEn.split(' · ').pop()!, value: a.value })), loc, size);
}

/** The radar from bare axes (the chat's chart block): `labelEn` is drawn when loc is en. */
export function radarAxesSvg(axes: Array<{ label: string; labelEn?: string; value: number | null }>, loc: Locale, size = { width: 560, height: 440 }): string {
  const zh = loc === 'zh';
  const step = 360 / axes.length;
  const label = (i: number) => {
    const a = axes[i]!;
    const name = zh ? a.label : wrapWords(a.labelEn ?? a.label, 16);
    return `${name}\n${a.value === null ? (zh ? '未评估' : 'not assessed') : fmt(a.value)}`;
  };
  const points = [...axes, axes[0]!].map((a, i) => [a.value ?? '-', i * step]);
  return render(size.width, size.height, {
    polar: { radius: '62%', center: ['50%', '54%'] },
    angleAxis: {
      type: 'value', min: 0, max: 360, interval: step, startAngle: 90, clockwise: true,
      splitLine: { show: true, lineStyle: { color: '#cbd5e1' } }, axisLine: { lineStyle: { color: '#cbd5e1' } }, axisTick: { show: false },
      axisLabel: {
        formatter: (v: number) => (v >= 360 ? '' : label(Math.round(v / step))), margin: 14, fontSize: 13, lineHeight: 18,
        color: (v?: string | number) => (axes[Math.round(Number(v) / step)]?.value === null ? MUTED : INK),
      },
    },
    radiusAxis: {
      min: 0, max: 5, interval: 1, angle: 90,
      axisLabel: { color: '#64748b', fontSize: 11 }, axisLine: { show: false }, axisTick: { show: false },
      splitLine: { show: true, lineStyle: { color: '#94a3b8', width: 1 } },
      splitArea: { show: true, areaStyle: { color: ['#f8fafc', '#eef2f7'] } },
    },
    series: [{
      type: 'line', coordinateSystem: 'polar', data: points, connectNulls: false, symbol: 'circle', symbolSize: 8,
      lineStyle: { color: BLUE, width: 3 }, itemStyle: { color: BLUE },
      label: { show: false },
    }],
  });
}

/** One horizontal bar per pillar, 0–5; an unassessed pillar has no bar and says so. */
export function barsSvg(r: Report, loc: Locale, size = { width: 560, height: 260 }): string {
  const zh = loc === 'zh';
  const axes = [...r.chart.axes].reverse();
  return render(size.width, size.height, {
    grid: { left: zh ? 150 : 250, right: 70, top: 16, bottom: 30 },
    xAxis: { type: 'value', min: 0, max: 5, interval: 1, splitLine: { lineStyle: { color: '#e2e8f0' } }, axisLabel: { color: '#64748b' } },
    yAxis: { type: 'category', data: axes.map((a) => (zh ? a.label : a.labelEn)), axisTick: { show: false }, axisLabel: { fontSize: 13, color: INK } },
    series: [{
      type: 'bar', barWidth: 18,
      data: axes.map((a) => ({ value: a.value ?? 0, itemStyle: { color: a.value === null ? 'transparent' : a.value < 3 ? '#f59e0b' : BLUE } })),
      label: {
        show: true, position: 'right', fontSize: 13, color: INK,
        formatter: (p: { dataIndex: number }) => { const v = axes[p.dataIndex]!.value; return v === null ? (zh ? '未评估' : 'not assessed') : fmt(v); },
      },
    }],
  });
}

/** Pillar × element cells holding recommended solutions (count per cell); the cloud row is "all". */
export function heatSvg(r: Report, loc: Locale, elementNames: Record<ElementId, { zh: string; en: string }>, size = { width: 760, height: 300 }): string {
  const zh = loc === 'zh';
  const cols: Array<ElementId | 'all'> = [];
  if (r.heat.some((h) => h.element === 'all')) cols.push('all');
  const chosen = r.focusElements.length ? r.focusElements : (Object.keys(elementNames) as ElementId[]);
  for (const e of [...chosen, ...r.heat.map((h) => h.element)]) if (!cols.includes(e)) cols.push(e);
  const colName = (c: ElementId | 'all') => (c === 'all' ? (zh ? '全要素' : 'All') : zh ? elementNames[c].zh : elementNames[c].en);
  const rows = r.pillars.map((p) => (zh ? `${p.note} ${p.name}` : `${p.noteEn} · ${p.nameEn}`));
  const data: Array<[number, number, number]> = [];
  cols.forEach((c, x) => r.pillars.forEach((p, y) => {
    const n = r.heat.find((h) => h.element === c && h.pillar === (p.id as PillarId))?.count ?? 0;
    data.push([x, y, n]);
  }));
  const max = Math.max(1, ...data.map((d) => d[2]));
  return render(Math.max(size.width, 260 + cols.length * 60), size.height, {
    grid: { left: zh ? 120 : 230, right: 20, top: 16, bottom: 60 },
    xAxis: { type: 'category', data: cols.map(colName), splitArea: { show: true }, axisLabel: { interval: 0, rotate: cols.length > 8 ? 30 : 0, fontSize: 12, color: INK } },
    yAxis: { type: 'category', data: rows, inverse: true, splitArea: { show: true }, axisLabel: { fontSize: 12, color: INK } },
    visualMap: { show: false, min: 0, max, inRange: { color: ['#f8fafc', '#bfdbfe', '#1d4ed8'] } },
    series: [{
      type: 'heatmap', data,
      label: { show: true, fontSize: 13, formatter: (p: { value: [number, number, number] }) => (p.value[2] ? String(p.value[2]) : '') },
      itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
    }],
  });
}
