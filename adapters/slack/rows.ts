/**
 * How many phone rows a Slack message's blocks take, in the DingTalk measure's unit (about 17 CJK
 * characters a row, Latin half; adapters/dingtalk/rows.ts), so one budget reads the same on both.
 * A header is a line of larger type (an eighth wider); a section or context line at least a row; a
 * row of buttons 1.5 rows (a button is taller than a line), buttons wrapping when their labels and
 * padding (one unit each side) pass the row; half a row between blocks. Entities count as the
 * character they show, mrkdwn marks as nothing.
 */
import { displayWidth } from '../../bot/gist.js';
import { ROW_WIDTH } from '../dingtalk/rows.js';
import type { SlackBlock } from './render.js';

const shown = (mrkdwn: string) => mrkdwn.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/(^|\s)[*_~]|[*_~](?=\s|$)/g, '$1');

function lineRows(text: string, scale = 1): number {
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil((displayWidth(shown(line).trimEnd()) * scale) / ROW_WIDTH)), 0);
}

function buttonRows(labels: string[]): number {
  let rows = 1;
  let used = 0;
  for (const label of labels) {
    const w = displayWidth(label) + 2;
    if (used && used + w > ROW_WIDTH) { rows++; used = 0; }
    used += w;
  }
  return rows * 1.5;
}

export function slackRows(blocks: SlackBlock[]): number {
  let rows = Math.max(0, blocks.length - 1) * 0.5;
  for (const b of blocks) {
    if (b.type === 'header') rows += lineRows(b.text.text, 1.125);
    else if (b.type === 'section') rows += b.text ? lineRows(b.text.text) : 1;
    else if (b.type === 'context') rows += lineRows(b.elements.map((e) => ('text' in e ? e.text : '')).join('  '));
    else if (b.type === 'actions') rows += buttonRows(b.elements.map((e) => ('text' in e && e.text && typeof e.text === 'object' && 'text' in e.text ? String(e.text.text) : '')));
    else if (b.type === 'divider') rows += 0.5;
    else rows += 1;
  }
  return rows;
}
