import { logger } from '../log.js';
import { presetSession, step, type SetupPreset } from './conversation.js';
import { question } from './messages.js';
import type { ConversationDeps } from './deps.js';
import { COMMAND_WORDS } from '../knowledge/commands.js';
import { classify, detectLocale, normaliseCommand } from './intent.js';
import { errorReply, info } from './messages.js';
import { buildReport } from './report.js';
import { reportReply } from './report-render.js';
import { parseIncoming } from './sanitize.js';
import { SessionStateSchema, type SessionState } from './session.js';
import type { AnswerRow, DeliveryTarget, SessionStore, TurnKey, TurnOutput } from './store/index.js';
import { chatCampaignCommand, isCampaignCommand } from './team/chat-command.js';
import { syncTeam, teamContext, teamStep, wrongCode } from './team/flow.js';
import type { CampaignStore } from './team/store.js';
import { isRevokeLinks, revokeLinksReply } from './link-command.js';
import type { ReportLinkStore } from './store/report-links.js';
import type { IncomingMessage, Locale, Reply } from './types.js';

/** The user's most recently updated interview (past the set-up) among conversations starting with `scope`. */
async function latestInScope(store: SessionStore, userId: string, scope: string, own: string): Promise<SessionState | undefined> {
  const ownState = await store.getState<SessionState>(own, { schema: SessionStateSchema });
  if (ownState && (ownState.phase === 'interview' || ownState.phase === 'done')) return undefined; // its own interview answers
  const candidates = (await store.listConversations(userId))
    .filter((c) => c.conversationId.startsWith(scope) && c.conversationId !== own && c.hasState)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  for (const c of candidates) {
    const st = await store.getState<SessionState>(c.conversationId, { schema: SessionStateSchema });
    if (st && (st.phase === 'interview' || st.phase === 'done')) return st;
  }
  return undefined;
}

/**
 * The single entry point adapters call: validates the message, then runs one turn of the
 * conversation inside the store's per-turn transaction (serialised per conversation, deduplicated
 * by message id). Every state change is such a turn — begin, restart and forget included — so a
 * redelivered message is answered from the store and never runs twice.
 */
export interface Orchestrator {
  /**
   * Without a target: never throws; every failure becomes a clear reply and leaves state unchanged.
   * With one (the delivery pipeline): the replies are committed to the outbox for that target, and a
   * failure to commit throws so the inbox row stays for another attempt.
   */
  handle(msg: IncomingMessage, opts?: { target?: DeliveryTarget }): Promise<Reply[]>;
  /** Starts a conversation with the set-up already answered (CLI flags): the first question comes back. */
  begin(key: Omit<IncomingMessage, 'text' | 'locale'>, preset: SetupPreset): Promise<Reply[]>;
}

export interface OrchestratorOptions {
  store: SessionStore;
  maxChars: number;
  /** Team campaigns (bot/team/): join codes, respondents and their answer records. */
  campaigns?: CampaignStore;
  /** Links to reports (`/reports/<token>`): revoked by 撤销报告链接, deleted by forget. */
  reportLinks?: ReportLinkStore;
  /** Recorded with each team answer: which scorer and which rubric produced it. */
  provenance?: { scorerVersion: string; rubricHash: string };
  now?: () => Date;
}

const log = logger('bot');
/** Asking for the assessment kept by the last restart. */
const LAST_REPORT = new Set(COMMAND_WORDS.pastReport.words);

type Out = TurnOutput<SessionState, Reply>;

