/**
 * How many rows a DingTalk markdown message takes on a phone: about 17 CJK characters fit a row
 * (Latin counts half), every line takes at least one row, a blank line between paragraphs half a
 * row, and a `###` heading's larger type an eighth more width. Measured on what is shown: link
 * targets, bold marks and quote marks take no room.
 */
import { displayWidth } from '../../bot/gist.js';

export const ROW_WIDTH = 17;

export function shownText(line: string): string {
  return line
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/^#+\s*/, '')
    .replace(/^>\s?/, '')
    .replace(/\s+$/, '');
}

export function phoneRows(markdown: string): number {
  let rows = 0;
  for (const line of markdown.split('\n')) {
    if (!line.trim()) { rows += 0.5; continue; }
    const scale = /^#{1,6}\s/.test(line) ? 1.125 : 1;
    rows += Math.max(1, Math.ceil((displayWidth(shownText(line)) * scale) / ROW_WIDTH));
  }
  return rows;
}

/**
 * What a phone shows of a markdown message, line by line: tap links as ［label］, marks removed,
 * blank lines dropped. `wuyin chat --phone` prints it, so a transcript is the renderer's own output.
 */
export function phoneLines(markdown: string): string[] {
  return markdown
    .split('\n')
    .map((line) => shownText(line.replace(/\[([^\]]*)\]\(dtmd:[^)]*\)/g, '［$1］')))
    .filter((line) => line.trim());
}
