import type { ConfidenceBand } from './interview/confidence.js';
import type { Phase, Report } from './report.js';
import type { Locale } from './types.js';

/** The report's fixed wording in both languages, shared by every rendering. */
const ZH = {
  title: '数智化成熟度评估报告', partial: '阶段性评估报告', client: '客户', unnamedClient: '（未填写）', date: '日期',
  respondents: '受访人', wave: '轮次', overall: '总体成熟度', nothingYet: '还没有已评估的指标：回答几道题后再来看报告吧。',
  strengthsGaps: '优势与短板', strengths: '优势', gaps: '短板', none: '无', indicators: '各部曲与指标', indicator: '指标',
  levelHead: '级别', evidence: '依据（受访人原话）', notAssessed: '未评估', selfRated: '自评', confidence: '置信度',
  descriptor: '对应描述', skipped: '跳过（不计分）', unanswered: '尚未回答', roadmap: '路线图',
  roadmapNote: '先夯实基础（基础设施、触点、业务在线），再向数据与智能推进；每一步是该指标下一级的白皮书描述。',
  solutions: '推荐方案', solutionsNote: '按差距排序：最弱的部曲 × 关注的业务要素在前；全要素的上云方案只在基础设施云化薄弱时列出。',
  solution: '方案', cell: '白皮书矩阵位置', because: '依据指标', otherElement: '其他要素的方案', allElements: '全要素',
  bottlenecks: '瓶颈与能力方向', directions: '能力提升方向', cases: '相关案例', casesNote: '白皮书只给出案例标题。',
  source: '来源：阿里云 × 毕马威《共奏数智华美乐章：消费品生态全链路数智化转型白皮书》（2020）。',
  method: '方法：每个指标按受访人的回答对照五级描述评定；部曲得分为已答指标的平均，总体为部曲平均，跳过的不计分。',
  madeWith: '生成信息', whitepaper: '白皮书',
  chatTitle: '成熟度评估报告', chatPartial: '阶段性评估报告', gapsAndSteps: '差距与下一步', otherGaps: '另有差距 ',
  levelSource: '白皮书 › 各指标的五级描述',
  teamTitle: '团队数智化成熟度评估报告', teamPartial: '团队阶段性评估报告', respondentsByRole: '受访者（按角色）',
  role: '角色', count: '人数', spread: '各指标的分布', spreadNote: '每行是回答该指标的受访者在1–5级上的分布；中位数计入部曲得分。',
  median: '中位数', sdHead: '标准差', rangeHead: '范围', byRoleHead: '按角色中位数', disagreement: '分歧',
  hotspots: '分歧热点', hotspotsNote: '成熟度低（中位数≤3）且受访者看法相差≥2级的指标；引语按角色，不具名。', noHotspots: '没有明显的分歧热点。',
  changes: '与上一轮相比', changesNote: '两轮都评估过的部曲与指标；变化大于两轮中较大的标准差（部曲：两轮区间不重叠）即"超出离散度"。',
  previous: '上一轮', current: '本轮', change: '变化', exceeds: '超出离散度', yes: '是', no: '否', interval: '90% 区间',
  teamMethod: '方法：每位受访者的每个回答按五级描述评定；指标取受访者的中位数，部曲得分为其指标中位数的平均（90% 区间为对受访者的自助抽样），总体为部曲平均。不足最小组规模的角色合并为"其他"，人数仍不足时不单独列出。路线图与方案按团队中位数（向下取整）。',
};
const EN: typeof ZH = {
  title: 'Digital-intelligence maturity report', partial: 'Partial assessment report', client: 'Client', unnamedClient: '(not given)', date: 'Date',
  respondents: 'Answered by', wave: 'Wave', overall: 'Overall maturity', nothingYet: 'Nothing has been assessed yet: answer a few questions first.',
  strengthsGaps: 'Strengths and gaps', strengths: 'Strengths', gaps: 'Gaps', none: 'None', indicators: 'Pillars and indicators', indicator: 'Indicator',
  levelHead: 'Level', evidence: 'Evidence (the respondent’s words)', notAssessed: 'not assessed', selfRated: 'self-rated', confidence: 'confidence',
  descriptor: 'Matched descriptor', skipped: 'Skipped (not scored)', unanswered: 'Not yet answered', roadmap: 'Roadmap',
  roadmapNote: 'Foundations first (infrastructure, touchpoints, online business), then data and intelligence; each step is the whitepaper’s descriptor of the indicator’s next level.',
  solutions: 'Recommended solutions', solutionsNote: 'Ranked by the gap: the weakest pillars × the focus elements first; the cross-element cloud row only where cloud infrastructure is weak.',
  solution: 'Solution', cell: 'Whitepaper matrix cell', because: 'Because of', otherElement: 'another element’s solution', allElements: 'all elements',
  bottlenecks: 'bottlenecks and capability directions', directions: 'Capability directions', cases: 'Case studies', casesNote: 'The whitepaper gives the case titles only.',
  source: 'Source: Alibaba Cloud × KPMG, whitepaper on full-chain digital-intelligence transformation of the consumer-goods ecosystem (2020).',
  method: 'Method: each indicator is rated from the respondent’s answer against its five level descriptors; a pillar is the mean of its answered indicators, the overall the mean of the pillars; skipped indicators are not scored.',
  madeWith: 'Made with', whitepaper: 'Whitepaper',
  chatTitle: 'Maturity report', chatPartial: 'Partial report', gapsAndSteps: 'Gaps and next steps', otherGaps: 'Also low: ',
  levelSource: 'Whitepaper › level descriptors',
  teamTitle: 'Team digital-intelligence maturity report', teamPartial: 'Partial team assessment report', respondentsByRole: 'Respondents by role',
  role: 'Role', count: 'People', spread: 'Spread per indicator', spreadNote: 'Each row is how the respondents who answered the indicator spread over levels 1–5; the median feeds the pillar score.',
  median: 'Median', sdHead: 'SD', rangeHead: 'Range', byRoleHead: 'Median by role', disagreement: 'Disagreement',
  hotspots: 'Hot spots', hotspotsNote: 'Indicators with a low median (≤ 3) on which respondents differ by 2 levels or more; quotes by role, never by name.', noHotspots: 'No marked hot spots.',
  changes: 'Change since the previous wave', changesNote: 'Pillars and indicators measured in both waves; a change exceeds the spread when it is larger than the larger of the two standard deviations (pillars: the two intervals do not overlap).',
  previous: 'Previous', current: 'This wave', change: 'Change', exceeds: 'Exceeds spread', yes: 'yes', no: 'no', interval: '90% interval',
  teamMethod: 'Method: every answer of every respondent is rated against the five level descriptors; an indicator is the respondents\' median, a pillar the mean of its indicators\' medians (its 90% interval a bootstrap over respondents), the overall the mean of the pillars. Roles below the minimum group size are pooled as "other" and not shown while the pool is still too small. The roadmap and solutions follow the team medians, rounded down.',
};

