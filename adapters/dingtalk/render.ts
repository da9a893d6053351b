/**
 * Neutral Reply → DingTalk markdown messages. Pure. Options become tap links: a
 * `dtmd://dingtalkclient/sendMessage?content=…` link in a robot's markdown message sends its
 * content as the user's own message when tapped, so a tap is exactly what typing would be
 * (typed digits keep working). The form is DingTalk's: the chatbot SDK's markdown sample builds
 * `"dtmd://dingtalkclient/sendMessage?content=" + URLEncoder.encode("链接消息", "UTF-8")`, and peer
 * bots (dingraia's DTMDSendMessage, tyclaw's recommend links) note that dtmd works only in
 * markdown messages (not in AI-card markdown), so Wuyin sends markdown, never cards. A chart
 * becomes its unicode `fallback` bars, citations one short line each. Long replies are split
 * between blocks or lines, never inside an item.
 */
import type { Block, Citation, Reply } from '../../bot/types.js';
import { plainTitle, toDingMarkdown } from './escape.js';

export interface DingMarkdown {
  title: string;
  text: string;
}

/** Peers split near 3 500 characters; DingTalk's body limit is 20 000 bytes (3 500 × 3 bytes is far below). */
export const MAX_MARKDOWN = 3500;
export const MAX_BODY_BYTES = 20_000;

/**
 * The tap link's target. encodeURIComponent is UTF-8 percent-encoding; it leaves ( ) ! ' * as they
 * are, and a ")" would end the markdown link early, so those are encoded too.
 */
export function dtmdLink(content: string): string {
  const enc = encodeURIComponent(content).replace(/[()!'*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `dtmd://dingtalkclient/sendMessage?content=${enc}`;
}

/** A tap link; the label is escaped like all bot text, so it cannot open a link of its own. */
function tap(label: string, content: string): string {
  return `[${toDingMarkdown(label.replace(/\n/g, ' '))}](${dtmdLink(content)})`;
}

function options(block: Extract<Block, { kind: 'options' }>): string {
  const send = (o: { value: string; send?: string }) => o.send ?? o.value;
  if (block.multi) {
    const picks = block.options.map((o) => tap(o.label, `+${send(o)}`));
    // One space apart: eleven element names fit two phone rows.
    return [...picks, `**${tap(block.multi.done.label, block.multi.done.send)}**`].join(' ');
  }
  if (block.inline) return block.options.map((o) => tap(o.label, send(o))).join(' · ');
  return block.options
    .map((o) => `${tap(`${o.value}. ${o.label}`, send(o))}${o.description ? ` — ${toDingMarkdown(o.description)}` : ''}`)
    .join('  \n');
}

/** DingTalk opens this link in its in-app browser (full screen on phones, the side panel on PC). */
export function inAppLink(url: string): string {
  return `dingtalk://dingtalkclient/page/link?url=${encodeURIComponent(url)}&pc_slide=true`;
}

/** `reportUrl`: where the reply's document (the full report) can be opened, when links are served. */
export function renderMarkdown(reply: Reply, opts: { reportUrl?: string } = {}): DingMarkdown[] {
  const heading = reply.blocks.find((b) => b.kind === 'heading');
  const title = plainTitle(heading && heading.kind === 'heading' ? heading.text : reply.text || 'Wuyin') || 'Wuyin';
  const parts: string[] = [];
  for (const block of reply.blocks) {
    switch (block.kind) {
      case 'heading':
        parts.push(`### ${toDingMarkdown(block.text.replace(/\n/g, ' '))}`);
        break;
      case 'text':
        if (block.text.trim()) parts.push(toDingMarkdown(block.text));
        break;
      case 'options':
        if (block.options.length) parts.push(options(block));
        break;
      case 'citations':
        // One line each ("  \n" breaks a quoted paragraph), not a paragraph per source.
        if (block.items.length) parts.push(block.items.map(citation).join('  \n'));
        break;
      case 'chart':
        parts.push(`**${toDingMarkdown(block.chart.title)}**  \n${toDingMarkdown(block.fallback)}`);
        break;
      case 'divider':
        parts.push('———');
        break;
      case 'document':
        // One phone row: the link closes the report's first screen.
        if (opts.reportUrl) parts.push(`[${block.locale === 'zh' ? '📄 完整报告（网页，可打印为PDF）' : '📄 Full report (web, printable)'}](${inAppLink(opts.reportUrl)})`);
        break;
    }
  }
  if (parts.length === 0) parts.push(toDingMarkdown(reply.text || ' '));
  return pack(parts).map((text) => ({ title, text }));
}

/** One short line: the section, and at most a few words of excerpt. */
function citation(c: Citation): string {
  const one = c.excerpt?.replace(/\s+/g, ' ').trim();
  const excerpt = one ? ` — ${one.length > 40 ? `${one.slice(0, 40)}…` : one}` : '';
  return `> 📖 ${toDingMarkdown(c.section + excerpt)}`;
}

const fits = (s: string) => s.length <= MAX_MARKDOWN && Buffer.byteLength(s) <= MAX_BODY_BYTES;

/** Joins parts with blank lines into messages within both limits. */
function pack(parts: string[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const part of parts.flatMap((p) => hardSplit(p))) {
    if (cur && !fits(`${cur}\n\n${part}`)) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n\n${part}` : part;
  }
  if (cur) out.push(cur);
  return out;
}

/** A part too long for one message is split between its lines (items); only a single over-long line is cut. */
function hardSplit(text: string): string[] {
  if (fits(text)) return [text];
  const out: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    const next = cur ? `${cur}\n${line}` : line;
    if (fits(next)) { cur = next; continue; }
    if (cur) out.push(cur.trimEnd());
    cur = line;
    while (!fits(cur)) {
      out.push(cur.slice(0, MAX_MARKDOWN));
      cur = cur.slice(MAX_MARKDOWN);
    }
  }
  if (cur) out.push(cur.trimEnd());
  return out;
}
