import { en } from '../knowledge/english.js';
import { indicatorOf } from '../knowledge/load.js';
import type { Element, IndicatorId, Level, Rubric } from '../knowledge/types.js';
import type { Mode, SessionState } from './session.js';
import type { Block, Citation, Locale, Reply, ReplyKind } from './types.js';
import { gist, withoutSubject } from './gist.js';
import { confidenceBand } from './interview/confidence.js';

/**
 * Reply builders: every user-facing sentence of the interview, in Chinese and English.
 * The level descriptors stay Chinese (the whitepaper's own words); everything around them follows
 * the person's language.
 */
export type T = { zh: string; en: string };
export const t = (loc: Locale, s: T) => s[loc];

export function reply(kind: ReplyKind, blocks: Block[]): Reply {
  return { kind, blocks, text: plainText(blocks) };
}

export function plainText(blocks: Block[]): string {
  return blocks.map((b) => {
    switch (b.kind) {
      case 'heading': return b.text;
      case 'text': return b.text;
      case 'options': return b.inline || b.multi
        ? [...b.options.map((o) => o.label), ...(b.multi ? [b.multi.done.label] : [])].join(' · ')
        : b.options.map((o) => `${o.value}. ${o.label}${o.description ? ' — ' + o.description : ''}`).join('\n');
      case 'citations': return b.items.map((c) => `[${c.section}]`).join(' ');
      case 'chart': return b.fallback;
      case 'divider': return '—';
      case 'document': return '';
    }
  }).join('\n');
}

/** First sentence of a text, cut to `max` characters at a clause boundary where possible. */
export function brief(text: string, max = 60): string {
  const first = text.split(/(?<=[。；！？])/u)[0] ?? text;
  if (first.length <= max) return first.replace(/[。；]$/u, '');
  const cut = first.slice(0, max);
  const at = Math.max(cut.lastIndexOf('，'), cut.lastIndexOf('、'));
  return (at > max / 2 ? cut.slice(0, at) : cut) + '…';
}

/**
 * A level descriptor as one phone row: the leading subject dropped (not 企业层面's 企业), whole
 * clauses that fit, or the first words that do, marked with "…". Full descriptors are on 详情.
 */
export const GIST_WIDTH = 15;
export function levelGist(text: string, max = GIST_WIDTH): string {
  return gist(withoutSubject(text), max);
}

export const STORED_NOTICE: T = {
  zh: '我会保存对话和回答用于报告，发「删除我的数据」即全部删除。',
  en: 'I keep this chat for your report; "forget" deletes it all.',
};

/**
 * The greeting fits one phone screen (≤ 10 rows). Times are what a person on a phone takes: a tap
 * is seconds, a sentence typed on a phone about half a minute, so 5 questions ≈ 3 minutes.
 */
export function greeting(loc: Locale, rubric: Rubric): Reply {
  const elements = askElements(loc, rubric).blocks;
  return reply('greeting', [
    { kind: 'heading', text: t(loc, { zh: '你好，我是五音', en: 'Hi, I am Wuyin' }) },
    { kind: 'text', text: t(loc, {
      zh: '按白皮书五部曲评估数智化成熟度，快速5题约3分钟。\n对话会保存，「删除我的数据」可全删',
      en: 'A 5-pillar maturity check, ~3 min\nChat is saved; "forget" erases it.',
    }) },
    ...elements,
    // The set-up in one message: elements and mode together ("零售 物流 标准") start the interview at once.
    { kind: 'text', text: t(loc, { zh: '或直接回复，如「零售 物流 标准」', en: 'Or type both: "retail standard"' }) },
  ]);
}

/** Tap labels only (the tap still sends the full name): eleven English names then fit three phone rows. */
const SHORT_EN: Record<string, string> = { Technology: 'Tech' };

