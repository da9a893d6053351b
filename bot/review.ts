import { indicatorOf } from '../knowledge/load.js';
import type { IndicatorId, Level, Rubric } from '../knowledge/types.js';
import type { Intent } from './intent.js';
import * as M from './messages.js';
import type { Answer, Held, SessionState } from './session.js';
import type { Reply } from './types.js';

/**
 * A standard interview is 25 questions; confirming each proposal on its own doubles the person's
 * messages. So there, a confident proposal that is not the last open question of its pillar is held:
 * the level is shown at once (one line), the next question follows, and at the pillar's end the held
 * levels come back as one list that one tap (对) records together, or that "1.3 3" corrects. Nothing
 * held is recorded before the person's 对 or correction; 不对 right after a hold, 返回, and 对 before the
 * list (confirming what is held so far) work as they would on a single proposal.
 */
export const pillarOf = (id: IndicatorId) => Number(id[0]);

export const isHeld = (s: SessionState, id: IndicatorId | undefined) => !!id && (s.held ?? []).some((h) => h.indicator === id);

/** Whether a proposal for `id` is held rather than asked now: standard mode, and more of its pillar to come. */
export function shouldHold(s: SessionState, id: IndicatorId): boolean {
  if (s.mode !== 'standard') return false;
  if (s.held?.length) return true;
  return s.queue.slice(s.index + 1).some((x) => pillarOf(x) === pillarOf(id) && !s.answers[x] && !s.skipped.includes(x));
}

/** The held levels are due once the next question is of another pillar (or there is none). */
export function reviewDue(s: SessionState): boolean {
  const first = s.held?.[0];
  if (!first) return false;
  const next = s.queue[s.index];
  return !next || pillarOf(next) !== pillarOf(first.from ?? first.indicator);
}

/** One line when a level is held: what was understood, and that the pillar's levels are confirmed together. */
export function heldNotice(s: SessionState, rubric: Rubric, items: Held[]): Reply {
  const [main, ...also] = items;
  const ind = indicatorOf(rubric, main!.indicator);
  const l = ind.levels[main!.level - 1]!;
  const more = also.map((x) => `${x.indicator} ${x.level}级`).join('、');
  const moreEn = also.map((x) => `${x.indicator} level ${x.level}`).join(', ');
  return M.info(s.locale, {
    zh: `记下 ${main!.indicator}：${main!.level}级（${l.label}），${M.confidenceWord('zh', main!.confidence)}${more ? `；也答了${more}` : ''}。本部曲答完一起确认，不对可回「不对」。`,
    en: `Noted ${main!.indicator}: level ${main!.level} (${l.labelEn}), ${M.confidenceWord('en', main!.confidence)}${moreEn ? `; also ${moreEn}` : ''}. We confirm this pillar's levels together at its end ("no" to change it now).`,
  });
}

/**
 * The held levels as one list, one row each, confirmed with one tap. Shown again as a reminder (after
 * a message that neither confirms nor corrects) it is a 'question': nothing new is proposed.
 */
export function reviewReply(s: SessionState, rubric: Rubric, again = false): Reply {
  // This pillar's levels first, in question order, then those read from them for other pillars.
  const held = [...(s.held ?? [])].sort((a, b) => Number(!!a.from) - Number(!!b.from) || a.indicator.localeCompare(b.indicator));
  const pillar = rubric.pillars[pillarOf(held[0]!.from ?? held[0]!.indicator) - 1]!;
  const lines = held.map((h) => {
    const ind = indicatorOf(rubric, h.indicator);
    const l = ind.levels[h.level - 1]!;
    return s.locale === 'zh' ? `${h.indicator} ${ind.name}：${h.level}级 ${l.label}` : `${h.indicator} ${ind.nameEn}: level ${h.level}`;
  });
  const example = `${held[0]!.indicator} ${held[0]!.level === 5 ? 4 : held[0]!.level + 1}`;
  return M.reply(again ? 'question' : 'proposal', [
    { kind: 'text', text: s.locale === 'zh'
      ? `${pillar.note} ${pillar.name}，我这样理解：\n${lines.join('\n')}\n改一项就回复题号和级别，如「${example}」`
      : `${pillar.nameEn}, as I understood it:\n${lines.join('\n')}\nTo change one, reply its number and level, e.g. "${example}"` },
    { kind: 'options', inline: true, options: [
      { value: 'yes', label: M.t(s.locale, { zh: '对，全部记录', en: 'yes, record all' }), send: M.t(s.locale, { zh: '对', en: 'yes' }) },
      { value: 'change', label: M.t(s.locale, { zh: '改', en: 'change' }), send: M.t(s.locale, { zh: '改', en: 'change' }) },
    ] },
  ]);
}

/** "1.3 3", "1.3改3级, 2.2=4": corrections of held levels, only for indicators that are held. */
export function corrections(s: SessionState, text: string): Map<IndicatorId, Level> | undefined {
  const out = new Map<IndicatorId, Level>();
  const t = text.normalize('NFKC');
  const re = /([1-5]\.[1-5])\s*(?:[=:：→]|改为|改成|改|是|为|应该是|算)?\s*(?:level\s*|第)?([1-5])(?![.\d])\s*级?/giu;
  let rest = t;
  for (const m of t.matchAll(re)) {
    const id = m[1] as IndicatorId;
    if (!isHeld(s, id)) return undefined;
    out.set(id, Number(m[2]) as Level);
    rest = rest.replace(m[0], ' ');
  }
  // Only a list of corrections: anything else in the message is not read as one.
  if (!out.size || /[\p{L}\p{N}]/u.test(rest.replace(/和|与|及|还有|其余|其他|都对|其它|and|rest|ok|,|，|、|;|；/giu, ''))) return undefined;
  return out;
}

