import { indicatorOf } from '../knowledge/load.js';
import type { ElementId, IndicatorId, Level, PillarId, Rubric } from '../knowledge/types.js';
import type { ConversationDeps } from './deps.js';
import { asLevel, classify, detectLocale, type Intent } from './intent.js';
import * as M from './messages.js';
import { hasRubricContent, isDeferral } from './interview/content.js';
import { explicitLevel, isInjection } from './interview/cues.js';
import { PROPOSAL_CONFIDENCE } from './interview/scorer.js';
import { followupPair } from './interview/confidence.js';
import { answerQuestion } from './qa.js';
import { alsoAnswers } from './also.js';
import { corrections, heldBack, heldNotice, isHeld, lastHeld, recordHeld, reviewAgain, reviewDue, reviewReply, reviewTurn, shouldHold, unhold } from './review.js';
import { setupElements, setupMode, setupPillar, startInterview } from './setup.js';
import { buildReport } from './report.js';
import { bareSectionOf, reportReply, reportSectionOf, reportSectionReplies } from './report-render.js';
import { currentIndicator, newSession, planQueue, type Answer, type Held, type Mode, type SessionState } from './session.js';
import type { IndicatorAssessment, Locale, Reply } from './types.js';

/**
 * One turn of the interview as a pure-ish function of (state, message): no storage, no platform.
 * The orchestrator wraps it in a store transaction; the CLI and tests call it the same way.
 */
export interface TurnResult {
  state: SessionState;
  replies: Reply[];
  /** Indicators whose assessment changed in this turn, for the answers table. */
  answers: Array<{ indicator: IndicatorId } & IndicatorAssessment>;
}

export interface SetupPreset { mode: Mode; pillar?: PillarId; elements?: ElementId[]; locale?: Locale }

/** Starts an interview directly (CLI flags), skipping the set-up questions. */
export function presetSession(p: SetupPreset): SessionState {
  const s = newSession(p.locale ?? 'zh');
  s.elements = p.elements ?? [];
  s.mode = p.mode;
  if (p.mode === 'focus') s.focusPillar = p.pillar ?? 1;
  s.queue = planQueue(p.mode, s.focusPillar);
  s.phase = 'interview';
  return s;
}


export async function step(deps: ConversationDeps, prev: SessionState | undefined, text: string, hint?: Locale): Promise<TurnResult> {
  const intent = classify(text);
  const answers: TurnResult['answers'] = [];
  if (!prev) {
    const s = newSession(detectLocale(text, hint ?? 'zh', 1));
    const replies = [M.greeting(s.locale, deps.rubric)];
    if (intent.kind === 'question') replies.unshift(await answerQuestion(deps, intent.text, s.locale));
    return { state: s, replies, answers };
  }
  const s: SessionState = structuredClone(prev);
  // The reply language follows the person, but junk (code, markup) must not flip it: it switches
  // with a command, a question, an understood set-up answer or an assessed interview answer.
  const guess = /\p{Script=Han}/u.test(text) ? 'zh' : intent.kind === 'text' || intent.kind === 'question' ? detectLocale(text, s.locale) : s.locale;
  if (intent.kind === 'question' || intent.kind === 'command') s.locale = guess;
  const replies = await dispatch(deps, s, intent, answers, guess);
  return { state: s, replies, answers };
}

