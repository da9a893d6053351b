import type { Rubric } from '../knowledge/types.js';
import type { SearchHit } from '../retrieval/types.js';

/**
 * A reader-facing label for a cited passage, from its stable id: where in the whitepaper a
 * consultant would find it (解决方案矩阵 › 业务在线化 × 零售), not the chunker's section name.
 */
export function passageLabel(rubric: Rubric, hit: Pick<SearchHit, 'id' | 'source'>): string {
  const [kind, a, b] = hit.id.split(':');
  const pillar = (n: string | undefined) => rubric.pillars[Number(n) - 1];
  const element = (id: string | undefined) => rubric.elements.find((e) => e.id === id);
  switch (kind) {
    case 'pillar': return `五部曲 › ${pillar(a)?.note ?? ''} ${pillar(a)?.name ?? a}`;
    case 'ind': { const p = pillar(a?.split('.')[0]); const i = p?.indicators.find((x) => x.id === a); return `${p?.name} › ${a} ${i?.name ?? ''}`; }
    case 'lvl': { const p = pillar(a?.split('.')[0]); const i = p?.indicators.find((x) => x.id === a); return `${p?.name} › ${a} ${i?.name ?? ''} › ${b}级 ${i?.levels[Number(b) - 1]?.label ?? ''}`; }
    case 'elem': return `${element(a)?.title ?? a}`;
    case 'bn': { const e = element(a); return `${e?.title ?? a} › 目前遇到的瓶颈 › ${e?.bottlenecks[Number(b) - 1]?.title ?? b}`; }
    case 'dir': return `${element(a)?.title ?? a} › 数智能力提升方向`;
    case 'sol': return b === 'all' ? `解决方案矩阵 › ${pillar(a)?.name}（全要素）` : `解决方案矩阵 › ${pillar(a)?.name} × ${element(b)?.name ?? b}`;
    case 'prod': return `解决方案矩阵 › ${pillar(a)?.name} › 阿里云产品`;
    case 'case': { const c = rubric.cases.find((x) => String(x.id) === a); return `案例${a} › ${c?.title ?? ''}`; }
    case 'sec': return rubric.sections.find((s) => s.id === a)?.title ?? hit.source.section;
    case 'user': return hit.source.file ?? hit.source.section;
    default: return hit.source.section;
  }
}