export function askElements(loc: Locale, rubric: Rubric, picked: string[] = []): Reply {
  return reply('setup', [
    { kind: 'text', text: picked.length
      ? t(loc, { zh: `已选：${picked.join('、')}。可再点，选好点方式：`, en: `Picked: ${picked.join(', ')}. Pick more, then a mode:` })
      : t(loc, { zh: '第一步：关注哪些业务要素？可多选', en: 'Step 1: which elements? Pick any' }) },
    { kind: 'options', options: rubric.elements.map((e: Element, i) => ({ value: String(i + 1), label: loc === 'zh' ? e.name : SHORT_EN[e.nameEn] ?? e.nameEn, send: loc === 'zh' ? e.name : e.nameEn })),
      multi: { done: { label: t(loc, picked.length ? { zh: '完成', en: 'done' } : { zh: '全部', en: 'all' }), send: t(loc, picked.length ? { zh: '完成', en: 'done' } : { zh: '全部', en: 'all' }) } } },
    // After a pick, a mode tap ends the choice and starts the interview: no separate mode step.
    ...(picked.length ? [modeTaps(loc)] : []),
  ]);
}

function modeTaps(loc: Locale): Block {
  return { kind: 'options', inline: true, options: (['quick', 'standard', 'focus'] as const).map((m) => ({ value: m, label: t(loc, MODE_NAMES[m]), send: t(loc, MODE_NAMES[m]) })) };
}

export function askMode(loc: Locale): Reply {
  return reply('setup', [
    { kind: 'text', text: t(loc, { zh: '第二步：评估方式？', en: 'Step 2: how deep?' }) },
    { kind: 'options', options: [
      { value: '1', send: t(loc, { zh: '快速', en: 'quick' }), label: t(loc, { zh: '快速', en: 'Quick' }), description: t(loc, { zh: '5题，约3分钟', en: '5 questions, about 3 min' }) },
      { value: '2', send: t(loc, { zh: '标准', en: 'standard' }), label: t(loc, { zh: '标准', en: 'Standard' }), description: t(loc, { zh: '25项，约15分钟', en: '25 indicators, about 15 min' }) },
      { value: '3', send: t(loc, { zh: '聚焦', en: 'focus' }), label: t(loc, { zh: '聚焦', en: 'Focus' }), description: t(loc, { zh: '一个部曲5题，约3分钟', en: 'one pillar, 5 questions' }) },
    ] },
  ]);
}

export function askPillar(loc: Locale, rubric: Rubric): Reply {
  return reply('setup', [
    { kind: 'text', text: t(loc, { zh: '聚焦哪个部曲？', en: 'Which pillar should we focus on?' }) },
    { kind: 'options', options: rubric.pillars.map((p) => ({ value: String(p.id), send: `${p.note} ${p.name}`, label: loc === 'zh' ? `${p.note} ${p.name}` : `${p.nameEn} (${p.note})` })) },
  ]);
}

export const MODE_NAMES: Record<Mode, T> = {
  quick: { zh: '快速', en: 'quick' }, standard: { zh: '标准', en: 'standard' }, focus: { zh: '聚焦', en: 'focus' },
};

/** The five levels (or some of them) as taps, each one phone row: the number and the descriptor's gist. */
export function levelOptions(loc: Locale, rubric: Rubric, id: IndicatorId, only?: Level[]): Block {
  const ind = indicatorOf(rubric, id);
  return {
    kind: 'options',
    // English: the project's own gist of the translated descriptor, cut the same way.
    options: ind.levels.filter((l) => !only || only.includes(l.level)).map((l) => ({ value: String(l.level), label: loc === 'zh' ? levelGist(l.text) : gist(en.level(id, l.level).gist, GIST_WIDTH) })),
  };
}