async function dispatch(deps: ConversationDeps, s: SessionState, intent: Intent, answers: TurnResult['answers'], guess: Locale): Promise<Reply[]> {
  const { rubric } = deps;
  const loc = () => s.locale;
  if (intent.kind === 'empty') return [M.info(loc(), { zh: '消息是空的。回复「帮助」查看用法。', en: 'That message was empty. Reply "help" for what I can do.' })];
  if (intent.kind === 'command') {
    switch (intent.command) {
      case 'help': return [M.help(loc()), prompt(s, rubric)];
      case 'lang-en': s.locale = 'en'; return [M.info('en', { zh: '', en: 'Switched to English.' }), prompt(s, rubric)];
      case 'lang-zh': s.locale = 'zh'; return [M.info('zh', { zh: '已切换为中文。', en: '' }), prompt(s, rubric)];
      case 'progress': return [progress(s, rubric)];
      case 'report': return [reportReply(buildReport(rubric, s), loc()), ...(s.phase === 'done' ? [] : [prompt(s, rubric)])];
      case 'details': return [...reportSectionReplies(buildReport(rubric, s), loc(), reportSectionOf(intent.arg ?? '')), ...(s.phase === 'done' ? [] : [prompt(s, rubric)])];
      case 'skip': return skip(s, rubric);
      case 'back': return back(s, rubric);
      case 'start': return [prompt(s, rubric)];
      case 'extend':
        if (s.phase === 'done' && s.mode !== 'standard') return extend(s, rubric);
        return [prompt(s, rubric)];
      case 'more':
        if (s.phase === 'interview') return [M.details(loc(), rubric, currentIndicator(s)!)];
        if (s.phase === 'done') return [reportReply(buildReport(rubric, s), loc())];
        return [prompt(s, rubric)];
      default: break; // confirm / all: meaningful only in some states, handled below
    }
  }
  switch (s.phase) {
    case 'elements': return setupElements(deps, s, intent, guess);
    case 'mode': return setupMode(deps, s, intent, guess);
    case 'pillar': return setupPillar(deps, s, intent, guess);
    case 'done':
      if (intent.kind === 'question') return [await answerQuestion(deps, intent.text, loc())];
      if (intent.kind === 'text' && bareSectionOf(intent.text)) return reportSectionReplies(buildReport(rubric, s), loc(), bareSectionOf(intent.text));
      return [M.info(loc(), { zh: '评估已完成。回复「报告」查看报告，「重新开始」再评一次，或继续问我白皮书里的问题。', en: 'The assessment is complete. Reply "report" to see it, "restart" to start over, or keep asking about the whitepaper.' })];
    case 'interview': return interview(deps, s, intent, answers, guess);
  }
}

function prompt(s: SessionState, rubric: Rubric): Reply {
  switch (s.phase) {
    case 'elements': return M.askElements(s.locale, rubric);
    case 'mode': return M.askMode(s.locale);
    case 'pillar': return M.askPillar(s.locale, rubric);
    case 'interview': return s.reviewing ? reviewReply(s, rubric, true) : M.question(s, rubric);
    case 'done': return M.info(s.locale, { zh: '评估已完成，回复「报告」查看。', en: 'The assessment is complete; reply "report" to see it.' });
  }
}

function advance(s: SessionState, rubric: Rubric, lead: Reply[]): Reply[] {
  s.pending = undefined;
  s.index++;
  return resume(s, rubric, lead);
}

/** Moves on from the current position: the next open question, the pillar's held levels, or the end. */
function resume(s: SessionState, rubric: Rubric, lead: Reply[]): Reply[] {
  // Questions already answered by an earlier answer (confirmed with it), or held for the pillar's
  // confirmation (bot/review.ts), are not asked again.
  while (s.index < s.queue.length && (s.answers[s.queue[s.index]!] || isHeld(s, s.queue[s.index]))) s.index++;
  if (reviewDue(s)) { s.reviewing = true; return [...lead, reviewReply(s, rubric)]; }
  if (s.index >= s.queue.length) {
    s.phase = 'done';
    return [...lead, reportReply(buildReport(rubric, s), s.locale), M.finished(s.locale, s.mode !== 'standard')];
  }
  return [...lead, M.question(s, rubric)];
}

function record(s: SessionState, answers: TurnResult['answers'], id: IndicatorId, a: Answer): void {
  s.answers[id] = a;
  s.skipped = s.skipped.filter((x) => x !== id);
  answers.push({ indicator: id, level: a.level, confidence: a.confidence, evidence: a.evidence });
}

