import type { Level } from '../../knowledge/types.js';
import { CUE_WORDS, type CueGroup } from '../../knowledge/cues.js';
import { segments } from './negation.js';
import { isDatedStartWord } from './clauses.js';

/**
 * Cue words: how people describe each maturity level in their own words, independent of the
 * indicator. They are read off the level labels and the wording shared by each level's 25
 * descriptors (1 缺少/没有, 2 尝试/个别, 3 部分/一定/但, 4 大部分/统一, 5 完善/体系/全部/生态),
 * plus everyday synonyms (全靠人工, 试点, POC, 口径不一). Negation flips or damps a cue:
 * "没有完全统一" is not level 4, "不是没有备份" is not level 1.
 */
export interface CueHit { level: Level; weight: number; cue: string }

interface Cue { re: RegExp; level: Level; weight: number; mature: boolean }

// What the readers below look for is data (knowledge/data/cues.json); the reading is the mechanism here.
const W = CUE_WORDS;
const compile = (groups: Array<Pick<CueGroup, 'level' | 'weight' | 'patterns' | 'claimsMaturity'>>): Cue[] =>
  groups.flatMap((g) => g.patterns.map((p) => ({
    re: new RegExp(p, 'giu'), level: g.level, weight: g.weight, mature: g.claimsMaturity ?? g.level === 5,
  })));
const alternation = (ps: string[]) => ps.join('|');

const CUES: Cue[] = compile(W.cues);

/**
 * Breadth said plainly ("所有订单都来自线上", "全体导购", "all business had moved to the cloud") is the rubric's 大部分
 * → 全部 step: level 4 on its own (on the real development lines such passages were rated 4 three times
 * as often as 5), level 5 beside a claim of maturity (闭环, 持续优化, 体系) — breadth of a mature practice.
 */
const BREADTH: Cue[] = compile([W.breadth]);
const MATURE_BREADTH: Level = W.breadth.matureLevel;

// Negations that cap a claim: "还没有完全统一" / "not fully" / "only in one region" read as level 3, not 4–5.
const CAPS: Cue[] = compile(W.caps.groups);
const CAP_PENALTY = W.caps.penalty;
// Double negation: "不是没有备份" / "并非没有" — absence is denied, so level 1 is unlikely.
const DENIED_ABSENCE = new RegExp(alternation(W.deniedAbsence.patterns), 'iu');

// Cues that carry their own negation (不统一, 缺少统一, not unified) are read on the whole text: negation
// scope would hide them. Not the 但/but ones: their negation belongs to the gap they introduce.
// (Tested against a cue's regex source, where every word is preceded by its own \b.)
const NEGATES = /没|未|不|缺|无|not\b|nothing|n't/u;
const BUT = /但|不过|but /u;
// Which text each cue is matched on, decided once: the whole text, or only outside negation scopes.
const CUE_TEXT = CUES.map((cue) => ({ cue, whole: cue.level < 3 || (NEGATES.test(cue.re.source) && !BUT.test(cue.re.source)) }));
// A negating prefix right before a cue word: non-standard, non-automated, 非标准, 非自动化.
const PREFIX_NEGATED = /(?:\bnon-|非)$/iu;
// Level-1 cues without the global flag, to test a stretch of text for any absence at all.
const ABSENCE = CUES.filter((cue) => cue.level === 1).map((cue) => new RegExp(cue.re.source, 'iu'));
const DENIAL = new RegExp(alternation(W.denial.patterns), 'giu');
/** The weight left to an absence named after a contrast: it qualifies what exists. */
const QUALIFIED_GAP = W.contrast.qualifiedGapWeight;
// Where one clause ends, for reading a cue within its clause.
const CLAUSE_BREAK = /[，。；！？,;!?\n]|[.](?=\s|$)/u;
const CONTRAST = new RegExp(`(${alternation(W.contrast.patterns)})`, 'iu');
const CONCEDING = new RegExp(`(${alternation(W.contrast.conceding.patterns)})`, 'iu');

