import { COMMAND_WORDS } from '../knowledge/commands.js';
import type { Command, Level } from '../knowledge/types.js';
import type { Locale } from './types.js';

export type { Command } from '../knowledge/types.js';

/** What a message asks for, before any state is consulted. */
export type Intent =
  | { kind: 'empty' }
  | { kind: 'command'; command: Command; /** for details: the section asked for */ arg?: string }
  | { kind: 'digit'; value: number }
  | { kind: 'question'; text: string }
  /** "I don't know", "not my area": `who` is whoever the person said might know (IT部门). */
  | { kind: 'unsure'; text: string; who?: string }
  /** A tap on a multiple choice ("+零售"): add that choice, keep choosing. */
  | { kind: 'pick'; text: string }
  | { kind: 'text'; text: string };

// "完整报告 路线图" / "details roadmap": the report's sections on request.
const DETAILS = /^(完整报告|报告详情|details|full report)\s*[:：]?\s*(.{0,20})$/i;
// The words are data (knowledge/data/commands.json); matching a whole, normalised message is the mechanism here.
const LOOKUP = new Map<string, Command>(Object.entries(COMMAND_WORDS.commands)
  .flatMap(([c, words]) => words.map((w) => [w, c as Command])));

const QUESTION_START = /^(请问|什么是|什么叫|何为|如何|怎么|怎样|为什么|为何|哪些|有哪些|有什么|介绍一下|介绍|解释|说说|讲讲|白皮书|what|how|which|why|who|where|explain|tell me|describe|list|show me|is there|are there|can you|could you)/i;
const QUESTION_INSIDE = /(是什么|有哪些|有什么方案|有啥方案|啥意思|什么意思|怎么办|怎么做|如何做|哪几个|指什么|代表什么|分别是|讲了什么|说了什么|讲的什么|包括哪些|指的是什么|是啥|有啥)/;
// A question without a question mark often ends on its question word: "宫商角徵羽分别代表什么".
const QUESTION_END = /(什么|哪些|哪个|吗)$/;
/**
 * "Don't know" and "not my area" — short, with nothing else said. Longer messages that contain
 * 不知道 are answers and go to the scorer ("数据存在哪我也不知道，反正经常丢").
 */
const UNSURE = /^(这个|这块|这方面|这题|这)?(我)?(也|真)?(不太|不大|不)(清楚|知道|了解|懂|确定)|^(说不好|说不清|没概念|不归我管|不是我负责|我不负责|不负责这块|不了解)|^(not sure|no idea|i don'?t know|dunno|not my area)/i;
const WHO = /([A-Za-z]{2,6}|[\p{Script=Han}]{1,6}?)(部门|部|团队|组|中心|那边|同事)(管|负责|在管|比较清楚|清楚)/u;
const WHO_EN = /\b(?:ask|try)\s+(?:the\s+)?([A-Za-z]{2,12})\b|\b([A-Za-z]{2,12})\s+(?:team|department|dept)\s+(?:handles|owns|knows)/i;
// A question about the person's own level is an answer in disguise ("有备份没灾备，算几级？").
const SELF_ASSESSMENT = /(算几级|几级|哪一级|什么水平|哪个等级|which level|what level)/i;

export function normaliseCommand(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/^\//, '').replace(/[。.!！~～\s]+$/u, '').replace(/\s+/g, ' ');
}

export function classify(raw: string): Intent {
  // NFKC only for matching (full-width digits, ＡＩ); the person's words are kept as written.
  const original = raw.trim();
  const text = raw.normalize('NFKC').trim();
  if (!text) return { kind: 'empty' };
  const cmd = LOOKUP.get(normaliseCommand(text));
  if (cmd) return { kind: 'command', command: cmd };
  const details = DETAILS.exec(text);
  if (details) return { kind: 'command', command: 'details', arg: details[2]!.trim() };
  const digit = /^(?:level\s*|l|第)?([0-9]{1,2})(?:级)?$/i.exec(text.replace(/\s+/g, ''));
  if (digit) return { kind: 'digit', value: Number(digit[1]) };
  if (text.length <= 30 && UNSURE.test(text.replace(/^[，,。\s]+/u, ''))) {
    const m = WHO.exec(text);
    const e = WHO_EN.exec(text);
    const who = m ? `${m[1]}${m[2] === '同事' || m[2] === '那边' ? '' : m[2]}` : (e?.[1] ?? e?.[2]);
    return who ? { kind: 'unsure', text: original, who } : { kind: 'unsure', text: original };
  }
  if (/^[+＋]\s*\S/u.test(text) && text.length <= 20) return { kind: 'pick', text: text.replace(/^[+＋]\s*/u, '') };
  const isQuestion = (/[?？]$/.test(text) || QUESTION_START.test(text) || QUESTION_INSIDE.test(text) || QUESTION_END.test(text.replace(/[。.!！~～\s]+$/u, ''))) && !SELF_ASSESSMENT.test(text);
  return isQuestion ? { kind: 'question', text: original } : { kind: 'text', text: original };
}

export function asLevel(n: number): Level | undefined {
  return n >= 1 && n <= 5 && Number.isInteger(n) ? (n as Level) : undefined;
}

/**
 * The reply language: Chinese whenever the message has Han characters, English for Latin prose.
 * One English word is enough to open a conversation ("hello"); switching later takes more.
 */
export function detectLocale(text: string, fallback: Locale, minWords = 2): Locale {
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  return words.length >= minWords ? 'en' : fallback;
}