export function T(loc: Locale) {
  const base = loc === 'zh' ? ZH : EN;
  return {
    ...base,
    level: (n: number) => (loc === 'zh' ? `${n}级` : `L${n}`),
    band: (b: ConfidenceBand) => (loc === 'zh' ? { high: '高', medium: '中', low: '低' }[b] : b),
    phase: (p: Phase) => (loc === 'zh' ? { now: '现在', next: '接下来', later: '之后' }[p] : { now: 'Now', next: 'Next', later: 'Later' }[p]),
    assessedOf: (answered: number, total: number, skipped: number) => (loc === 'zh'
      ? `已评估 ${answered}/${total} 项${skipped ? `，跳过 ${skipped} 项` : ''}`
      : `${answered} of ${total} indicators assessed${skipped ? `, ${skipped} skipped` : ''}`),
  };
}

/** The report's title; `chat`: the short one a phone heading has room for beside the date. */
export function titleOf(r: Report, loc: Locale, chat = false): string {
  const t = T(loc);
  if (r.team) return r.complete ? t.teamTitle : t.teamPartial;
  if (chat) return r.complete ? t.chatTitle : t.chatPartial;
  return r.complete ? t.title : t.partial;
}

/** "王店长 (门店运营), …": names and roles as the people typed them. */
export function respondentLine(r: Report, loc: Locale): string {
  if (r.team) return teamRespondentLine(r.team, loc);
  return r.meta.respondents.map((p) => [p.name, p.role && (p.name ? `(${p.role})` : p.role)].filter(Boolean).join(' ')).join(loc === 'zh' ? '、' : ', ');
}

/** "12 位：IT 5、门店 5，另 2 位（角色人数不足 3）": a campaign's respondents, never a small role alone. */
export function teamRespondentLine(team: NonNullable<Report['team']>, loc: Locale): string {
  const zh = loc === 'zh';
  const { total, byRole, folded } = team.respondents;
  const roles = byRole.map((g) => `${g.role} ${g.n}`).join(zh ? '、' : ', ');
  const rest = folded ? (zh ? `，另 ${folded} 位（所在角色不足 ${team.minGroup} 人，不单独列出）` : `; ${folded} more in roles below ${team.minGroup}, not shown apart`) : '';
  return zh ? `${total} 位${roles ? `：${roles}` : ''}${rest}` : `${total} respondents${roles ? `: ${roles}` : ''}${rest}`;
}
