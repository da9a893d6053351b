import type { Level } from '../../knowledge/types.js';
import { segments } from './negation.js';
import { loadClauseLexicon, type ClauseCategory, type ClauseLexicon } from '../../knowledge/clause-lexicon.js';

/**
 * The clause reader: an answer is split into clauses, each clause is read for polarity (a capability
 * present or absent), modality (actual, live, wanted, abandoned, an incident) and scope (broad, all but
 * one), and the clauses together yield a few named signals with a level shift and, where the words rule
 * the top levels out, a ceiling. One mechanism for the shapes people use: "没有A，也没人管B" (absent
 * over a list), "试了一次就没再用" (abandoned), an outage story (absence), "we are looking for" (a
 * need), "都能走通，就是X还是纸的" (all but one), "和天猫合作" (partners, not an ecosystem).
 * The word lists are data (knowledge/data/clause-lexicon.json).
 */
export interface Clause {
  text: string;
  absent: boolean;
  wanted: boolean;
  /** A build under way (正在构建, being rolled out): started, not yet there. */
  building: boolean;
  abandoned: boolean;
  failure: boolean;
  /** A problem with what exists (难以, 割裂, hard to, inconsistent), not its absence. */
  deficit: boolean;
  live: boolean;
  broad: boolean;
  exception: boolean;
  /** A start dated in the past (2016年开始做, "Several years ago … implemented"): how long what exists has run. */
  datedStart: boolean;
}

export type ClauseSignal = 'absent-list' | 'absent' | 'wanted' | 'abandoned' | 'failure' | 'guarded' | 'all-but-one'
  | 'broad-live' | 'named-partners' | 'former' | 'outgrown' | 'planned-beside' | 'deficits' | 'building'
  | 'part-of-whole' | 'dated-start';

export interface ClauseReading {
  clauses: Clause[];
  /** Additive evidence per level (index 0 = level 1). */
  perLevel: number[];
  /** The highest level the words allow, when they rule the top out. */
  ceiling?: Level;
  signals: ClauseSignal[];
  /** The answer without the clauses that are only wanted or given up, or the one gap: what the company has. */
  actual: string;
}

const SPLIT = /(?<=[，。；！？,;!?\n—–]|[.!?](?=\s)|\s(?=(?:but|however|except|although|though|yet)\b))/iu;

type Compiled = Record<ClauseCategory, RegExp> & { decidedStop: RegExp; names: RegExp; relation: RegExp; ecosystem: RegExp };

const any = (ps: string[]) => new RegExp(ps.map((p) => `(?:${p})`).join('|'), 'iu');

export function compileLexicon(lex: ClauseLexicon): Compiled {
  const cats: ClauseCategory[] = ['absence', 'denial', 'abandoned', 'decision', 'stop', 'oldWay', 'failure', 'deficit', 'safeguard', 'plan', 'building',
    'deployed', 'coverage', 'exception', 'past', 'present', 'growth', 'limit', 'remainder', 'dated', 'start'];
  const out = Object.fromEntries(cats.map((k) => [k, any([...lex[k].zh, ...lex[k].en])])) as Record<ClauseCategory, RegExp>;
  // A decision before what it stops, in one clause ("决定…搁置", "decided against it"), whatever object sits between.
  const decidedStop = new RegExp(`(?:${out.decision.source})[^]*?(?:${out.stop.source})`, 'iu');
  return { ...out, decidedStop, names: any(lex.partners.names), relation: any(lex.partners.relation), ecosystem: any(lex.partners.ecosystem) };
}

let defaultLex: Compiled | undefined;
const OUTGROWN_SHIFT = [0, 0, 2, 0, 0];
const BUILDING_SHIFT = [0, 1, 1.5, 0, 0];
// How much of the answer a set of clauses makes up: list fragments ("CRM等系统，") weigh little.
const size = (cs: Clause[]) => cs.reduce((n, c) => n + c.text.length, 0);
// Signals that already read the answer as low: a list of problems beside them adds nothing.
const STRONGER = new Set<ClauseSignal>(['abandoned', 'failure', 'wanted', 'absent-list']);
// A third of the answer's text in problem clauses makes it a write-up of problems (real dev, 298 lines: a half
// fired on 7 lines, a quarter sent level-3 and 4 answers to 2; exact 0.544 / 0.550 / 0.544 at ½, ⅓, ¼).
const DEFICIT_SHARE = 1 / 3;
// Mostly 2 (the pain of a first attempt) with room for 1; a shift toward 2–3 sent gold-1 lines to 3.
const DEFICIT_SHIFT = [1, 1.5, 0, 0, 0];
// A part of a stated whole is the level-3 descriptors' 部分/局部 (some business scenes), not the 大部分 of 4.
const PART_SHIFT = [0, 0, 1.5, 0, -0.5];
// A start dated years back is the beginning of what runs now: established rather than a first attempt.
const DATED_START_SHIFT = [0, 0, 0.5, 1, 0.5];
// Counts of sites ("1000多家门店", "700 Zara stores"): the unit is the last word, so two counts compare.
const SITES = new RegExp('(\\d[\\d,]*)\\s*(?:多|余|\\+)?\\s*(?:家|个)?(?:[\\p{L}-]+\\s)?'
  + '(门店|分店|店|餐厅|工厂|网点|stores|locations|restaurants|sites|branches|plants)', 'giu');

