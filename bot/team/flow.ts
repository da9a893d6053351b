import { indicatorOf, isIndicatorId } from '../../knowledge/load.js';
import type { Rubric } from '../../knowledge/types.js';
import { presetSession, type TurnResult } from '../conversation.js';
import { classify } from '../intent.js';
import * as M from '../messages.js';
import type { SessionState, TeamLink } from '../session.js';
import type { Locale, Reply } from '../types.js';
import { joinRequest, normaliseCode } from './codes.js';
import { latestAnswers, type CampaignStore, type CodeLookup } from './store.js';
import type { Campaign, TeamAnswer } from './types.js';

/**
 * The respondent's side of a team campaign. The orchestrator looks the code and the campaign up
 * before the turn (teamContext), the turn itself is pure (teamStep over state, text and that context),
 * and after the committed turn the campaign records are brought in line with the committed state
 * (syncTeam) — idempotently, so a redelivery or a crash between the two only repeats the sync.
 */

/** Wrong codes per user per hour before further attempts are refused unread. */
export const JOIN_FAILURE_LIMIT = 20;
const HOUR_MS = 3_600_000;

export type JoinOutcome = CodeLookup | { kind: 'limited' | 'malformed' };

export interface TeamContext {
  now: string;
  /** Set when the message is a join request. */
  join?: JoinOutcome;
  /** The campaign the current state belongs to, as stored now. */
  campaign?: Campaign;
}

export async function teamContext(campaigns: CampaignStore, userId: string, text: string, prev: SessionState | undefined, now: Date): Promise<TeamContext> {
  const ctx: TeamContext = { now: now.toISOString() };
  const req = joinRequest(text);
  if (req) {
    const since = new Date(now.getTime() - HOUR_MS).toISOString();
    const code = normaliseCode(req.typed);
    if ((await campaigns.joinFailuresSince(userId, since)) >= JOIN_FAILURE_LIMIT) ctx.join = { kind: 'limited' };
    else ctx.join = code ? await campaigns.lookupCode(code, ctx.now) : { kind: 'malformed' };
  }
  if (prev?.team) ctx.campaign = (await campaigns.campaign(prev.team.campaignId))?.campaign;
  return ctx;
}

/** The team part of a turn, or undefined when the message is the ordinary interview's business. */
export function teamStep(rubric: Rubric, prev: SessionState | undefined, text: string, ctx: TeamContext, loc: Locale): TurnResult | undefined {
  // A refused message changes nothing; as someone's first message it still starts a conversation.
  const keep = (replies: Reply[]): TurnResult => (prev ? { state: prev, replies, answers: [] } : { state: presetLess(loc), replies: [...replies, M.greeting(loc, rubric)], answers: [] });
  const l = prev?.locale ?? loc;
  if (ctx.join) {
    const j = ctx.join;
    if (j.kind !== 'ok') return keep([M.errorReply(l, JOIN_ERRORS[j.kind])]);
    if (prev?.team?.campaignId === j.campaign.id && prev.team.role) {
      return keep([M.info(l, { zh: `你已经加入了「${j.org.name}」的评估，继续答题即可。`, en: `You have already joined the ${j.org.name} assessment; carry on.` }), resume(prev, rubric)]);
    }
    const team: TeamLink = { campaignId: j.campaign.id, org: j.org.name, wave: j.campaign.wave, roles: j.campaign.roles, joinedAt: ctx.now };
    const state: SessionState = { ...presetLess(l), team };
    return { state, replies: [welcome(l, team), askRole(l, team)], answers: [] };
  }
  if (!prev?.team) return undefined;
  const team = prev.team;
  if (!team.role) {
    const role = pickRole(text, team.roles);
    if (!role) return keep([M.info(l, { zh: '请回复角色的序号：', en: 'Please reply with the number of your role:' }), askRole(l, team)]);
    if (ctx.campaign?.status !== 'open') return keep([M.errorReply(l, JOIN_ERRORS.closed)]);
    const plan = ctx.campaign.plan;
    const state: SessionState = { ...presetSession({ mode: plan.mode, pillar: plan.pillar, elements: plan.elements, locale: l }), team: { ...team, role } };
    return { state, replies: [M.info(l, { zh: `好的，你的角色：${role}。共${state.queue.length}题，开始吧：`, en: `Role: ${role}. ${state.queue.length} questions; here is the first:` }), M.question(state, rubric)], answers: [] };
  }
  const intent = classify(text);
  if (intent.kind === 'command' && intent.command === 'restart' && ctx.campaign?.status === 'open') {
    const plan = ctx.campaign.plan;
    const state: SessionState = { ...presetSession({ mode: plan.mode, pillar: plan.pillar, elements: plan.elements, locale: l }), team };
    return { state, replies: [M.info(l, { zh: '已重新开始（角色不变）。', en: 'Started over (same role).' }), M.question(state, rubric)], answers: [] };
  }
  const readOnly = intent.kind === 'question' || (intent.kind === 'command' && ['report', 'progress', 'help', 'lang-en', 'lang-zh'].includes(intent.command));
  if (ctx.campaign?.status !== 'open' && !readOnly) {
    return keep([M.info(l, { zh: `「${team.org}」的这一轮评估已结束，答案不再修改。回复「报告」查看你自己的结果。`, en: `This round of the ${team.org} assessment is closed; answers no longer change. Reply "report" for your own results.` })]);
  }
  // Revising after the summary: 修改 1.1 / revise 1.1 goes back to that question.
  const rev = /^\s*(?:修改|改|revise|change)\s*([1-5]\.[1-5])\s*$/iu.exec(text);
  if (rev && isIndicatorId(rev[1]!)) {
    const id = rev[1];
    const index = prev.queue.indexOf(id);
    if (index < 0) return keep([M.info(l, { zh: `${id}不在本次评估的题目里。`, en: `${id} is not part of this assessment.` })]);
    const state: SessionState = { ...structuredClone(prev), phase: 'interview', index, pending: undefined };
    return { state, replies: [M.info(l, { zh: `重新回答 ${id} ${indicatorOf(rubric, id).name}：`, en: `Answer ${id} again:` }), M.question(state, rubric)], answers: [] };
  }
  return undefined;
}

