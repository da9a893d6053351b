/**
 * The report's radar chart as an image for Slack: a hand-written SVG (no chart library
 * needed for one radar), rasterised to PNG with sharp (librsvg + fontconfig). Chinese
 * labels need a CJK font on the host (Debian: fonts-noto-cjk); `cjkFontAvailable` lets
 * the adapter warn at start-up when it is missing.
 */
import { execFile } from 'node:child_process';
import type { ChartData } from '../../bot/types.js';

export interface RadarOptions {
  width?: number;
  height?: number;
}

export const RADAR_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export function radarSvg(chart: ChartData, opts: RadarOptions = {}): string {
  const width = opts.width ?? 900;
  const height = opts.height ?? 720;
  const cx = width / 2;
  const cy = height / 2 + 30;
  const radius = Math.min(width, height) / 2 - 140;
  const n = Math.max(chart.axes.length, 3);
  const max = chart.max > 0 ? chart.max : 1;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const at = (i: number, r: number) => [cx + r * Math.cos(angle(i)), cy + r * Math.sin(angle(i))] as const;
  const pts = (r: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => at(i, r(i)).map((v) => v.toFixed(1)).join(',')).join(' ');

  const parts: string[] = [];
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  parts.push(`<text x="${cx}" y="48" text-anchor="middle" font-size="28" font-weight="bold" fill="#1f2937">${xml(chart.title)}</text>`);

  // Grid rings, one per level, and the spokes.
  const rings = Math.max(1, Math.min(10, Math.round(max)));
  for (let k = 1; k <= rings; k++) {
    const r = (radius * k) / rings;
    parts.push(`<polygon points="${pts(() => r)}" fill="${k % 2 ? '#f8fafc' : '#f1f5f9'}" stroke="#cbd5e1" stroke-width="1"/>`);
  }
  for (let k = rings; k >= 1; k--) {
    const [x, y] = at(0, (radius * k) / rings);
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${(y + 4).toFixed(1)}" font-size="13" fill="#94a3b8">${fmt((max * k) / rings)}</text>`);
  }
  for (let i = 0; i < n; i++) {
    const [x, y] = at(i, radius);
    parts.push(`<line x1="${cx}" y1="${cy}" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#cbd5e1" stroke-width="1"/>`);
  }

  // The data polygon; unassessed axes sit at the centre and are marked hollow.
  const value = (i: number) => {
    const v = chart.axes[i]?.value;
    return typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.min(max, v)) : 0;
  };
  parts.push(`<polygon points="${pts((i) => (radius * value(i)) / max)}" fill="rgba(37,99,235,0.28)" stroke="#2563eb" stroke-width="3" stroke-linejoin="round"/>`);
  for (let i = 0; i < chart.axes.length; i++) {
    const [x, y] = at(i, (radius * value(i)) / max);
    const assessed = typeof chart.axes[i]?.value === 'number';
    parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="5" fill="${assessed ? '#2563eb' : '#ffffff'}" stroke="#2563eb" stroke-width="2"/>`);
  }

  // Axis labels with their value, wrapped to two lines at most.
  for (let i = 0; i < chart.axes.length; i++) {
    const axis = chart.axes[i]!;
    const [x, y] = at(i, radius + 26);
    const c = Math.cos(angle(i));
    const anchor = Math.abs(c) < 0.2 ? 'middle' : c > 0 ? 'start' : 'end';
    const s = Math.sin(angle(i));
    const lines = wrap(axis.label, 10);
    const assessed = typeof axis.value === 'number' && Number.isFinite(axis.value);
    lines.push(assessed ? fmt(axis.value as number) : /\p{Script=Han}/u.test(chart.title + axis.label) ? '未评估' : 'n/a');
    const lineHeight = 22;
    const top = s < -0.2 ? y - lineHeight * (lines.length - 1) : Math.abs(s) <= 0.2 ? y - (lineHeight * (lines.length - 1)) / 2 : y + 12;
    lines.forEach((line, j) => {
      const last = j === lines.length - 1;
      parts.push(
        `<text x="${x.toFixed(1)}" y="${(top + j * lineHeight).toFixed(1)}" text-anchor="${anchor}" font-size="${last ? 17 : 18}" ${last ? `font-weight="bold" fill="${assessed ? '#2563eb' : '#94a3b8'}"` : `fill="${assessed ? '#334155' : '#94a3b8'}"`}>${xml(line)}</text>`,
      );
    });
  }

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${RADAR_FONT_FAMILY}">${parts.join('')}</svg>`;
}

/** PNG bytes of the radar (sharp is loaded lazily: only reports with a chart pay for it). */
export async function radarPng(chart: ChartData, opts: RadarOptions = {}): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(radarSvg(chart, opts)), { density: 96 }).png({ compressionLevel: 9 }).toBuffer();
}

/** Whether fontconfig knows a font covering Chinese (`fc-list :lang=zh`). */
export function cjkFontAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('fc-list', [':lang=zh', 'family'], { timeout: 5000 }, (err, stdout) => resolve(!err && stdout.trim().length > 0));
  });
}

function wrap(label: string, maxWide: number): string[] {
  // CJK characters count 1, latin about half, so mixed labels wrap at a similar width;
  // latin words break at the last space when there is one.
  const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/.test(ch) ? 1 : 0.55), 0);
  const out: string[] = [];
  let line = '';
  for (const ch of label) {
    if (line && width(line + ch) > maxWide) {
      const space = line.lastIndexOf(' ');
      if (space > 0 && ch !== ' ') {
        out.push(line.slice(0, space));
        line = line.slice(space + 1);
      } else {
        out.push(line.trimEnd());
        line = '';
      }
    }
    if (line || ch !== ' ') line += ch;
  }
  if (line) out.push(line);
  if (out.length > 2) return [out[0]!, out[1]!.replace(/.$/u, '') + '…'];
  return out;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
