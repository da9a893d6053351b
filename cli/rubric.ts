import { loadRubric } from '../knowledge/load.js';
import type { Rubric } from '../knowledge/types.js';

/** `wuyin rubric [--json]`: the maturity rubric, readable or as the documented JSON shape. */
export function rubricJson(r: Rubric) {
  return {
    pillars: r.pillars.map((p) => ({
      id: p.id, name: p.name, nameEn: p.nameEn, note: p.note, definition: p.definition,
      indicators: p.indicators.map((i) => ({
        id: i.id, name: i.name, nameEn: i.nameEn, description: i.description,
        levels: i.levels.map((l) => ({ level: l.level, label: l.label, text: l.text })),
      })),
    })),
    elements: r.elements.map((e) => ({
      id: e.id, name: e.name, nameEn: e.nameEn, summary: e.summary,
      bottlenecks: e.bottlenecks.map((b) => ({ title: b.title, text: b.text })),
      directions: e.directions.map((d) => ({ capability: d.capability, pillars: d.pillars })),
    })),
    solutions: r.solutions.map((s) => ({ pillar: s.pillar, element: s.element, name: s.name })),
    products: r.products,
    crossElement: r.crossElement,
    cases: r.cases.map((c) => ({ id: c.id, title: c.title })),
  };
}

export function rubricOverview(r: Rubric): string {
  const out: string[] = ['五部曲 · the five pillars and their 25 indicators (levels 1 能力缺失 … 5 体系成熟)', ''];
  for (const p of r.pillars) {
    out.push(`${p.note} ${p.id} ${p.name} — ${p.nameEn}`);
    for (const i of p.indicators) out.push(`    ${i.id} ${i.name} — ${i.nameEn}`);
  }
  out.push('', '十一商业要素 · business elements and their bottlenecks');
  for (const e of r.elements) out.push(`  ${e.name} ${e.nameEn}: ${e.bottlenecks.map((b) => b.title).join('、')}`);
  out.push('', `解决方案矩阵 · ${r.solutions.length} solutions across pillars × elements, plus 基础设施云化: ${r.crossElement.names.join('、')}`);
  out.push('', '案例 · case studies');
  for (const c of r.cases) out.push(`  ${c.id}. ${c.title}`);
  return out.join('\n') + '\n';
}

export async function run(args: string[]): Promise<number> {
  const r = loadRubric();
  if (args.includes('--json')) process.stdout.write(JSON.stringify(rubricJson(r), null, 2) + '\n');
  else process.stdout.write(rubricOverview(r));
  return 0;
}