function skip(s: SessionState, rubric: Rubric): Reply[] {
  if (s.phase === 'elements') { s.phase = 'mode'; return [M.askMode(s.locale)]; }
  if (s.phase === 'mode') { s.mode = 'standard'; return startInterview(s, rubric); }
  if (s.phase !== 'interview') return [prompt(s, rubric)];
  if (s.reviewing) return reviewAgain(s, rubric);
  const id = currentIndicator(s)!;
  if (!s.skipped.includes(id)) s.skipped.push(id);
  delete s.answers[id];
  const name = indicatorOf(rubric, id).name;
  return advance(s, rubric, [M.info(s.locale, { zh: `已跳过 ${id} ${name}（不计入得分）。`, en: `Skipped ${id} (not scored).` })]);
}

function back(s: SessionState, rubric: Rubric): Reply[] {
  if (s.phase === 'done') { s.phase = 'interview'; s.index = s.queue.length - 1; s.pending = undefined; return [M.question(s, rubric)]; }
  if (s.phase !== 'interview') return [prompt(s, rubric)];
  // A held level is taken back into a single proposal on its own question.
  const held = s.reviewing ? lastHeld(s) : !s.pending && s.index > 0 && isHeld(s, s.queue[s.index - 1]) ? (s.held ?? []).find((h) => h.indicator === s.queue[s.index - 1]) : undefined;
  if (held && !held.from && unhold(s, held.indicator)) return [heldBack(s, rubric, held), M.question(s, rubric)];
  if (held) unhold(s, held.indicator);
  if (s.pending) { s.pending = undefined; return [M.question(s, rubric)]; }
  if (s.index === 0) return [M.info(s.locale, { zh: '已经是第一题了。', en: 'This is already the first question.' }), M.question(s, rubric)];
  s.index--;
  return [M.info(s.locale, previousAnswer(s, rubric)), M.question(s, rubric)];
}

/** 返回 shows what is being changed: the level recorded (and the words it came from), or that it was skipped. */
function previousAnswer(s: SessionState, rubric: Rubric): M.T {
  const id = currentIndicator(s)!;
  const ind = indicatorOf(rubric, id);
  const a = s.answers[id];
  if (!a) {
    const skipped = s.skipped.includes(id);
    return { zh: `回到上一题 ${id}${skipped ? '（之前跳过了）' : ''}，可以重新回答：`, en: `Back to ${id}${skipped ? ' (skipped before)' : ''}; answer it again:` };
  }
  const words = a.via === 'digit' ? '' : `，依据你说的“${M.brief(a.evidence.answer, 24)}”`;
  const wordsEn = a.via === 'digit' ? '' : `, from your words “${M.brief(a.evidence.answer, 40)}”`;
  return {
    zh: `回到上一题 ${id}：之前记录的是${a.level}级（${ind.levels[a.level - 1]!.label}）${words}。重新选一级，或回复「对」保留：`,
    en: `Back to ${id}: recorded so far is level ${a.level} (${ind.levels[a.level - 1]!.labelEn})${wordsEn}. Pick again, or reply "yes" to keep it:`,
  };
}

/** A quick or focus interview grows into a standard one: the answers stay, only the open indicators are asked. */
function extend(s: SessionState, rubric: Rubric): Reply[] {
  s.mode = 'standard';
  s.queue = planQueue('standard');
  s.phase = 'interview';
  s.pending = undefined;
  s.index = -1;
  const kept = Object.keys(s.answers).length;
  return advance(s, rubric, [M.info(s.locale, { zh: `继续标准评估：已答的${kept}题保留，还有${s.queue.filter((id) => !s.answers[id]).length}题。`, en: `On to the standard assessment: your ${kept} answers stay; ${s.queue.filter((id) => !s.answers[id]).length} to go.` })]);
}

function progress(s: SessionState, rubric: Rubric): Reply {
  if (s.phase !== 'interview' && s.phase !== 'done') return M.info(s.locale, { zh: '还在设置阶段，尚未开始答题。', en: 'Still setting up; no questions answered yet.' });
  const done = Object.keys(s.answers).length;
  const id = currentIndicator(s);
  return M.info(s.locale, {
    zh: `进度：已回答 ${done}/${s.queue.length}，跳过 ${s.skipped.length}。${id ? `当前：${id} ${indicatorOf(rubric, id).name}` : '已全部完成。'}`,
    en: `Progress: ${done}/${s.queue.length} answered, ${s.skipped.length} skipped. ${id ? `Now: ${id} ${indicatorOf(rubric, id).nameEn}` : 'All done.'}`,
  });
}

