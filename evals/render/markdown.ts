import type { EvalRun } from '../summary.js';
import type { TranscriptOutcome } from '../suites/conversation.js';
import type { SuiteResult } from '../types.js';
import { pairedLines, suiteTable, type Table } from './rows.js';

/** The Markdown report: the summary tables, then what a reader needs to act on a failure. */
const MAX_MISSES = 30;

function table(t: Pick<Table, 'headers' | 'rows'>): string {
  const row = (r: string[]) => `| ${r.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
  return [row(t.headers), row(t.headers.map(() => '---')), ...t.rows.map(row)].join('\n');
}

function retrievalDetails(s: SuiteResult): string[] {
  const misses = (s.details.misses ?? []) as Array<{ id: string; query: string; gold: string[]; top: string[] }>;
  if (!misses.length) return [];
  return [`Product misses (no gold in the top 5): ${misses.length}${misses.length > MAX_MISSES ? `, first ${MAX_MISSES}` : ''}`, '',
    table({ headers: ['id', 'query', 'gold', 'top 5'], rows: misses.slice(0, MAX_MISSES).map((m) => [m.id, m.query, m.gold.join(' '), m.top.join(' ')]) })];
}

function scoringDetails(s: SuiteResult): string[] {
  const out: string[] = [];
  for (const [pass, d] of Object.entries(s.details as Record<string, { confusion: number[][] }>)) {
    out.push(`**${pass}** — confusion matrix (rows gold, columns predicted):`, '',
      table({ headers: ['gold \\ got', '1', '2', '3', '4', '5', 'none'], rows: d.confusion.map((r, i) => [String(i + 1), ...r.map(String)]) }), '');
  }
  return out;
}

function conversationDetails(s: SuiteResult): string[] {
  const out: string[] = [];
  for (const [pass, d] of Object.entries(s.details as Record<string, { failures: TranscriptOutcome[] }>)) {
    if (!d.failures.length) { out.push(`**${pass}**: every transcript met its expectations.`, ''); continue; }
    out.push(`**${pass}**: ${d.failures.length} transcript(s) missed expectations.`, '');
    for (const f of d.failures) {
      out.push(`- \`${f.id}\`: ${f.problems.join('; ')}`, '  <details><summary>trace</summary>', '', ...f.trace.map((t) => `  1. ${t.replace(/\n/g, ' ')}`), '', '  </details>');
    }
    out.push('');
  }
  return out;
}

export function renderMarkdown(run: EvalRun): string {
  const verdict = !run.gated ? 'gate not applied (tag filter)' : run.regressions.length ? `**FAILED**: ${run.regressions.map((r) => r.message).join('; ')}` : 'gate passed';
  const out = [`# Wuyin eval — ${run.startedAt}`, '', `${verdict}. ${(run.ms / 1000).toFixed(1)} s.${run.tag ? ` Tag filter: \`${run.tag}\`.` : ''}`, ''];
  if (run.ablated.length) out.push(`Ablation: ${run.ablated.join(', ')} switched off everywhere they act.`, '');
  if (run.warnings.length) out.push('Warnings:', '', ...run.warnings.map((w) => `- ${w}`), '');
  const paired = pairedLines(run);
  if (paired.length) out.push('Paired test against the accepted version (exact McNemar, lines in both):', '', ...paired.map((l) => `- ${l}`), '');
  for (const s of run.suites) {
    const t = suiteTable(run, s);
    out.push(`## ${t.title}`, '', table(t), '');
    const extra = s.suite === 'retrieval' ? retrievalDetails(s) : s.suite === 'scoring' ? scoringDetails(s) : s.suite === 'conversation' ? conversationDetails(s) : [];
    out.push(...extra, '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
