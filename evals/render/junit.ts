import type { EvalRun } from '../summary.js';

/**
 * JUnit XML for CI systems: one test suite per eval suite, one test case per metric, named by the
 * metric so CI history lines up, with the figure in system-out. A gated metric that regressed is a
 * failure; ungated metrics (and every metric of a tag-filtered run) are skipped cases.
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderJunit(run: EvalRun): string {
  const suites = run.suites.map((s) => {
    const names = Object.keys(run.metrics).filter((m) => m.startsWith(`${s.suite}.`));
    const cases = names.map((m) => {
      const value = run.metrics[m]!;
      const e = run.accepted[m];
      const r = run.regressions.find((x) => x.metric === m);
      const figure = `${m} = ${value.toFixed(4)}${e ? ` (accepted ${e.value}${e.tolerance !== null ? `, tolerance ${e.tolerance}` : ''})` : ''}`;
      const verdict = r ? `<failure message="${esc(r.message)}"/>` : !run.gated || !e || e.tolerance === null ? `<skipped message="${!run.gated ? 'tag-filtered run' : e ? 'not gated' : 'no accepted figure yet'}"/>` : '';
      return `    <testcase classname="eval.${s.suite}" name="${esc(m)}">${verdict}<system-out>${esc(figure)}</system-out></testcase>`;
    });
    const missing = run.regressions.filter((r) => r.current === null && r.metric.startsWith(`${s.suite}.`))
      .map((r) => `    <testcase classname="eval.${s.suite}" name="${esc(r.metric)}"><failure message="${esc(r.message)}"/></testcase>`);
    const failures = run.regressions.filter((r) => r.metric.startsWith(`${s.suite}.`)).length;
    const skipped = cases.filter((c) => c.includes('<skipped')).length;
    return `  <testsuite name="eval.${s.suite}" tests="${cases.length + missing.length}" failures="${failures}" skipped="${skipped}" timestamp="${run.startedAt}">\n${[...cases, ...missing].join('\n')}\n  </testsuite>`;
  });
  const failures = run.regressions.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="wuyin-eval" failures="${failures}" time="${(run.ms / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
