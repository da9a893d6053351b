/**
 * The radar PNG. Chinese labels need a CJK font (Debian: apt-get install -y fonts-noto-cjk);
 * without one the glyph test is skipped with a message saying so.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RADAR_FONT_FAMILY, cjkFontAvailable, radarPng, radarSvg } from '../../../adapters/slack/chart.js';
import { REPORT_CHART } from '../support/handler.js';

function hasCjkFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}
const CJK = hasCjkFont();
if (!CJK) console.warn('chart.test: no CJK font found (fc-list :lang=zh is empty) — skipping the Chinese label test; install fonts-noto-cjk');

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('radar chart', () => {
  it('draws every axis label and value with ECharts, XML-escaped; an unassessed axis is a gap, not 0', async () => {
    const chart = { ...REPORT_CHART, axes: REPORT_CHART.axes.map((a, i) => (i === 0 ? { ...a, label: 'A & <B>' } : a)) };
    const svg = await radarSvg(chart, { cjk: true });
    for (const a of REPORT_CHART.axes.slice(1)) expect(svg).toContain(a.label);
    expect(svg).toContain('A &amp; &lt;B&gt;');
    expect(svg).toContain('未评估');
    // One marker per assessed axis (plus the closing point at the first axis): none at the centre for the gap.
    const markers = svg.match(/ecmeta_ssr_type="chart"/g) ?? [];
    expect(markers.length).toBe(REPORT_CHART.axes.filter((a) => a.value !== null).length + 1);
  });

  it('draws English labels when the host has no CJK font, never Chinese glyphs it cannot show', async () => {
    const chart = { ...REPORT_CHART, axes: REPORT_CHART.axes.map((a, i) => ({ ...a, labelEn: `Pillar ${i + 1}` })) };
    const svg = await radarSvg(chart, { cjk: false });
    expect(svg).not.toMatch(/\p{Script=Han}/u);
    expect(svg).toContain('Pillar 1');
    expect(svg).toContain('not assessed');
  });

  it('rasterises to a PNG', async () => {
    const png = await radarPng(REPORT_CHART);
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(png.length).toBeGreaterThan(5000);
  });

  it.skipIf(!CJK)('renders Chinese glyphs, not tofu boxes (needs a CJK font)', async () => {
    expect(await cjkFontAvailable()).toBe(true);
    // 一 is a single horizontal stroke: its ink is far wider than tall. A missing-glyph box
    // (tofu or a hex box) is taller than wide. Drawn with the chart's own font stack.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" font-family="${RADAR_FONT_FAMILY}"><rect width="100%" height="100%" fill="#fff"/><text x="150" y="140" text-anchor="middle" font-size="120" fill="#000">一</text></svg>`;
    const { default: sharp } = await import('sharp');
    const { info } = await sharp(Buffer.from(svg)).trim({ threshold: 40 }).toBuffer({ resolveWithObject: true });
    expect(info.width).toBeGreaterThan(info.height * 3);
  });
});