/** Taps under a question: the full descriptors and skipping (typing works as well). */
function questionTaps(loc: Locale): Block {
  return { kind: 'options', inline: true, options: [
    { value: 'more', label: t(loc, { zh: '详情', en: 'details' }), send: t(loc, { zh: '详情', en: 'details' }) },
    { value: 'skip', label: t(loc, { zh: '跳过', en: 'skip' }), send: t(loc, { zh: '跳过', en: 'skip' }) },
    { value: 'idk', label: t(loc, { zh: '不清楚', en: 'not sure' }), send: t(loc, { zh: '不清楚', en: 'not sure' }) },
  ] };
}

/** A question on one phone screen (≤ 12 rows): heading, the one-line meaning, five one-row gists, taps. */
export function question(s: SessionState, rubric: Rubric): Reply {
  const loc = s.locale;
  const id = s.queue[s.index]!;
  const ind = indicatorOf(rubric, id);
  const pillar = rubric.pillars[ind.pillar - 1]!;
  const pos = `${s.index + 1}/${s.queue.length}`;
  return reply('question', [
    { kind: 'heading', text: loc === 'zh' ? `${id} ${ind.name} · ${pillar.note} ${pos}` : `${id} ${ind.nameEn} (${pos})` },
    // How to answer is said once, when the interview starts; here only what the indicator means.
    { kind: 'text', text: gist(loc === 'zh' ? ind.description : en.description(id), 33) },
    levelOptions(loc, rubric, id),
    questionTaps(loc),
  ]);
}

/** 详情: the indicator's full meaning and the five descriptors in the whitepaper's words. */
export function details(loc: Locale, rubric: Rubric, id: IndicatorId): Reply {
  const ind = indicatorOf(rubric, id);
  return reply('info', [
    { kind: 'heading', text: loc === 'zh' ? `${id} ${ind.name}` : `${id} ${ind.nameEn} (${ind.name})` },
    { kind: 'text', text: loc === 'zh' ? ind.description : en.description(id) },
    { kind: 'text', text: ind.levels.map((l) => `**${l.level} ${loc === 'zh' ? l.label : l.labelEn}**${loc === 'zh' ? `：${l.text}` : `: ${en.level(id, l.level).text}`}`).join('\n') },
    levelOptions(loc, rubric, id),
  ]);
}

export type Confidence = 'high' | 'medium' | 'low' | 'self';
const CONFIDENCE_WORDS: Record<Confidence, T> = {
  high: { zh: '把握：高', en: 'confidence: high' }, medium: { zh: '把握：中', en: 'confidence: medium' },
  low: { zh: '把握：低', en: 'confidence: low' }, self: { zh: '你的自评', en: 'your own rating' },
};
/** A scored confidence as 高/中/低; a level the person named is "self-rated", never a percentage. */
export function confidenceWord(loc: Locale, c: number | 'self'): string {
  return t(loc, CONFIDENCE_WORDS[c === 'self' ? 'self' : confidenceBand(c)]);
}

/** Taps after a proposal: 对 confirms, 改 asks which level, 跳过 skips. */
function proposalTaps(loc: Locale, all = false): Block {
  return { kind: 'options', inline: true, options: [
    { value: 'yes', label: t(loc, all ? { zh: '对，一并记录', en: 'yes, all' } : { zh: '对', en: 'yes' }), send: t(loc, { zh: '对', en: 'yes' }) },
    { value: 'change', label: t(loc, { zh: '改', en: 'change' }), send: t(loc, { zh: '改', en: 'change' }) },
    { value: 'skip', label: t(loc, { zh: '跳过', en: 'skip' }), send: t(loc, { zh: '跳过', en: 'skip' }) },
  ] };
}