export function createOrchestrator(deps: ConversationDeps, opts: OrchestratorOptions): Orchestrator {
  const { store, campaigns } = opts;
  const now = opts.now ?? (() => new Date());
  const turn = (key: TurnKey, fn: (s: SessionState | undefined) => Promise<Out>, target?: DeliveryTarget) =>
    store.runTurn<SessionState, Reply>(key, fn, { schema: SessionStateSchema, ...(target ? { target } : {}) });

  const interview = async (msg: IncomingMessage, loc: Locale, target?: DeliveryTarget): Promise<Reply[]> => {
    const key = { platform: msg.platform, conversationId: msg.conversationId, userId: msg.userId, messageId: msg.messageId };
    const intent = classify(msg.text);
    const command = intent.kind === 'command' ? intent.command : undefined;
    if (command === 'forget') {
      const out = await turn(key, async () => ({ replies: [], userText: msg.text, forgetUser: { userId: msg.userId, replies: (r) => [forgotten(loc, r)] } }), target);
      // The campaign records too; idempotent, so it runs again on a redelivery.
      if (campaigns) await campaigns.forgetUser(msg.userId);
      if (opts.reportLinks) await opts.reportLinks.forgetUser(msg.userId);
      return out.replies;
    }
    // Team campaigns: the code and the campaign are looked up before the turn, the turn stays pure.
    const before = campaigns ? await store.getState<SessionState>(msg.conversationId, { schema: SessionStateSchema }) : undefined;
    const tctx = campaigns ? await teamContext(campaigns, msg.userId, msg.text, before, now()) : undefined;
    const past = LAST_REPORT.has(normaliseCommand(msg.text)) ? await store.pastAssessments(msg.conversationId, { schema: SessionStateSchema }) : undefined;
    const outcome = await turn(key, async (state) => {
      const t = tctx && teamStep(deps.rubric, state, msg.text, tctx, loc);
      // Joining a campaign after a finished assessment of one's own keeps that one as a past assessment.
      const keep = t && t.state !== state && state?.phase === 'done' ? { archive: withoutFlag(state) } : {};
      if (t) return { state: t.state, replies: t.replies, answers: answersOf(t.state), userText: msg.text, ...keep };
      if (past) return { keepState: true, userText: msg.text, replies: [pastReport(deps, past[0], state?.locale ?? loc)] };
      const wantsRestart = command === 'restart' || (state?.restartAsked === true && command === 'confirm');
      if (wantsRestart && state?.phase === 'done' && !state.restartAsked) {
        return { state: { ...state, restartAsked: true }, answers: answersOf(state), userText: msg.text, replies: [confirmRestart(state.locale)] };
      }
      if (wantsRestart) {
        const r = await step(deps, undefined, '', state?.locale ?? loc);
        const archive = state?.phase === 'done' ? withoutFlag(state) : undefined;
        const replies = [info(r.state.locale, { zh: '已重新开始。', en: 'Started over.' }), ...r.replies];
        return { state: r.state, answers: [], userText: msg.text, replies, ...(archive ? { archive } : {}) };
      }
      // Anything but a confirmation cancels a pending restart and is handled as usual.
      const r = await step(deps, state ? withoutFlag(state) : undefined, msg.text, loc);
      return { state: r.state, replies: r.replies, answers: answersOf(r.state), userText: msg.text };
    }, target);
    if (campaigns && tctx && (before?.team || tctx.join)) {
      if (wrongCode(tctx) && !outcome.duplicate) await campaigns.recordJoinFailure(msg.userId, msg.messageId, tctx.now);
      // From the committed state, so a crash between the turn and here is repaired by the next message.
      const after = await store.getState<SessionState>(msg.conversationId, { schema: SessionStateSchema });
      await syncTeam(campaigns, msg.userId, after, tctx, opts.provenance ?? { scorerVersion: 'unknown', rubricHash: deps.rubric.source.sha256 });
    }
    return outcome.replies;
  };

  return {
    async begin(key, preset) {
      const outcome = await turn(key, async () => {
        const state = presetSession(preset);
        return { state, answers: [], replies: [question(state, deps.rubric)], userText: `(set-up: ${preset.mode}${preset.pillar ? ' ' + preset.pillar : ''}${preset.elements?.length ? ' ' + preset.elements.join(',') : ''})` };
      });
      return outcome.replies;
    },
    async handle(raw, o = {}) {
      const parsed = parseIncoming(raw);
      if (!parsed.ok) {
        log.warn('rejected a malformed message', { problem: parsed.problem });
        return [errorReply('zh', { zh: '这条消息格式不对，没有处理。', en: 'That message was malformed and was not processed.' })];
      }
      const msg = parsed.msg;
      const loc: Locale = msg.locale ?? detectLocale(msg.text, 'zh');
      try {
        if (msg.text.length > opts.maxChars) {
          const key = { platform: msg.platform, conversationId: msg.conversationId, userId: msg.userId, messageId: msg.messageId };
          const replies = [tooLong(loc, msg.text.length, opts.maxChars)];
          // Recorded (so a redelivery is answered once) without the words and without touching the state.
          return (await turn(key, async () => ({ keepState: true, replies, userText: `(not processed: ${msg.text.length} characters)` }), o.target)).replies;
        }
        // `/wuyin report` in a channel: the caller's latest interview there, answered inside a turn that
        // leaves the state alone (so the pipeline delivers it and a redelivery is answered once).
        if (msg.reportScope && classify(msg.text).kind === 'command' && (classify(msg.text) as { command?: string }).command === 'report') {
          const scoped = await latestInScope(store, msg.userId, msg.reportScope, msg.conversationId);
          if (scoped) {
            const key = { platform: msg.platform, conversationId: msg.conversationId, userId: msg.userId, messageId: msg.messageId };
            return (await turn(key, async () => ({ keepState: true, replies: [reportReply(buildReport(deps.rubric, scoped), scoped.locale)], userText: msg.text }), o.target)).replies;
          }
        }
        // A consultant's `campaign …` command: it leaves the interview's state alone, but runs inside the
        // turn (only when the message is new) so a redelivery is answered from the store, not run twice.
        if (opts.reportLinks && isRevokeLinks(msg.text)) {
          const key = { platform: msg.platform, conversationId: msg.conversationId, userId: msg.userId, messageId: msg.messageId };
          const links = opts.reportLinks;
          return (await turn(key, async () => ({ keepState: true, replies: [await revokeLinksReply(links, msg.userId, loc)], userText: msg.text }), o.target)).replies;
        }
        if (campaigns && isCampaignCommand(msg.text)) {
          const key = { platform: msg.platform, conversationId: msg.conversationId, userId: msg.userId, messageId: msg.messageId };
          return (await turn(key, async () => ({ keepState: true, replies: await chatCampaignCommand(campaigns, deps.rubric, msg, now()), userText: msg.text }), o.target)).replies;
        }
        return await interview(msg, loc, o.target);
      } catch (err) {
        log.error('turn failed', { error: (err as Error).message });
        if (o.target) throw err;
        return [errorReply(loc, { zh: '抱歉，处理这条消息时出错了，进度没有变化。请再发一次。', en: 'Sorry, something went wrong with that message; your progress is unchanged. Please send it again.' })];
      }
    },
  };
}