/** After the turn committed: the respondent row, one new record per changed answer, one per withdrawn one. */
export async function syncTeam(campaigns: CampaignStore, userId: string, state: SessionState | undefined, ctx: TeamContext, meta: { scorerVersion: string; rubricHash: string }): Promise<number> {
  const team = state?.team;
  if (!state || !team?.role) return 0;
  const campaign = ctx.campaign?.id === team.campaignId ? ctx.campaign : (await campaigns.campaign(team.campaignId))?.campaign;
  if (campaign?.status !== 'open') return 0;
  await campaigns.upsertRespondent({ campaignId: team.campaignId, userId, role: team.role, joinedAt: team.joinedAt });
  const latest = latestAnswers(await campaigns.answers(team.campaignId, userId)).get(userId);
  let appended = 0;
  for (const [id, a] of Object.entries(state.answers)) {
    const last = latest?.get(id as TeamAnswer['indicator']);
    if (last && last.level === a.level && last.via === a.via && last.evidence.answer === a.evidence.answer) continue;
    await campaigns.appendAnswer({
      campaignId: team.campaignId, userId, indicator: id as TeamAnswer['indicator'], level: a.level, via: a.via,
      ...(a.proposed ? { proposedLevel: a.proposed } : {}), confidence: a.confidence, evidence: a.evidence,
      scorerVersion: meta.scorerVersion, rubricHash: meta.rubricHash, recordedAt: ctx.now,
    });
    appended++;
  }
  // What the state no longer holds (skipped after answering, started over) is withdrawn, so the
  // campaign's newest records always equal the interview's answers.
  for (const [id, last] of latest ?? []) {
    if (state.answers[id]) continue;
    await campaigns.appendAnswer({ ...last, id: undefined, withdrawn: true, recordedAt: ctx.now });
    appended++;
  }
  return appended;
}

/** True when the join attempt failed on the code itself (counted towards the limit). */
export function wrongCode(ctx: TeamContext): boolean {
  return !!ctx.join && ['unknown', 'expired', 'revoked', 'malformed'].includes(ctx.join.kind);
}

const JOIN_ERRORS: Record<Exclude<JoinOutcome['kind'], 'ok'>, M.T> = {
  unknown: { zh: '这个邀请码不对，请核对后再发一次（格式如 加入 ABC-7KQ2-X4M）。', en: 'That invitation code is not valid; check it and send it again (like: join ABC-7KQ2-X4M).' },
  malformed: { zh: '邀请码格式不对：应是10位字母数字，如 ABC-7KQ2-X4M。', en: 'That does not look like an invitation code: 10 letters and digits, like ABC-7KQ2-X4M.' },
  expired: { zh: '这个邀请码已过期，请向发起人要新的邀请码。', en: 'That invitation code has expired; ask the organiser for a new one.' },
  revoked: { zh: '这个邀请码已停用，请向发起人要新的邀请码。', en: 'That invitation code was withdrawn; ask the organiser for a new one.' },
  closed: { zh: '这一轮评估已经结束，不再接受新的回答。', en: 'This assessment round is closed and takes no new answers.' },
  limited: { zh: '邀请码错误次数太多，请一小时后再试，或向发起人核对邀请码。', en: 'Too many wrong invitation codes; try again in an hour, or check the code with the organiser.' },
};

function presetLess(loc: Locale): SessionState {
  return { v: 1, phase: 'elements', locale: loc, elements: [], queue: [], index: 0, answers: {}, skipped: [] };
}

function welcome(loc: Locale, team: TeamLink): Reply {
  return M.info(loc, {
    zh: `欢迎参加「${team.org}」数智化成熟度团队评估（第${team.wave}轮）。你的回答只有你自己和评估负责人能看到；团队结果按角色汇总，人数不足的角色不单独显示。`,
    en: `Welcome to the ${team.org} team maturity assessment (round ${team.wave}). Only you and the assessment owners see your answers; team results are shown by role, and small roles are never shown on their own.`,
  });
}

function askRole(loc: Locale, team: TeamLink): Reply {
  return M.reply('setup', [
    { kind: 'text', text: loc === 'zh' ? '你的角色是？回复序号：' : 'What is your role? Reply with its number:' },
    { kind: 'options', options: team.roles.map((r, i) => ({ value: String(i + 1), label: r })) },
  ]);
}

function pickRole(text: string, roles: string[]): string | undefined {
  const s = text.trim();
  if (/^\d{1,2}$/.test(s)) return roles[Number(s) - 1];
  return roles.find((r) => r.toLowerCase() === s.toLowerCase());
}

function resume(s: SessionState, rubric: Rubric): Reply {
  return s.phase === 'interview' ? M.question(s, rubric) : M.info(s.locale, { zh: '你已答完。回复「报告」查看结果，「修改 1.1」修改某题。', en: 'You are done. Reply "report" for your results, or "revise 1.1" to change an answer.' });
}
