/**
 * Neutral Reply → DingTalk markdown messages. Pure. Options become numbered lines (the user
 * answers with the number), a chart becomes its unicode `fallback` bars, citations become
 * quoted lines. Long replies are split into several messages.
 */
import type { Citation, Reply } from '../../bot/types.js';
import { plainTitle, toDingMarkdown } from './escape.js';

export interface DingMarkdown {
  title: string;
  text: string;
}

/** DingTalk's markdown limit is about 5 000 characters; stay well below. */
export const MAX_MARKDOWN = 4000;

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
        // Bold numbers rather than "1." list syntax: markdown would renumber "3, 4, 5" as "1, 2, 3".
        parts.push(block.options.map((o) => `**${toDingMarkdown(o.value)}.** ${toDingMarkdown(o.label)}${o.description ? ` — ${toDingMarkdown(o.description)}` : ''}`).join('  \n'));
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
        if (opts.reportUrl) parts.push(`[${block.locale === 'zh' ? '📄 打开完整报告（网页，可打印为PDF）' : '📄 Open the full report (web page, printable as PDF)'}](${inAppLink(opts.reportUrl)})`);
        break;
    }
  }
  if (parts.length === 0) parts.push(toDingMarkdown(reply.text || ' '));
  return pack(parts).map((text) => ({ title, text }));
}

function citation(c: Citation): string {
  const excerpt = c.excerpt ? ` — ${c.excerpt.replace(/\s+/g, ' ').slice(0, 280)}${c.excerpt.length > 280 ? '…' : ''}` : '';
  return `> 📖 ${toDingMarkdown(c.section + excerpt)}`;
}

/** Joins parts with blank lines into messages of at most MAX_MARKDOWN characters. */
function pack(parts: string[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const part of parts.flatMap((p) => hardSplit(p, MAX_MARKDOWN))) {
    if (cur && cur.length + 2 + part.length > MAX_MARKDOWN) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur}\n\n${part}` : part;
  }
  if (cur) out.push(cur);
  return out;
}

function hardSplit(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}