async function interview(deps: ConversationDeps, s: SessionState, intent: Intent, answers: TurnResult['answers'], guess: Locale): Promise<Reply[]> {
  const { rubric } = deps;
  if (s.reviewing) {
    const fix = intent.kind === 'question' ? corrections(s, intent.text) : undefined;
    if (intent.kind === 'question' && !fix) return [await answerQuestion(deps, intent.text, s.locale), reviewReply(s, rubric, true)];
    const r = reviewTurn(s, rubric, intent, (x, a) => record(s, answers, x, a));
    return r.kind === 'recorded' ? resume(s, rubric, [r.lead]) : r.replies;
  }
  const id = currentIndicator(s)!;
  const ind = indicatorOf(rubric, id);
  if (intent.kind === 'digit') {
    const level = asLevel(intent.value);
    if (!level) return [M.info(s.locale, { zh: '级别只有1–5。', en: 'Levels run from 1 to 5.' }), M.levelOptionsReply(s.locale, rubric, id)];
    const prior = s.pending && 'answer' in s.pending ? s.pending.answer : '';
    // A digit after a proposal confirms it (same level) or corrects it; either way the proposal is kept.
    const proposed = s.pending?.kind === 'confirm' ? s.pending.level : undefined;
    const via = s.pending?.kind === 'followup' ? 'followup' : proposed === undefined ? 'digit' : proposed === level ? 'confirmed' : 'corrected';
    record(s, answers, id, { level, confidence: 1, via, ...(proposed ? { proposed } : {}), evidence: { answer: prior || String(level), descriptor: ind.levels[level - 1]!.text } });
    return advance(s, rubric, [M.info(s.locale, { zh: `已记录：${id} ${ind.name} ${level}级（${ind.levels[level - 1]!.label}）。`, en: `Recorded: ${id} level ${level} (${ind.levels[level - 1]!.labelEn}).` })]);
  }
  if (intent.kind === 'command' && intent.command === 'deny') {
    // 不对 / 改: which level then — nothing is recorded until the person picks one.
    if (s.pending?.kind === 'confirm') return [M.whichLevel(s.locale, rubric, id, s.pending.level)];
    // Right after a level was held, 不对 is about that level: back to it, which level then?
    const h = !s.pending ? lastHeld(s) : undefined;
    const justHeld = h && s.queue.slice(s.queue.indexOf(h.indicator) + 1, s.index).every((x) => isHeld(s, x));
    if (h && justHeld && unhold(s, h.indicator)) return [M.whichLevel(s.locale, rubric, h.indicator, h.level)];
    return [M.whichLevel(s.locale, rubric, id)];
  }
  if (intent.kind === 'unsure') return [M.offerSkip(guess, rubric, id, intent.who)];
  if (intent.kind === 'command' && intent.command === 'confirm') {
    if (s.pending?.kind === 'confirm') {
      const p = s.pending;
      record(s, answers, id, { level: p.level, confidence: p.confidence, via: 'confirmed', proposed: p.level, evidence: { answer: p.answer, descriptor: p.descriptor } });
      for (const x of p.also ?? []) record(s, answers, x.indicator, { level: x.level, confidence: x.confidence, via: 'confirmed', evidence: { answer: p.answer, descriptor: x.descriptor } });
      const also = (p.also ?? []).map((x) => `${x.indicator} ${x.level}级`).join('、');
      const alsoEn = (p.also ?? []).map((x) => `${x.indicator} level ${x.level}`).join(', ');
      return advance(s, rubric, [M.info(s.locale, { zh: `已确认：${p.level}级${also ? `；也记下 ${also}` : ''}。`, en: `Confirmed: level ${p.level}${alsoEn ? `; also recorded ${alsoEn}` : ''}.` })]);
    }
    if (s.pending?.kind === 'followup') {
      const [a, b] = s.pending.candidates;
      return [M.info(s.locale, { zh: `请回复${a}或${b}，或再补充一两句具体情况。`, en: `Please reply ${a} or ${b}, or add a sentence of detail.` }), M.levelOptionsReply(s.locale, rubric, id)];
    }
    if (!s.pending && s.held?.length) {
      // 对 after a held level: record what is held so far, and stay on the current question.
      const done = recordHeld(s, (x, a) => record(s, answers, x, a));
      return resume(s, rubric, [M.info(s.locale, { zh: `已确认：${done.join('级、')}级。`, en: `Confirmed: ${done.map((d) => d.replace(' ', ' level ')).join(', ')}.` })]);
    }
    const kept = s.answers[id];
    if (kept) return advance(s, rubric, [M.info(s.locale, { zh: `保留：${kept.level}级。`, en: `Kept: level ${kept.level}.` })]);
    return [M.info(s.locale, { zh: '目前没有需要确认的判断。请回答当前问题：', en: 'There is nothing to confirm yet. Please answer the current question:' }), M.question(s, rubric)];
  }
  if (intent.kind === 'question') {
    return [await answerQuestion(deps, intent.text, s.locale), M.info(s.locale, { zh: `我们继续：${id} ${ind.name}，回复1–5或描述现状。`, en: `Back to ${id} ${ind.nameEn}: reply 1–5 or describe your situation.` })];
  }
  if (intent.kind !== 'text') return [M.question(s, rubric)];
  // Free text: an elaboration after a proposal or follow-up is read together with what came before —
  // but only if it says something itself, or junk would be scored on the strength of the earlier answer.
  if (isDeferral(intent.text)) return [M.clarify(guess, rubric, id, 'later')];
  if (s.pending && (isInjection(intent.text) || (!hasRubricContent(intent.text) && !explicitLevel(intent.text)))) {
    return [M.clarify(guess, rubric, id, isInjection(intent.text) ? 'injection' : 'no-content')];
  }
  const combined = s.pending ? `${s.pending.answer} ${intent.text}` : intent.text;
  const result = await deps.scorer.score(id, combined);
  // No level and no state change: junk leaves the session exactly as it was.
  if (!result.level) return [M.clarify(guess, rubric, id, result.reason === 'injection' ? 'injection' : 'no-content')];
  s.locale = guess;
  const hadFollowup = s.pending?.kind === 'followup';
  if (result.confidence >= PROPOSAL_CONFIDENCE || result.reason === 'explicit' || hadFollowup) {
    let level = result.level;
    if (hadFollowup && s.pending?.kind === 'followup' && !s.pending.candidates.includes(level)) {
      // Only one follow-up: after it, propose the likelier of the two levels it contrasted.
      const pair = s.pending.candidates;
      level = result.candidates.find((c) => pair.includes(c.level))!.level;
    }
    const selfRated = result.reason === 'explicit' || explicitLevel(intent.text) === level;
    // The same words, read against the other planned indicators: confident ones are proposed with this one.
    const also = selfRated ? [] : (await alsoAnswers(deps, s, id, combined)).filter((x) => !isHeld(s, x.indicator));
    if (!selfRated && shouldHold(s, id)) {
      // Standard interview: held for one confirmation at the pillar's end (bot/review.ts).
      const items: Held[] = [
        { indicator: id, level, confidence: result.confidence, answer: combined, descriptor: ind.levels[level - 1]!.text },
        ...also.map((x) => ({ ...x, answer: combined, from: id })),
      ];
      s.held = [...(s.held ?? []), ...items];
      return advance(s, rubric, [heldNotice(s, rubric, items)]);
    }
    s.pending = { kind: 'confirm', indicator: id, level, confidence: result.confidence, answer: combined, descriptor: ind.levels[level - 1]!.text, ...(also.length ? { also } : {}) };
    return [M.proposal(s.locale, rubric, id, level, ind.levels[level - 1]!.text, selfRated ? 'self' : result.confidence, undefined, also)];
  }
  // One follow-up between the likeliest level and its likelier neighbour, never "3 or 5".
  const pair = followupPair(result.candidates);
  s.pending = { kind: 'followup', indicator: id, candidates: pair, answer: combined };
  return [M.followup(s.locale, rubric, id, pair)];
}