/** A count of sites after a larger count of the same sites ("拥有1000多家门店…在400多家门店"): a part of the whole. */
export function smallerCountAfter(text: string): boolean {
  const seen = new Map<string, number>();
  for (const m of text.matchAll(SITES)) {
    const n = Number(m[1]!.replace(/,/g, ''));
    const unit = m[2]!.toLowerCase();
    if ((seen.get(unit) ?? 0) > n) return true;
    seen.set(unit, Math.max(seen.get(unit) ?? 0, n));
  }
  return false;
}

const lexicon = () => (defaultLex ??= compileLexicon(loadClauseLexicon()));

/** A clause that dates a start in the past: a point in time (2016年, "several years ago") and a start or adoption. */
export function isDatedStart(clause: string, lex: Compiled = lexicon()): boolean {
  return lex.dated.test(clause) && lex.start.test(clause);
}

/** A start word (开始做, early, started) in a clause dated in the past: history, not a first attempt. */
export function isDatedStartWord(word: string, clause: string, lex: Compiled = lexicon()): boolean {
  return lex.start.test(word) && lex.dated.test(clause);
}

/** What the decision stops is the old way ("决定取消纸质单据", "decided to stop the manual count"): named after the stop. */
function stopsOldWay(clause: string, lex: Compiled): boolean {
  const m = lex.decidedStop.exec(clause);
  return Boolean(m) && lex.oldWay.test(clause.slice(m!.index + m![0].length));
}