/** A proposal in ≤ 6 rows: the level and how sure, one line of evidence, the taps; no list of levels. */
export function proposal(loc: Locale, rubric: Rubric, id: IndicatorId, level: Level, descriptor: string, confidence: number | 'self' = 'self', lead?: string,
  also: Array<{ indicator: IndicatorId; level: Level }> = []): Reply {
  const l = indicatorOf(rubric, id).levels[level - 1]!;
  // Other indicators the same answer settles: one line, confirmed by the same 对.
  const one = also.length === 1 ? indicatorOf(rubric, also[0]!.indicator) : undefined;
  const alsoLine = !also.length ? '' : loc === 'zh'
    ? `\n也答了${one ? `${one.id}${one.name}：${also[0]!.level}级` : `：${also.map((x) => `${x.indicator} ${x.level}级`).join('、')}`}`
    : `\nAlso answers ${also.map((x) => `${x.indicator}: level ${x.level}`).join(', ')}`;
  return reply('proposal', [
    { kind: 'text', text: (lead ? `${lead}\n` : '') + (loc === 'zh'
      ? `我判断为${level}级（${l.label}），${confidenceWord(loc, confidence)}\n依据：“${gist(withoutSubject(descriptor), 28)}”`
      : `I’d rate this level ${level} (${l.labelEn}), ${confidenceWord(loc, confidence)}\nBased on: “${gist(en.level(id, level).gist, 28)}”`) + alsoLine },
    proposalTaps(loc, also.length > 0),
  ]);
}

/** The end of an interview; a quick or focus one can grow into the standard one, keeping its answers. */
export function finished(loc: Locale, canExtend: boolean): Reply {
  return reply('info', [
    { kind: 'text', text: t(loc, { zh: '评估完成！可以继续问我白皮书里的问题，或回复「重新开始」。', en: 'Done! Keep asking about the whitepaper, or reply "restart".' }) },
    ...(canExtend ? [{ kind: 'options' as const, inline: true, options: [
      { value: 'extend', label: t(loc, { zh: '继续标准评估（保留已答）', en: 'continue to the standard assessment' }), send: t(loc, { zh: '继续标准评估', en: 'continue standard' }) },
    ] }] : []),
  ]);
}

/** 不对 / 改 after a proposal: which level, then? The taps, nothing recorded. */
export function whichLevel(loc: Locale, rubric: Rubric, id: IndicatorId, not?: Level): Reply {
  return reply('followup', [
    { kind: 'text', text: t(loc, { zh: `好的，那${not ? `不是${not}级，` : ''}更接近哪一级？`, en: `All right${not ? `, not level ${not}` : ''}: which level is closer?` }) },
    levelOptions(loc, rubric, id, ([1, 2, 3, 4, 5] as Level[]).filter((x) => x !== not)),
  ]);
}

/** 不清楚 / 不归我管: offer to skip, and say who might know when the person named them. */
export function offerSkip(loc: Locale, rubric: Rubric, id: IndicatorId, who?: string): Reply {
  const ind = indicatorOf(rubric, id);
  return reply('info', [
    { kind: 'text', text: loc === 'zh'
      ? `没关系，「${ind.name}」可以先跳过，不计入得分。${who ? `之后可以请${who}的同事来答这一题。` : '知道的同事（比如IT或数据负责人）之后可以补答。'}`
      : `No problem: “${ind.nameEn}” can be skipped and is not scored. ${who ? `Someone in ${who} could answer it later.` : 'A colleague who knows (IT, data) could answer it later.'}` },
    { kind: 'options', inline: true, options: [
      { value: 'skip', label: t(loc, { zh: '跳过', en: 'skip' }), send: t(loc, { zh: '跳过', en: 'skip' }) },
      { value: 'more', label: t(loc, { zh: '看详情再答', en: 'see details' }), send: t(loc, { zh: '详情', en: 'details' }) },
    ] },
  ]);
}

export function followup(loc: Locale, rubric: Rubric, id: IndicatorId, pair: [Level, Level]): Reply {
  const ind = indicatorOf(rubric, id);
  const [a, b] = pair;
  return reply('followup', [
    { kind: 'text', text: loc === 'zh'
      ? `我还拿不准是${a}级还是${b}级，更接近哪种？也可以再补充一句。`
      : `I can’t yet tell level ${a} from ${b}. Which is closer? Or add a sentence.` },
    { kind: 'options', options: [a, b].map((l) => ({ value: String(l), label: gist(withoutSubject(ind.levels[l - 1]!.text), 30) })) },
  ]);
}

