/**
 * Fonts for the report's charts and pages, and whether the host can draw Chinese at all
 * (fontconfig, `fc-list :lang=zh`). Kept apart from charts.ts so asking costs no chart library.
 */
import { execFileSync } from 'node:child_process';
import type { Locale } from '../bot/types.js';

export const CHART_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', sans-serif";

let cjk: boolean | undefined;
/** Whether fontconfig knows a font covering Chinese; asked once per process. */
export function hostHasCjkFont(): boolean {
  if (cjk === undefined) {
    try {
      cjk = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 5000 }).trim().length > 0;
    } catch {
      cjk = false;
    }
  }
  return cjk;
}

/** The language chart labels are drawn in: Chinese only where glyphs exist for it. */
export function chartLocale(loc: Locale, hasCjk = hostHasCjkFont()): Locale {
  return loc === 'zh' && hasCjk ? 'zh' : 'en';
}