// What a share can be a share of: the units a company's coverage is counted in.
const UNITS_ZH = alternation(W.coverage.unitsZh);
const UNITS_EN = alternation(W.coverage.unitsEn);
const SHARE_ZH = new RegExp(`(\\d{1,3}(?:\\.\\d+)?)\\s*[%％]|([一二三四五六七八九十])成`, 'gu');
const SHARE_AFTER_ZH = new RegExp(`^\\s*(?:以上|左右|多)?(?:的)?(?:[\\p{Script=Han}]{0,2})?(?:${UNITS_ZH})`, 'iu');
const SHARE_EN = new RegExp(`\\b(\\d{1,3}(?:\\.\\d+)?)\\s*(?:%|percent)\\s+of\\s+(?:(?:our|its|their|the|all)\\s+)?(?:[a-z-]+\\s+)?(?:${UNITS_EN})\\b`, 'giu');
const CN_TENTHS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const COVERAGE_LEVELS = W.coverage.levels;
// A unit of measure right after a scope word ("a few minutes", "a couple of clicks", "a few kB"): a magnitude, no scope.
const MAGNITUDE_AFTER = new RegExp(`^\\s*(?:of\\s+)?(?:${alternation(W.magnitude.units)})`, 'iu');

/**
 * Coverage given as a number ("80%的订单来自线上", "九成门店", "30% of its inventory"): the share itself
 * names the level — the rubric's 个别 / 部分 / 大部分 / 全部 — where the words around it may not. Only a
 * share of something a company's coverage is counted in (orders, stores, sales…): "准确率30%" is no coverage.
 */
export function quantifiedCoverage(text: string): CueHit[] {
  const hits: CueHit[] = [];
  const level = (pct: number): Level => COVERAGE_LEVELS.find((b) => pct >= b.atLeast)?.level ?? COVERAGE_LEVELS.at(-1)!.level;
  for (const m of text.matchAll(SHARE_ZH)) {
    const pct = m[1] !== undefined ? Number(m[1]) : CN_TENTHS[m[2]!]! * 10;
    if (pct > 100 || !SHARE_AFTER_ZH.test(text.slice(m.index! + m[0].length))) continue;
    hits.push({ level: level(pct), weight: W.coverage.weight, cue: m[0] });
  }
  for (const m of text.matchAll(SHARE_EN)) {
    const pct = Number(m[1]);
    if (pct <= 100) hits.push({ level: level(pct), weight: W.coverage.weight, cue: m[0] });
  }
  return hits;
}

// Level-5 claims said in other words, each with the descriptor words that must be there (knowledge/data/cues.json).
const DECIMAL = '\u2024';
const TOP_CLAIMS = W.topClaims.groups.map((g) => ({
  descriptor: new RegExp(alternation(g.descriptorWords), 'u'),
  re: new RegExp(alternation(g.patterns), 'iu'), weight: g.weight,
}));

/**
 * What a level-5 descriptor asks for, said in other words: a magnitude in figures (2000多个应用, 30+PB, thousands
 * of models) is its 海量/大量, a capability offered outward (对外开放, delivery-as-a-service, selling data) its
 * 合作伙伴/生态. Each is a cue for the top level where, and only where, the indicator's own level-5 text asks for
 * it; elsewhere it says size or a product line. Read outside negation (no "没有15000台服务器").
 */
export function topClaims(text: string, topDescriptor: string): CueHit[] {
  // A decimal point (2.6%, 30.5PB) is no clause break: it is kept out of the segmenting and put back after.
  const positive = segments(text.normalize('NFKC').replace(/(\d)\.(?=\d)/gu, `$1${DECIMAL}`))
    .filter((sg) => !sg.negated).map((sg) => sg.text).join('，').replaceAll(DECIMAL, '.');
  return TOP_CLAIMS.filter((c) => c.descriptor.test(topDescriptor)).flatMap((c) => {
    const m = c.re.exec(positive);
    return m ? [{ level: W.topClaims.level, weight: c.weight, cue: m[0] }] : [];
  });
}