export function readClauses(text: string, lex: Compiled = lexicon()): ClauseReading {
  const parts = text.normalize('NFKC').split(SPLIT).map((s) => s.trim()).filter((s) => /[\p{L}\p{N}]/u.test(s));
  let sawBroad = false;
  const clauses: Clause[] = parts.map((t, i) => {
    const denied = lex.denial.test(t);
    // An incident the next clause says was absorbed ("机房断电，流量自动切到华北") shows the capability.
    const absorbed = denied || lex.denial.test(parts[i + 1] ?? '') || lex.denial.test(parts[i - 1] ?? '');
    const broad = lex.coverage.test(t);
    // An exception only counts after a claim of breadth (this clause or an earlier one).
    const exception = (sawBroad || broad) && lex.exception.test(t);
    sawBroad ||= broad;
    const failure = lex.failure.test(t) && !absorbed;
    return {
      text: t, broad, exception, failure, deficit: lex.deficit.test(t) && !denied,
      absent: lex.absence.test(t) && !denied && !exception,
      wanted: lex.plan.test(t),
      building: lex.building.test(t),
      // Given up in so many words (试了一次就没再用), or by a decision to stop what was tried or launched.
      // A stop of the old way (决定取消纸质单据) is progress, no trial given up (nor is 不再, a lower state denied).
      abandoned: lex.abandoned.test(t) || (lex.decidedStop.test(t) && !stopsOldWay(t, lex)),
      live: lex.deployed.test(t) && !lex.absence.test(t),
      datedStart: isDatedStart(t, lex),
    };
  });
  const perLevel = [0, 0, 0, 0, 0];
  const signals: ClauseSignal[] = [];
  let ceiling: Level | undefined;
  const cap = (l: Level) => { ceiling = Math.min(ceiling ?? 5, l) as Level; };
  const add = (s: ClauseSignal, shift: number[]) => { signals.push(s); shift.forEach((x, k) => { perLevel[k]! += x; }); };

  const has = clauses.filter((c) => !c.absent && !c.wanted && !c.abandoned && !c.failure);
  const absent = clauses.filter((c) => c.absent && !c.wanted);
  if (clauses.some((c) => c.abandoned)) { add('abandoned', [1.5, 2.5, 0, 0, 0]); cap(2); }
  const failed = clauses.findIndex((c) => c.failure);
  // An incident after a claim of breadth ("都上云了…就是去年爆单扩容慢了") is a gap in a strong story, not the story.
  if (failed >= 0 && !clauses.slice(0, failed).some((c) => c.broad && !c.absent)) {
    // Whatever was put in after the incident ("后来才上了VPN") is a start, not a mature capability.
    const after = clauses.slice(failed + 1).some((c) => !c.absent && !c.failure);
    // An incident alone says the capability failed once, not that nothing exists: people who write an
    // incident up mostly had something in place (the words around it, cue words, say when they did not).
    // A safeguard the story names (a standby site, failover, backup power, VPN) existed and did not hold: the
    // mechanism is there but not under control — the rubric's level 3 — rather than absent.
    // A safeguard named as missing ("完全没有冗余", "weren't redundant") is no safeguard: it sits in a negation's scope.
    const guarded = clauses.some((c) => segments(c.text).some((sg) => !sg.negated && lex.safeguard.test(sg.text)));
    add('failure', guarded ? [0, 1, 2, 0, 0] : after ? [0.5, 2, 1, 0, 0] : [1, 2, 0.5, 0, 0]);
    if (guarded) signals.push('guarded');
    cap(after || guarded ? 3 : 2);
  }
  // An answer that opens in a former state (最初…, 在项目早期, Initially, Prior to…) and never comes back to the
  // present describes how things were before a change: the problem that was written up, not a capability now.
  // A point in the past that dates a start ("Several years ago the company implemented…") opens what exists now.
  const opening = clauses[0]!;
  if (lex.past.test(opening.text) && !opening.datedStart && !clauses.slice(1).some((c) => lex.present.test(c.text))) {
    signals.push('former'); cap(3);
  }
  // Growth and the limit it ran into ("随着业务增长…成为瓶颈", "as the teams grew, it became a challenge"): a working
  // capability that was outgrown — in place, but not yet the standard of a level 4.
  const grew = clauses.findIndex((c) => lex.growth.test(c.text));
  if (grew >= 0 && clauses.slice(grew).some((c) => lex.limit.test(c.text))) { add('outgrown', OUTGROWN_SHIFT); cap(3); }
  if (clauses.some((c) => c.wanted) && !has.length) { add('wanted', [2.5, 1, 0, 0, 0]); cap(2); }
  // A need opened first and then explained (why, what it would take, the worry) is still a need, not a capability;
  // whoever explains what they are looking for is weighing options (在评估/选型: level 2) rather than unaware (1).
  else if (clauses[0]!.wanted && !has.some((c) => c.live) && has.length <= clauses.filter((c) => c.wanted).length + 1) { add('wanted', [0.5, 2, 0, 0, 0]); cap(3); }
  // A need or plan named beside what exists ("…已上线，明年计划打通线下", "we want to…"): what exists is not yet
  // complete. The plan does not say how low the rest is, so it only takes ground from the top two levels.
  else if (clauses.some((c) => c.wanted)) add('planned-beside', [0, 0, 0, -1, -1.5]);
  // The rest still to come beside what runs ("expected in all stores by 2016", "逐步推广到其他门店"), or a count of
  // sites below the whole the answer states: what runs covers a part, the level-3 descriptors' 部分/局部.
  if (has.length && !signals.some((s) => STRONGER.has(s))
    && (clauses.some((c) => lex.remainder.test(c.text)) || smallerCountAfter(text.normalize('NFKC')))) {
    add('part-of-whole', PART_SHIFT);
    cap(4);
  }
  // A build under way is a start the level-3 descriptors name (正在进行…搭建), neither a need (1–2) nor the thing built.
  if (clauses.some((c) => c.building) && !signals.some((s) => STRONGER.has(s))) {
    add('building', BUILDING_SHIFT);
    cap(3);
  }
  // A start dated in the past (2016年我们开始做…, "Things started to change in the early 1990s"): it has run since.
  if (clauses.some((c) => c.datedStart && !c.absent) && !signals.some((s) => STRONGER.has(s) || s === 'former')) {
    add('dated-start', DATED_START_SHIFT);
  }
  if (absent.length >= 2 && !has.length) { add('absent-list', [3, 1, 0, 0, 0]); cap(2); }
  else if (absent.length && !has.length && !signals.length) add('absent', [1.5, 0.5, 0, 0, 0]);
  // A write-up that is mostly problems with what exists ("效率低下…不能复用…接入困难", "hard to find,
  // infrequently updated") describes the pain that levels 1-2 name (缺少…, 影响严重), not a capability.
  const problems = clauses.filter((c) => (c.deficit || c.absent) && !c.wanted);
  if (!signals.some((s) => STRONGER.has(s)) && problems.length >= 2 && problems.some((c) => c.deficit)
    && size(problems) >= DEFICIT_SHARE * size(clauses) && !clauses.some((c) => c.live)) {
    add('deficits', DEFICIT_SHIFT);
    cap(3);
  }
  // One named gap after broad coverage: the exception is a single thing, the last word of the answer.
  const exceptions = clauses.filter((c) => c.exception);
  let gap: Clause | undefined;
  if (exceptions.length === 1 && clauses.at(-1)!.exception && !/[、和及与]|\band\b/u.test(exceptions[0]!.text) && !absent.length && !signals.length) {
    add('all-but-one', [0, 0, 0, 2.5, 0]);
    cap(4);
    gap = exceptions[0];
  } else if (!signals.length && has.some((c) => c.broad && c.live)) add('broad-live', [0, 0, 0, 1.5, 1.5]);
  // Named partners are the whole story ("和天猫、盒马有数据合作"): partnership, not an ecosystem.
  const partnerOnly = has.filter((c) => !(lex.names.test(c.text) && lex.relation.test(c.text))).length <= 1;
  const joined = clauses.map((c) => c.text).join(' ');
  if (partnerOnly && lex.names.test(joined) && lex.relation.test(joined) && !lex.ecosystem.test(joined)) { signals.push('named-partners'); cap(4); }
  // The one gap is read here, as a ceiling; as a cue word (纸) it would say that nothing is online.
  const actual = clauses.filter((c) => !c.wanted && !c.abandoned && c !== gap).map((c) => c.text).join(' ');
  return { clauses, perLevel, ceiling, signals, actual };
}
