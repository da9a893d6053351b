import { logger } from '../log.js';
import { presetSession, step, type SetupPreset } from './conversation.js';
import { question } from './messages.js';
import type { ConversationDeps } from './deps.js';
import { classify, detectLocale } from './intent.js';
import { errorReply, info } from './messages.js';
import { parseIncoming } from './sanitize.js';
import { SessionStateSchema, type SessionState } from './session.js';
import type { SessionStore } from './store/index.js';
import type { IncomingMessage, Locale, Reply } from './types.js';
import { buildReport } from './report.js';
import { reportReply } from './report-render.js';

/** The user's most recently updated interview (past the set-up) among conversations starting with `scope`. */
function latestInScope(store: SessionStore, userId: string, scope: string, own: string): SessionState | undefined {
  const own_ = store.getState<SessionState>(own, { schema: SessionStateSchema });
  if (own_ && (own_.phase === 'interview' || own_.phase === 'done')) return undefined; // its own interview answers
  const found = store.listConversations(userId)
    .filter((c) => c.conversationId.startsWith(scope) && c.conversationId !== own && c.hasState)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
    .map((c) => store.getState<SessionState>(c.conversationId, { schema: SessionStateSchema }))
    .find((st) => st && (st.phase === 'interview' || st.phase === 'done'));
  return found ?? undefined;
}

/**
 * The single entry point adapters call: validates the message, then runs one turn of the
 * conversation inside the store's per-turn transaction (serialised per conversation, deduplicated
 * by message id). It never throws: every failure becomes a clear reply and leaves state unchanged.
 */
export interface Orchestrator {
  handle(msg: IncomingMessage): Promise<Reply[]>;
  /** Starts a conversation with the set-up already answered (CLI flags): the first question comes back. */
  begin(key: Omit<IncomingMessage, 'text' | 'locale'>, preset: SetupPreset): Promise<Reply[]>;
}

export interface OrchestratorOptions {
  store: SessionStore;
  maxChars: number;
}

const log = logger('bot');

export function createOrchestrator(deps: ConversationDeps, opts: OrchestratorOptions): Orchestrator {
  const { store } = opts;
  return {
    async begin(key, preset) {
      store.resetConversation(key.conversationId);
      const outcome = await store.runTurn<SessionState, Reply>(key, async () => {
        const state = presetSession(preset);
        return { state, replies: [question(state, deps.rubric)], userText: `(set-up: ${preset.mode}${preset.pillar ? ' ' + preset.pillar : ''}${preset.elements?.length ? ' ' + preset.elements.join(',') : ''})` };
      }, { schema: SessionStateSchema });
      return outcome.replies;
    },
    async handle(raw) {
      const parsed = parseIncoming(raw);
      if (!parsed.ok) {
        log.warn('rejected a malformed message', { problem: parsed.problem });
        return [errorReply('zh', { zh: '这条消息格式不对，没有处理。', en: 'That message was malformed and was not processed.' })];
      }
      const msg = parsed.msg;
      const loc: Locale = msg.locale ?? detectLocale(msg.text, 'zh');
      if (msg.text.length > opts.maxChars) {
        return [errorReply(loc, {
          zh: `消息太长了（${msg.text.length}字，上限${opts.maxChars}字），没有处理，进度不受影响。请精简到一两段再发。`,
          en: `That message is too long (${msg.text.length} characters, limit ${opts.maxChars}); it was not processed and your progress is unchanged. Please send a shorter one.`,
        })];
      }
      const intent = classify(msg.text);
      try {
        if (intent.kind === 'command' && intent.command === 'forget') {
          const r = store.forgetUser(msg.userId);
          log.info('forgot a user', { conversations: r.conversations, turns: r.turns, answers: r.answers });
          return [info(loc, {
            zh: `已删除你的全部数据：${r.conversations}个会话、${r.turns}条对话记录、${r.answers}条评估结果。发任意消息可重新开始。`,
            en: `Deleted all your data: ${r.conversations} conversation(s), ${r.turns} transcript entries, ${r.answers} assessments. Send anything to start again.`,
          })];
        }
        if (intent.kind === 'command' && intent.command === 'report' && msg.reportScope) {
          const scoped = latestInScope(store, msg.userId, msg.reportScope, msg.conversationId);
          if (scoped) return [reportReply(buildReport(deps.rubric, scoped), scoped.locale)];
        }
        const restart = intent.kind === 'command' && intent.command === 'restart';
        const prevLocale = restart ? store.getState<SessionState>(msg.conversationId)?.locale : undefined;
        if (restart) store.resetConversation(msg.conversationId);
        const outcome = await store.runTurn<SessionState, Reply>(
          { platform: msg.platform, conversationId: msg.conversationId, userId: msg.userId, messageId: msg.messageId },
          async (state) => {
            const r = await step(deps, restart ? undefined : state, restart ? '' : msg.text, prevLocale ?? loc);
            const replies = restart ? [info(r.state.locale, { zh: '已重新开始。', en: 'Started over.' }), ...r.replies] : r.replies;
            return { state: r.state, replies, answers: r.answers, userText: msg.text };
          },
          { schema: SessionStateSchema },
        );
        return outcome.replies;
      } catch (err) {
        log.error('turn failed', { conversation: msg.conversationId, error: (err as Error).message });
        return [errorReply(loc, { zh: '抱歉，处理这条消息时出错了，进度没有变化。请再发一次。', en: 'Sorry, something went wrong with that message; your progress is unchanged. Please send it again.' })];
      }
    },
  };
}
