import type { EvalRun } from '../summary.js';
import { isBreakdown, pairedLines, suiteTable, type Table } from './rows.js';

/** The terminal summary: a padded table per suite, then warnings, regressions and the verdict. */
function pad(t: Table): string {
  const all = [t.headers, ...t.rows];
  const widths = t.headers.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [t.title, line(t.headers), ...t.rows.map(line)].join('\n');
}

export function renderText(run: EvalRun): string {
  const out = run.suites.map((s) => pad(suiteTable(run, s, true)));
  const hidden = run.suites.reduce((n, s) => n + Object.keys(s.columns.product ?? {}).filter(isBreakdown).length, 0);
  if (hidden) out.push(`${hidden} breakdown figures (by language, tag, level, pillar) are gated too; they are listed here only when they fail, and all in evals/reports/latest.md`);
  if (run.tag) out.push(`tag filter '${run.tag}': figures cover that subset only, so the gate was not applied`);
  if (run.ablated.length) out.push(`ablation: ${run.ablated.join(', ')} switched off everywhere they act (compared with the product's accepted figures)`);
  const paired = pairedLines(run);
  if (paired.length) out.push(['paired test against the accepted version:', ...paired.map((l) => `  ${l}`)].join('\n'));
  if (run.warnings.length) out.push(run.warnings.map((w) => `warning: ${w}`).join('\n'));
  if (run.regressions.length) out.push(run.regressions.map((r) => `REGRESSION ${r.message}`).join('\n'));
  const verdict = !run.gated ? 'gate not applied' : run.regressions.length ? `FAILED: ${run.regressions.map((r) => r.metric).join(', ')}` : 'gate passed';
  out.push(`eval ${verdict} (${(run.ms / 1000).toFixed(1)} s)`);
  return out.join('\n\n') + '\n';
}