export function clarify(loc: Locale, rubric: Rubric, id: IndicatorId, why: 'no-content' | 'injection' | 'later'): Reply {
  const ind = indicatorOf(rubric, id);
  if (why === 'later') {
    return info(loc, {
      zh: `好的，不着急。进度已保存，回来后直接回答「${id} ${ind.name}」即可（回复「进度」可查看进度）。`,
      en: `No rush — your progress is saved. When you are back, just answer ${id} ${ind.nameEn} (or reply "progress").`,
    });
  }
  const lead = why === 'injection'
    ? t(loc, { zh: '评分只看贵公司的实际情况，不能直接指定分数。', en: 'Scores come only from how your company actually works; they cannot be dictated.' })
    : t(loc, { zh: `这句话里我没读到关于「${ind.name}」的情况。`, en: `I couldn’t find anything about “${ind.nameEn}” in that message.` });
  const hint = t(loc, {
    zh: '能用一两句话说说你们实际是怎么做的吗？比如用了什么系统或工具、覆盖了多少业务、遇到过什么问题。也可以直接回复1–5，或回复「跳过」。',
    en: 'Could you describe in a sentence or two what you actually do — which systems or tools, how much of the business they cover, what problems you hit? Or reply 1–5, or "skip".',
  });
  return reply('info', [{ kind: 'text', text: `${lead}${loc === 'zh' ? '' : ' '}${hint}` }]);
}

export function levelCitation(rubric: Rubric, id: IndicatorId, level: Level): Citation {
  const ind = indicatorOf(rubric, id);
  const pillar = rubric.pillars[ind.pillar - 1]!;
  return { id: `lvl:${id}:${level}`, section: `${pillar.name} › ${id} ${ind.name} › ${level}级 ${ind.levels[level - 1]!.label}` };
}

export function info(loc: Locale, s: T): Reply {
  return reply('info', [{ kind: 'text', text: t(loc, s) }]);
}

export function help(loc: Locale): Reply {
  return reply('info', [
    { kind: 'heading', text: t(loc, { zh: '可以这样用我', en: 'How to use me' }) },
    { kind: 'text', text: t(loc, {
      zh: '- 回答问题：点选或回复1–5，或用自己的话描述现状\n- 详情：看当前题五个级别的完整描述\n- 不对/改：换一个级别；不清楚：可以先跳过\n- 标准评估每个部曲答完一起确认：回复「对」，或「1.3 3」改一项\n- 随时提问：如「什么是数据中台？」「零售有哪些方案？」\n- 跳过：跳过当前题\n- 返回：回到上一题\n- 进度：查看进度\n- 报告：生成（阶段性）报告\n- 重新开始：清空本次评估\n- 删除我的数据：删除你的全部会话和回答\n- English：切换为英文',
      en: '- Answer: tap or reply 1–5, or describe your situation in your own words\n- details: the full level descriptions\n- no / change: pick another level; not sure: skip for now\n- standard: each pillar is confirmed at its end: "yes", or "1.3 3" to change one\n- Ask anything about the whitepaper, e.g. "What is a data middle platform?"\n- skip: skip this question\n- back: previous question\n- progress: where we are\n- report: a (partial) report\n- restart: start over\n- forget: delete all your conversations and answers\n- 中文: switch to Chinese',
    }) },
  ]);
}

export function levelOptionsReply(loc: Locale, rubric: Rubric, id: IndicatorId): Reply {
  return reply('info', [levelOptions(loc, rubric, id)]);
}

export function errorReply(loc: Locale, s: T): Reply {
  return reply('error', [{ kind: 'text', text: t(loc, s) }]);
}
