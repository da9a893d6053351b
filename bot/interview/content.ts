/**
 * Does a message say anything about how a company works? Gibberish, emoji, code, small talk and
 * questions back to the bot do not; they get a clarifying reply instead of a level.
 * The test is lexical on purpose: it must be cheap, deterministic and explainable.
 */
import { CONTENT_WORDS } from '../../knowledge/content-words.js';

// The words are data (knowledge/data/content-words.json); the checks and thresholds below are the mechanism.
// Business and IT vocabulary people use when describing their company (Chinese).
const ZH_TERMS = new RegExp(`(${CONTENT_WORDS.terms.zh.join('|')})`, 'iu');
// The same, in English.
const EN_TERMS = new RegExp(`\\b(${CONTENT_WORDS.terms.en.join('|')})`, 'iu');

const EN_TERMS_ALL = new RegExp(EN_TERMS.source, 'giu');

const CODE = /```|\b(select|insert|update|delete|drop)\b.+\b(from|into|table|set)\b|\bfunction\s*\(|=>|\bdef \w+\(|\bprint\(|<\/?\w+[^>]*>|;\s*--|console\.log|import \w+/i;
// Putting the answer off ("稍后再说，在开会"): the person will be back, and hears that their progress is kept.
const LATER = new RegExp(`(${CONTENT_WORDS.later.patterns.join('|')})`, 'iu');
// Venting about the day ("老板又让加班，烦死了"), questions back to the bot about itself or others, small talk.
const META = new RegExp(`(${CONTENT_WORDS.meta.patterns.join('|')})`, 'iu');

// Links, mentions and markup carry no description of the company (and may carry words like "channel").
const MARKUP = /https?:\/\/\S+|\[[^\]]*\]\([^)]*\)|<[!@#][^>]*>|<[^>]+>|@(all|here|channel|everyone|所有人)\b/giu;

/**
 * `content`: business vocabulary; `off-topic`: code, small talk, questions back; `plain`: prose of some
 * length without any of the listed words — plain-worded answers ("配方都在老师傅脑子里") look like this,
 * so the scorer checks them against the indicator's own level texts before giving up; `none`: too short.
 */
export type ContentKind = 'content' | 'off-topic' | 'plain' | 'none';

// A message that is one question back to the bot ("What exactly do you mean by 'touchpoint'?").
const QUESTION_BACK = /^(?:(?:what|which|who|how|why|can you|could you|is this|is it|are you|do you|does this)\b[^.!。！\n]*\?|[^。！\n]*(?:什么意思|啥意思|是指什么|指的是什么|怎么理解|指啥)[？?]?)$/iu;

export function contentKind(text: string): ContentKind {
  const t = text.normalize('NFKC').replace(MARKUP, ' ').trim();
  if (!t) return 'none';
  if (QUESTION_BACK.test(t)) return 'off-topic';
  const han = (t.match(/\p{Script=Han}/gu) ?? []).length;
  const latinWords = (t.match(/[A-Za-z]{2,}/g) ?? []).length;
  if (CODE.test(t) && han < 6) return 'off-topic';
  if (LATER.test(t) && !(ZH_TERMS.test(t.replace(LATER, '')) && han >= 20)) return 'off-topic';
  if (META.test(t)) {
    // Small-talk words inside a long description ("pulling POS, app logs, weather and distributor feeds") do not make it small talk.
    const rest = t.replace(META, ' ');
    const described = (ZH_TERMS.test(rest) && han >= 20) || (latinWords >= 12 && new Set([...rest.matchAll(EN_TERMS_ALL)].map((m) => m[0].toLowerCase())).size >= 3);
    if (!described) return 'off-topic';
  }
  if (han >= 2 && ZH_TERMS.test(t)) return 'content';
  if (latinWords >= 3 && EN_TERMS.test(t)) return 'content';
  return han >= 8 || latinWords >= 5 ? 'plain' : 'none';
}

export function hasRubricContent(text: string): boolean {
  return contentKind(text) === 'content';
}

/** A short message that puts the answer off ("稍后再说，在开会", "on a plane, will answer tonight"). */
export function isDeferral(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return t.length <= 60 && LATER.test(t) && contentKind(t) === 'off-topic';
}