/** Records held levels (as shown, or as corrected) and clears the list. */
export function recordHeld(s: SessionState, record: (id: IndicatorId, a: Answer) => void, fix = new Map<IndicatorId, Level>(), only?: IndicatorId[]): string[] {
  const done: string[] = [];
  for (const h of s.held ?? []) {
    if (only && !only.includes(h.indicator)) continue;
    const level = fix.get(h.indicator) ?? h.level;
    const via = level === h.level ? 'confirmed' : 'corrected';
    record(h.indicator, { level, confidence: via === 'confirmed' ? h.confidence : 1, via, proposed: h.level, evidence: { answer: h.answer, descriptor: via === 'confirmed' ? h.descriptor : '' } });
    done.push(`${h.indicator} ${level}`);
  }
  s.held = only ? (s.held ?? []).filter((h) => !only.includes(h.indicator)) : undefined;
  if (!s.held?.length) s.held = undefined;
  s.reviewing = undefined;
  return done;
}

export type ReviewOutcome =
  | { kind: 'recorded'; lead: Reply }
  | { kind: 'again'; replies: Reply[] };

/** A message while the held list is shown: 对 records all, corrections record all with them, else it asks again. */
export function reviewTurn(s: SessionState, rubric: Rubric, intent: Intent, record: (id: IndicatorId, a: Answer) => void): ReviewOutcome {
  const loc = s.locale;
  const confirm = intent.kind === 'command' && (intent.command === 'confirm' || intent.command === 'all');
  const fix = intent.kind === 'text' || intent.kind === 'question' ? corrections(s, intent.text) : undefined;
  const single = intent.kind === 'digit' && s.held?.length === 1 && intent.value >= 1 && intent.value <= 5
    ? new Map([[s.held[0]!.indicator, intent.value as Level]]) : undefined;
  if (confirm || fix || single) {
    const done = recordHeld(s, record, fix ?? single);
    const changed = [...(fix ?? single ?? new Map()).keys()];
    return { kind: 'recorded', lead: M.info(loc, {
      zh: `已记录 ${done.length} 项${changed.length ? `（${changed.map((id) => `${id} 改为${(fix ?? single)!.get(id)}级`).join('、')}）` : ''}。`,
      en: `Recorded ${done.length}${changed.length ? ` (${changed.map((id) => `${id} now level ${(fix ?? single)!.get(id)}`).join(', ')})` : ''}.`,
    }) };
  }
  const hint = intent.kind === 'command' && intent.command === 'deny'
    ? { zh: '哪一项不对？回复题号和级别，如「1.3 3」；其余照此记录。', en: 'Which one is off? Reply its number and level, e.g. "1.3 3"; the rest are recorded as shown.' }
    : { zh: '请回复「对」记录以下各项，或回复题号和级别改一项（如「1.3 3」）。', en: 'Reply "yes" to record these, or a number and level to change one (e.g. "1.3 3").' };
  return { kind: 'again', replies: [M.info(loc, hint), reviewReply(s, rubric, true)] };
}

/**
 * Takes a held level back into a single proposal (返回 to it, or 不对 right after it was held): the
 * interview returns to that question with the level pending, so 对 or a digit settles it as usual.
 * A level read from another answer is simply let go (it will be asked).
 */
export function unhold(s: SessionState, id: IndicatorId): Held | undefined {
  const h = (s.held ?? []).find((x) => x.indicator === id);
  if (!h) return undefined;
  s.reviewing = undefined;
  const also = h.from ? [] : (s.held ?? []).filter((x) => x.from === h.indicator);
  s.held = (s.held ?? []).filter((x) => x !== h && !also.includes(x));
  if (!s.held.length) s.held = undefined;
  if (h.from) return h;
  s.index = s.queue.indexOf(h.indicator);
  s.pending = {
    kind: 'confirm', indicator: h.indicator, level: h.level, confidence: h.confidence, answer: h.answer, descriptor: h.descriptor,
    ...(also.length ? { also: also.map(({ indicator, level, confidence, descriptor }) => ({ indicator, level, confidence, descriptor })) } : {}),
  };
  return h;
}

/** The last level held from a question of its own (not read from another answer). */
export const lastHeld = (s: SessionState): Held | undefined => [...(s.held ?? [])].reverse().find((h) => !h.from);

/** 返回 to a held level: what was understood, and that nothing is recorded yet. */
export function heldBack(s: SessionState, rubric: Rubric, h: Held): Reply {
  const l = indicatorOf(rubric, h.indicator).levels[h.level - 1]!;
  return M.info(s.locale, {
    zh: `回到 ${h.indicator}：之前判断是${h.level}级（${l.label}），还没记录。回复「对」记录，或重选一级：`,
    en: `Back to ${h.indicator}: I had understood level ${h.level} (${l.labelEn}), not recorded yet. Reply "yes" to record it, or pick again:`,
  });
}

export function reviewAgain(s: SessionState, rubric: Rubric): Reply[] {
  return [M.info(s.locale, {
    zh: '请先确认这一部曲：回复「对」记录，或回复题号和级别改一项（如「1.3 3」）。',
    en: 'First confirm this pillar: "yes" records it, or a number and level changes one (e.g. "1.3 3").',
  }), reviewReply(s, rubric, true)];
}