export interface CueReading {
  hits: CueHit[];
  /** Summed cue weight per level (index 0 = level 1). */
  perLevel: number[];
  deniedAbsence: boolean;
  /** A claim is capped: "没有完全统一", "其他业务还没用", "not fully". */
  capped: boolean;
}

// The clause a match sits in.
const clauseAround = (text: string, at: number, length: number) => text.slice(0, at).split(CLAUSE_BREAK).at(-1)!
  + text.slice(at, at + length) + text.slice(at + length).split(CLAUSE_BREAK)[0]!;

export function readCues(text: string): CueReading {
  const t = text.normalize('NFKC');
  const hits: CueHit[] = [];
  const perLevel = [0, 0, 0, 0, 0];
  // A capped phrase is consumed first so "没有完全统一" does not also count as 统一 (4) or 没有 (1).
  let rest = t;
  let capped = false;
  for (const cap of CAPS) {
    rest = rest.replace(cap.re, (m) => {
      capped = true;
      hits.push({ level: cap.level, weight: cap.weight, cue: m });
      perLevel[cap.level - 1]! += cap.weight;
      perLevel[3]! -= CAP_PENALTY['4'];
      perLevel[4]! -= CAP_PENALTY['5'];
      return ' ';
    });
  }
  let deniedAbsence = DENIED_ABSENCE.test(rest);
  if (deniedAbsence) rest = rest.replace(DENIED_ABSENCE, ' ');
  // A lower state denied ("现在不是拍脑袋了", "it's not like stores are offline") is no absence either.
  rest = rest.replace(DENIAL, (m) => {
    if (ABSENCE.some((re) => re.test(m))) { deniedAbsence = true; return ' '; }
    return m;
  });
  // Claims of maturity (levels 3–5) only count outside a negation's scope: "没有灾备" is no 灾备.
  const positive = segments(rest).filter((sg) => !sg.negated).map((sg) => sg.text).join('，');
  // A gap named after a contrast ("有X，但Y全靠手工") qualifies what exists; it does not say nothing exists.
  const turn = CONTRAST.exec(rest);
  const head = turn ? rest.slice(0, turn.index) : '';
  const qualified = turn && /\p{L}{4,}/u.test(head) && !ABSENCE.some((re) => re.test(head));
  // The mirror: a gap conceded before the contrast, which then names what exists ("we don't have standard
  // passwords but there are standardized access groups", "没有专门团队，但有外包在管"), is the lesser part.
  const concession = qualified ? null : CONCEDING.exec(rest);
  const tail = concession ? rest.slice(concession.index + concession[0].length) : '';
  const conceded = concession && /\p{L}{4,}/u.test(tail) && !ABSENCE.some((re) => re.test(tail));
  // Plain breadth reads as 5 only beside a claim of maturity (闭环, 体系), not beside 全面 or 实时.
  let mature = false;
  for (const { cue, whole } of CUE_TEXT) {
    const source = whole ? rest : positive;
    for (const m of source.matchAll(cue.re)) {
      // A claim its own prefix negates (non-standard, 非标准) is no claim: negation scope does not see inside a word.
      if (cue.level >= 3 && PREFIX_NEGATED.test(source.slice(Math.max(0, m.index! - 4), m.index!))) continue;
      // A start dated years back (2016年我们开始做, "in the early 1990s") says how long it has run: no first attempt.
      if (cue.level === 2 && isDatedStartWord(m[0], clauseAround(source, m.index!, m[0].length))) continue;
      // A scope word before a unit of measure ("a few clicks", "a few kB") says how much, not how far it has spread.
      if ((cue.level === 2 || cue.level === 3) && MAGNITUDE_AFTER.test(source.slice(m.index! + m[0].length))) continue;
      const weight = cue.level === 1 && ((qualified && m.index! > turn!.index) || (conceded && m.index! < concession!.index))
        ? cue.weight * QUALIFIED_GAP : cue.weight;
      hits.push({ level: cue.level, weight, cue: m[0] });
      perLevel[cue.level - 1]! += weight;
      mature ||= cue.mature;
    }
  }
  // Breadth quantifies what its own clause says: "all our deployments are happening manually" is an absence
  // everywhere, not coverage. In a clause with a level-1 cue, breadth is weight for level 1.
  const clauseOf = (at: number) => clauseAround(positive, at, 0);
  for (const cue of BREADTH) {
    for (const m of positive.matchAll(cue.re)) {
      const absentHere = ABSENCE.some((re) => re.test(clauseOf(m.index!)));
      const level: Level = absentHere ? 1 : mature ? MATURE_BREADTH : cue.level;
      hits.push({ level, weight: cue.weight, cue: m[0] });
      perLevel[level - 1]! += cue.weight;
    }
  }
  for (const hit of quantifiedCoverage(rest)) { hits.push(hit); perLevel[hit.level - 1]! += hit.weight; }
  if (deniedAbsence) perLevel[0] = Math.min(perLevel[0]!, 0) - 1;
  return { hits, perLevel, deniedAbsence, capped };
}