/** Every answer the state holds: the store's answers table becomes exactly these. */
function answersOf(s: SessionState): AnswerRow[] {
  return Object.entries(s.answers).map(([indicator, a]) => ({ indicator: indicator as AnswerRow['indicator'], level: a!.level, confidence: a!.confidence, evidence: a!.evidence }));
}

function withoutFlag(s: SessionState): SessionState {
  const { restartAsked: _, ...rest } = s;
  return rest;
}

function confirmRestart(loc: Locale): Reply {
  return info(loc, {
    zh: '这次评估已经完成。重新开始会把它保存为历史评估（随时回复「上次的报告」查看）。确认重新开始吗？回复「确认」重新开始，回复其他内容则继续当前会话。',
    en: 'This assessment is complete. Starting over keeps it as a past assessment (reply "last report" to see it at any time). Start over? Reply "yes" to confirm; anything else keeps the current conversation.',
  });
}

function pastReport(deps: ConversationDeps, past: { state: SessionState; archivedAt: string } | undefined, loc: Locale): Reply {
  if (!past) return info(loc, { zh: '还没有历史评估：重新开始之前完成的评估会保存在这里。', en: 'There is no past assessment yet: a finished assessment is kept here when you start over.' });
  const day = past.archivedAt.slice(0, 10);
  const r = reportReply(buildReport(deps.rubric, past.state), past.state.locale);
  const note = loc === 'zh' ? `上次的评估（${day} 保存）` : `Your last assessment (kept ${day})`;
  return { ...r, blocks: [{ kind: 'text', text: note }, ...r.blocks], text: `${note}\n${r.text}` };
}

function forgotten(loc: Locale, r: { conversations: number; turns: number; answers: number }): Reply {
  return info(loc, {
    zh: `已删除你的全部数据：${r.conversations}个会话、${r.turns}条对话记录、${r.answers}条评估结果。发任意消息可重新开始。`,
    en: `Deleted all your data: ${r.conversations} conversation(s), ${r.turns} transcript entries, ${r.answers} assessments. Send anything to start again.`,
  });
}

function tooLong(loc: Locale, length: number, max: number): Reply {
  return errorReply(loc, {
    zh: `消息太长了（${length}字，上限${max}字），没有处理，进度不受影响。请精简到一两段再发。`,
    en: `That message is too long (${length} characters, limit ${max}); it was not processed and your progress is unchanged. Please send a shorter one.`,
  });
}
