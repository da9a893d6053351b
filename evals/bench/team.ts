import { loadRubric } from '../../knowledge/load.js';
import type { IndicatorId, Level } from '../../knowledge/types.js';
import { aggregate, compare } from '../../bot/team/aggregate.js';
import { seededRandom } from '../../retrieval/linalg.js';
import { reportMarkdown } from '../../bot/report-render.js';
import { teamDocument } from '../../bot/team/document.js';
import { buildTeamReport, renderTeamReplies } from '../../bot/team/report.js';
import { planQueue } from '../../bot/session.js';
import type { Campaign, RespondentLevels } from '../../bot/team/types.js';
import { summarise, type Summary } from './stats.js';

/**
 * A campaign of 1 000 respondents × 25 indicators in 4 roles (synthetic levels from a seeded
 * generator, each role around its own mean): the aggregate with 1 000 bootstrap resamples, and the
 * team report (aggregate of two waves, comparison, JSON, Markdown and chat blocks) built from the
 * respondents' levels.
 */
export interface TeamBench {
  respondents: number; indicators: number; resamples: number; aggregate: Summary; report: Summary;
  /** CPU time of this process for the same runs: on a loaded machine wall time mostly measures the queue. */
  aggregate_cpu: Summary; report_cpu: Summary;
}

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

const ROLES = ['IT', '门店运营', '供应链', '财务'];

function team(n: number, seed: number, shift = 0): RespondentLevels[] {
  const rand = seededRandom(seed);
  const ids = planQueue('standard');
  return Array.from({ length: n }, (_, i) => {
    const role = ROLES[i % ROLES.length]!;
    const base = 1.5 + (i % ROLES.length) * 0.7 + shift;
    const levels: Partial<Record<IndicatorId, Level>> = {};
    const quotes: Partial<Record<IndicatorId, string>> = {};
    for (const id of ids) {
      if (rand() < 0.05) continue; // some skip a question
      levels[id] = Math.min(5, Math.max(1, Math.round(base + (rand() - 0.5) * 3))) as Level;
      quotes[id] = `受访者${i}关于${id}的描述`;
    }
    return { key: `u${String(i).padStart(4, '0')}`, role, levels, quotes };
  });
}

export function benchTeam(rounds = 7): TeamBench {
  const rubric = loadRubric();
  const ids = planQueue('standard');
  const w1 = team(1000, 1);
  const w2 = team(1000, 2, 0.3);
  const opts = { indicators: ids, minGroup: 3, resamples: 1000 };
  const campaign: Campaign = { id: 'c_bench', orgId: 'o', wave: 2, previousId: 'c_prev', plan: { mode: 'standard', elements: ['retail', 'logistics'] }, roles: ROLES, minGroup: 3, owners: ['o'], status: 'open', createdAt: '' };
  const org = { id: 'o', name: '基准测试', createdAt: '' };
  const aggMs: number[] = [];
  const reportMs: number[] = [];
  const aggCpu: number[] = [];
  const reportCpu: number[] = [];
  aggregate(w1, opts); // warm-up: JIT, not the figure
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    let c = cpuMs();
    aggregate(w1, opts);
    aggMs.push(performance.now() - t);
    aggCpu.push(cpuMs() - c);
    t = performance.now();
    c = cpuMs();
    const prev = aggregate(w1, opts);
    const cur = aggregate(w2, opts);
    const rep = buildTeamReport(rubric, { campaign, org }, cur, { campaign: { ...campaign, id: 'c_prev' }, comparison: compare(prev, cur) });
    JSON.stringify(rep.json);
    reportMarkdown(teamDocument(rubric, rep), 'zh');
    renderTeamReplies(rubric, rep);
    reportMs.push(performance.now() - t);
    reportCpu.push(cpuMs() - c);
  }
  return {
    respondents: 1000, indicators: ids.length, resamples: 1000, aggregate: summarise(aggMs), report: summarise(reportMs),
    aggregate_cpu: summarise(aggCpu), report_cpu: summarise(reportCpu),
  };
}