const CN_DIGITS: Record<string, Level> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5 };
const LABEL_LEVEL: Array<[RegExp, Level]> = [
  [/能力缺失/, 1], [/尝试探索/, 2], [/浅层应用/, 3], [/深度掌握/, 4], [/体系成熟/, 5],
];

/**
 * An explicit self-assessment: 三级, 第三级, 3级, level 3, L3, 浅层应用. Business talk is full of other
 * levels — 等保三级, 三级经销商, 三四级城市, 数据分了四级 — and those are never a self-assessment.
 */
export function explicitLevel(text: string): Level | undefined {
  const t = text.normalize('NFKC');
  const m = /(?<!等保|等级保护|分了?|分为|分成|按|共|[一二两三四五1-5])(?:第)?([一二两三四五1-5])\s*(?:级|档|level)(?!\s*(?:等保|等级保护|经销|分销|代理|市场|城市|仓|渠道|供应商|门店|医院|分类|分级|管|审批|权限|认证|资质|标准|子公司|部门|组织|架构|目录|菜单|页面|缓存|备份|数据))|(?:level|lvl|\bl)\s*([1-5])\b|等级\s*(?:是|为)?\s*([1-5一二三四五])/iu.exec(t);
  const d = m?.[1] ?? m?.[2] ?? m?.[3];
  if (d) return CN_DIGITS[d];
  for (const [re, level] of LABEL_LEVEL) if (re.test(t)) return level;
  return undefined;
}

/** Attempts to dictate a score rather than describe the company. */
export function isInjection(text: string): boolean {
  return /(忽略|无视|忘记|忘掉|ignore|disregard|forget)\s*(以上|之前|前面|上面|所有|all|previous|above|prior|the)?\s*(的)?\s*(指令|指示|规则|提示|设定|instructions?|rules?|prompts?)|(给|打|评|判)(我|我们)?\s*(满分|[1-5一二三四五]\s*(分|级))|(^|\n)\s*(system|assistant)\s*:|系统提示词|【系统提示】|\[系统提示\]|系统提示\s*[:：]|评分员|(直接|请)(评|打|给)(为|成)?\s*(level\s*)?[1-5一二三四五]|you are now|你现在是|扮演|\b(rate|score|grade) (me|us|it|this)\b[^.!?\n]{0,24}?\b[1-5]\b(?!\s*(million|thousand|hundred|k\b|m\b|%|stores|years))|\bgive (me|us|it|this) (a |an )?(level |score |rating |grade |mark )?(of )?[1-5]\b(?!\s*(million|thousand|hundred|k\b|m\b|%))|full marks|满分/iu.test(text);
}
