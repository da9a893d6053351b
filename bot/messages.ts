import { indicatorOf } from '../knowledge/load.js';
import type { Element, IndicatorId, Level, Rubric } from '../knowledge/types.js';
import type { Mode, SessionState } from './session.js';
import type { Block, Citation, Locale, Reply, ReplyKind } from './types.js';

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
      case 'options': return b.options.map((o) => `${o.value}. ${o.label}${o.description ? ' — ' + o.description : ''}`).join('\n');
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

/** A short paraphrase of a level descriptor: the leading 企业 dropped, first clause or two. */
export function levelGist(text: string, max = 42): string {
  return brief(text.replace(/^(企业的?|整体)/u, ''), max);
}

export const STORED_NOTICE: T = {
  zh: '提示：我会保存本次对话、你的回答和评估结果，用于生成报告；随时发送「删除我的数据」即可全部删除。',
  en: 'Note: I store this conversation, your answers and the assessment to build your report; send "forget" at any time to delete all of it.',
};

export function greeting(loc: Locale, rubric: Rubric): Reply {
  return reply('greeting', [
    { kind: 'heading', text: t(loc, { zh: '你好，我是五音 · 数智化转型评估助手', en: 'Hi, I am Wuyin, your digital-intelligence transformation assistant' }) },
    { kind: 'text', text: t(loc, {
      zh: '我会按《消费品生态全链路数智化转型白皮书》的五部曲（宫商角徵羽）和25项指标，和你聊几分钟，给出成熟度评估、路线图和可参考的方案。中途可随时问白皮书里的问题。',
      en: 'Following the whitepaper’s five pillars (宫商角徵羽) and 25 indicators, I will interview you for a few minutes and give you a maturity assessment, a roadmap and matching solutions. Ask me about the whitepaper at any time.',
    }) },
    { kind: 'text', text: t(loc, STORED_NOTICE) },
    ...askElements(loc, rubric).blocks,
  ]);
}

export function askElements(loc: Locale, rubric: Rubric): Reply {
  return reply('setup', [
    { kind: 'text', text: t(loc, {
      zh: '第一步：你最关心哪些业务要素？回复编号或名称，可多选（如「6,8」或「零售 物流」），回复「全部」选全部。',
      en: 'Step 1: which business elements matter most to you? Reply with numbers or names, several allowed (e.g. "6,8" or "retail logistics"), or "all".',
    }) },
    { kind: 'options', options: rubric.elements.map((e: Element, i) => ({ value: String(i + 1), label: loc === 'zh' ? e.name : `${e.nameEn} (${e.name})` })) },
  ]);
}

export function askMode(loc: Locale): Reply {
  return reply('setup', [
    { kind: 'text', text: t(loc, { zh: '第二步：选择评估方式：', en: 'Step 2: choose how deep to go:' }) },
    { kind: 'options', options: [
      { value: '1', label: t(loc, { zh: '快速', en: 'Quick' }), description: t(loc, { zh: '每个部曲1题，共5题，约2分钟', en: 'one question per pillar, 5 in all, about 2 minutes' }) },
      { value: '2', label: t(loc, { zh: '标准', en: 'Standard' }), description: t(loc, { zh: '25项指标逐一评估，约10分钟', en: 'all 25 indicators, about 10 minutes' }) },
      { value: '3', label: t(loc, { zh: '聚焦', en: 'Focus' }), description: t(loc, { zh: '只评估一个部曲的5项指标', en: 'the five indicators of one pillar' }) },
    ] },
  ]);
}

export function askPillar(loc: Locale, rubric: Rubric): Reply {
  return reply('setup', [
    { kind: 'text', text: t(loc, { zh: '聚焦哪个部曲？', en: 'Which pillar should we focus on?' }) },
    { kind: 'options', options: rubric.pillars.map((p) => ({ value: String(p.id), label: loc === 'zh' ? `${p.note} ${p.name}` : `${p.nameEn} (${p.note} ${p.name})` })) },
  ]);
}

export const MODE_NAMES: Record<Mode, T> = {
  quick: { zh: '快速', en: 'quick' }, standard: { zh: '标准', en: 'standard' }, focus: { zh: '聚焦', en: 'focus' },
};

