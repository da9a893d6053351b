/**
 * Neutral Reply → Slack Block Kit. Pure: no I/O. A reply becomes one or more segments:
 * messages (≤ 50 blocks each) and charts (uploaded as a PNG by the adapter, with the
 * block's unicode `fallback` for surfaces where an upload is impossible).
 */
import type { types } from '@slack/bolt';
import type { ChartData, Citation, Reply } from '../../bot/types.js';
import { plainText, toMrkdwn } from './escape.js';

export type SlackBlock = types.KnownBlock;

export type SlackSegment =
  | { kind: 'message'; blocks: SlackBlock[]; text: string }
  | { kind: 'chart'; chart: ChartData; fallback: string; text: string }
  /** The full report as files (PDF and HTML), uploaded by the adapter. */
  | { kind: 'document'; doc: Extract<Reply['blocks'][number], { kind: 'document' }>; text: string };

/** Button action ids start with this; the adapter listens for them. */
export const OPTION_ACTION_PREFIX = 'wuyin_option:';
/** A multi-select's changes (acknowledged, nothing else) and its done button (sends the selection). */
export const MULTI_ACTION_PREFIX = 'wuyin_multi:';
export const DONE_ACTION_PREFIX = 'wuyin_done:';

const SECTION_MAX = 3000;
const MAX_BLOCKS = 50;
const BUTTONS_PER_ROW = 25;
const NOTIFICATION_MAX = 3000;

export function renderReply(reply: Reply): SlackSegment[] {
  const segments: SlackSegment[] = [];
  const notification = truncate(toMrkdwn(reply.text || ' '), NOTIFICATION_MAX);
  let pending: SlackBlock[] = [];
  const flush = () => {
    for (let i = 0; i < pending.length; i += MAX_BLOCKS) {
      segments.push({ kind: 'message', blocks: pending.slice(i, i + MAX_BLOCKS), text: notification });
    }
    pending = [];
  };

  reply.blocks.forEach((block, b) => {
    switch (block.kind) {
      case 'heading': {
        const text = plainText(block.text, 150);
        if (text) pending.push({ type: 'header', text: { type: 'plain_text', text, emoji: true } });
        break;
      }
      case 'text':
        for (const chunk of splitMrkdwn(toMrkdwn(block.text), SECTION_MAX)) pending.push(section(chunk));
        break;
      case 'options': {
        if (block.options.length === 0) break;
        if (block.multi) {
          // Several may be picked: a multi-select, and a done button that sends what is selected.
          pending.push({
            type: 'actions',
            block_id: `wuyin_multi_${b}`,
            elements: [
              {
                type: 'multi_static_select' as const,
                action_id: `${MULTI_ACTION_PREFIX}${b}`,
                placeholder: { type: 'plain_text' as const, text: plainText(block.multi.done.label === 'all' ? 'Pick' : '选择', 150) },
                options: block.options.slice(0, 100).map((o) => ({ text: { type: 'plain_text' as const, text: plainText(o.label, 75) }, value: (o.send ?? o.value).slice(0, 150) })),
              },
              { type: 'button' as const, action_id: `${DONE_ACTION_PREFIX}${b}`, style: 'primary' as const, text: { type: 'plain_text' as const, text: plainText(block.multi.done.label, 75) }, value: block.multi.done.send.slice(0, 2000) },
            ],
          });
          break;
        }
        // Buttons say it all unless an option has a description: then the list is shown too.
        if (!block.inline && block.options.some((o) => o.description)) {
          const listed = block.options.map((o) => `*${toMrkdwn(o.value)}.* ${toMrkdwn(o.label)}${o.description ? ` — ${toMrkdwn(o.description)}` : ''}`);
          for (const chunk of splitMrkdwn(listed.join('\n'), SECTION_MAX)) pending.push(section(chunk));
        }
        for (let i = 0; i < block.options.length; i += BUTTONS_PER_ROW) {
          pending.push({
            type: 'actions',
            block_id: `wuyin_options_${b}_${i}`,
            elements: block.options.slice(i, i + BUTTONS_PER_ROW).map((o, j) => ({
              type: 'button' as const,
              action_id: `${OPTION_ACTION_PREFIX}${b}:${i + j}`,
              text: { type: 'plain_text' as const, text: plainText(block.inline ? o.label : `${o.value}. ${o.label}`, 75), emoji: true },
              value: (o.send ?? o.value).slice(0, 2000),
            })),
          });
        }
        break;
      }
      case 'citations': {
        const elements = block.items.map(citation);
        for (let i = 0; i < elements.length; i += 10) {
          pending.push({ type: 'context', elements: elements.slice(i, i + 10).map((text) => ({ type: 'mrkdwn' as const, text, verbatim: true })) });
        }
        break;
      }
      case 'chart':
        flush();
        segments.push({ kind: 'chart', chart: block.chart, fallback: block.fallback, text: notification });
        break;
      case 'divider':
        pending.push({ type: 'divider' });
        break;
      case 'document':
        flush();
        segments.push({ kind: 'document', doc: block, text: notification });
        break;
    }
  });
  flush();
  if (segments.length === 0) segments.push({ kind: 'message', blocks: [section(notification)], text: notification });
  return segments;
}

/** The text-only stand-in for a chart (ephemeral replies, failed uploads). */
export function chartFallbackBlocks(chart: ChartData, fallback: string): SlackBlock[] {
  const chunks = splitMrkdwn(escapeFence(toMrkdwn(fallback)), SECTION_MAX - 6).map((c) => section('```' + c + '```'));
  return [section(`*${toMrkdwn(chart.title)}*`), ...chunks];
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

function citation(c: Citation): string {
  const excerpt = c.excerpt ? ` — ${truncate(c.excerpt.replace(/\s+/g, ' '), 280)}` : '';
  return truncate(`📖 ${toMrkdwn(c.section)}${toMrkdwn(excerpt)}`, SECTION_MAX);
}

/**
 * Splits text into chunks of at most `max` characters, preferring line breaks, then spaces,
 * and never cutting an entity (&amp; &lt; &gt;) in half.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const amp = rest.lastIndexOf('&', cut);
    if (amp >= 0 && cut - amp < 5 && !rest.slice(amp, cut).includes(';')) cut = amp;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  const amp = s.lastIndexOf('&', cut);
  if (amp >= 0 && cut - amp < 5 && !s.slice(amp, cut).includes(';')) cut = amp;
  return s.slice(0, cut) + '…';
}

function escapeFence(s: string): string {
  return s.replace(/```/g, "'''");
}
