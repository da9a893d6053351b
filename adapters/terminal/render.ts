import type { Block, Reply } from '../../bot/types.js';

/** Renders a neutral Reply as terminal text: options numbered, citations as a source line. */
export function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'heading': return `【${b.text}】`;
    case 'text': return b.text.replace(/\*\*(.+?)\*\*/g, '$1');
    case 'options':
      // Taps read as one line; a multiple choice keeps its numbers (typing "6,8" picks both).
      if (b.inline) return `  ${b.options.map((o) => o.label).join(' · ')}`;
      if (b.multi) return `  ${b.options.map((o) => `${o.value} ${o.label}`).join(' · ')} · ${b.multi.done.label}`;
      return b.options.map((o) => `  ${o.value}. ${o.label}${o.description ? ' — ' + o.description : ''}`).join('\n');
    case 'citations': return b.items.length ? `  来源 · sources: ${b.items.slice(0, 8).map((c) => `〔${c.section}〕`).join(' ')}${b.items.length > 8 ? ` …+${b.items.length - 8}` : ''}` : '';
    case 'chart': return b.fallback;
    case 'divider': return '────────';
    case 'document': return '';
  }
}

export function renderReply(r: Reply): string {
  return r.blocks.map(renderBlock).filter(Boolean).join('\n');
}
