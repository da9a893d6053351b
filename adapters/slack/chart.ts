/**
 * The report's radar chart as an image for Slack: ECharts' server-side SVG (report/charts.ts),
 * rasterised to PNG with sharp (librsvg + fontconfig). Chinese labels are drawn only when the
 * host has a CJK font; otherwise the English labels are, so the image never shows boxes.
 */
import { execFile } from 'node:child_process';
import type { ChartData } from '../../bot/types.js';
import { CHART_FONT, chartLocale } from '../../report/fonts.js';

export interface RadarOptions {
  width?: number;
  height?: number;
  /** Whether the host has a CJK font; default: asks fontconfig. */
  cjk?: boolean;
}

export const RADAR_FONT_FAMILY = CHART_FONT;

/** The chart library is loaded on the first chart, not when the adapter starts. */
export async function radarSvg(chart: ChartData, opts: RadarOptions = {}): Promise<string> {
  const zh = chart.axes.some((a) => /\p{Script=Han}/u.test(a.label));
  const loc = chartLocale(zh ? 'zh' : 'en', opts.cjk);
  const { radarAxesSvg } = await import('../../report/charts.js');
  return radarAxesSvg(chart.axes, loc, { width: opts.width ?? 900, height: opts.height ?? 720 });
}

/** PNG bytes of the radar (sharp is loaded lazily: only reports with a chart pay for it). */
export async function radarPng(chart: ChartData, opts: RadarOptions = {}): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(await radarSvg(chart, opts)), { density: 96 }).png({ compressionLevel: 9 }).toBuffer();
}

/** Whether fontconfig knows a font covering Chinese (`fc-list :lang=zh`). */
export function cjkFontAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('fc-list', [':lang=zh', 'family'], { timeout: 5000 }, (err, stdout) => resolve(!err && stdout.trim().length > 0));
  });
}