export function levelOptions(loc: Locale, rubric: Rubric, id: IndicatorId, only?: Level[]): Block {
  const ind = indicatorOf(rubric, id);
  return {
    kind: 'options',
    options: ind.levels.filter((l) => !only || only.includes(l.level)).map((l) => ({
      value: String(l.level),
      label: loc === 'zh' ? l.label : l.labelEn,
      description: levelGist(l.text),
    })),
  };
}

export function question(s: SessionState, rubric: Rubric): Reply {
  const loc = s.locale;
  const id = s.queue[s.index]!;
  const ind = indicatorOf(rubric, id);
  const pillar = rubric.pillars[ind.pillar - 1]!;
  const pos = `${s.index + 1}/${s.queue.length}`;
  return reply('question', [
    { kind: 'heading', text: loc === 'zh' ? `${id} ${ind.name}（${pillar.note} ${pillar.name} · 第${pos}题）` : `${id} ${ind.nameEn} — ${ind.name} (${pillar.nameEn}, question ${pos})` },
    { kind: 'text', text: (loc === 'zh' ? '' : 'What it means: ') + brief(ind.description, 70) },
    { kind: 'text', text: t(loc, { zh: '贵公司目前更接近哪一级？回复1–5，或直接用自己的话描述现状。', en: 'Where does your company stand? Reply 1–5, or describe your situation in your own words.' }) },
    levelOptions(loc, rubric, id),
  ]);
}

export function proposal(loc: Locale, rubric: Rubric, id: IndicatorId, level: Level, descriptor: string): Reply {
  const l = indicatorOf(rubric, id).levels[level - 1]!;
  return reply('proposal', [
    { kind: 'text', text: loc === 'zh'
      ? `我判断为${level}级（${l.label}），依据：“${brief(descriptor, 80)}”`
      : `I would rate this level ${level} (${l.labelEn}, ${l.label}), based on: “${brief(descriptor, 80)}”` },
    { kind: 'text', text: t(loc, { zh: '回复「对」确认，或回复1–5修改，也可以再补充说明。', en: 'Reply "yes" to confirm, 1–5 to correct, or add more detail.' }) },
    levelOptions(loc, rubric, id),
    { kind: 'citations', items: [levelCitation(rubric, id, level)] },
  ]);
}

export function followup(loc: Locale, rubric: Rubric, id: IndicatorId, pair: [Level, Level]): Reply {
  const ind = indicatorOf(rubric, id);
  const [a, b] = pair;
  return reply('followup', [
    { kind: 'text', text: loc === 'zh'
      ? `我还拿不准是${a}级还是${b}级。你们的情况更接近哪一种？`
      : `I can’t yet tell level ${a} from level ${b}. Which is closer to your situation?` },
    { kind: 'text', text: [a, b].map((l) => `${l}. ${loc === 'zh' ? ind.levels[l - 1]!.label : ind.levels[l - 1]!.labelEn}：${brief(ind.levels[l - 1]!.text, 90)}`).join('\n') },
    { kind: 'text', text: loc === 'zh' ? `回复${a}或${b}，或再补充一两句具体情况。` : `Reply ${a} or ${b}, or add a sentence or two of detail.` },
    levelOptions(loc, rubric, id, [a, b]),
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
      zh: '- 回答问题：回复1–5，或用自己的话描述现状\n- 随时提问：如「什么是数据中台？」「零售有哪些方案？」\n- 跳过：跳过当前题\n- 返回：回到上一题\n- 进度：查看进度\n- 报告：生成（阶段性）报告\n- 重新开始：清空本次评估\n- 删除我的数据：删除你的全部会话和回答\n- English：切换为英文',
      en: '- Answer: reply 1–5, or describe your situation in your own words\n- Ask anything about the whitepaper, e.g. "What is a data middle platform?"\n- skip: skip this question\n- back: previous question\n- progress: where we are\n- report: a (partial) report\n- restart: start over\n- forget: delete all your conversations and answers\n- 中文: switch to Chinese',
    }) },
  ]);
}

export function levelOptionsReply(loc: Locale, rubric: Rubric, id: IndicatorId): Reply {
  return reply('info', [levelOptions(loc, rubric, id)]);
}

export function errorReply(loc: Locale, s: T): Reply {
  return reply('error', [{ kind: 'text', text: t(loc, s) }]);
}
