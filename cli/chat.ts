import fs from 'node:fs';
import os from 'node:os';
import { PassThrough, Readable } from 'node:stream';
import { loadConfig, secretValues } from '../config.js';
import { configureLog } from '../log.js';
import { runTerminal } from '../adapters/terminal/chat.js';
import { renderMarkdown } from '../adapters/dingtalk/render.js';
import { phoneLines, phoneRows } from '../adapters/dingtalk/rows.js';
import type { Reply } from '../bot/types.js';
import { createBot } from '../bot/index.js';
import { resolveElement } from '../knowledge/load.js';
import { buildReport } from '../bot/report.js';
import { SessionStateSchema, type Mode } from '../bot/session.js';
import type { ElementId, PillarId } from '../knowledge/types.js';
import { flag, parseArgs } from './args.js';

/**
 * `wuyin chat`: the terminal chat. Interactive on a TTY; piped stdin is one message per line.
 * `--script FILE` replays a file; the set-up flags start the interview at once; `--json` prints
 * the final assessment as one object; `--phone` prints each reply as DingTalk shows it on a phone
 * (the DingTalk renderer's markdown, taps as ［…］, with its phone rows).
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json', 'phone']);
  const config = loadConfig();
  configureLog({ level: config.WUYIN_LOG_LEVEL, secrets: secretValues(config) });
  const json = args.flags.has('json');
  const phone = args.flags.has('phone');
  const script = flag(args, 'script');
  const modeFlag = flag(args, 'mode') as Mode | undefined;
  if (modeFlag && !['quick', 'standard', 'focus'].includes(modeFlag)) throw new Error(`--mode must be quick, standard or focus (got ${modeFlag})`);
  const pillarFlag = flag(args, 'pillar');
  const pillar = pillarFlag ? Number(pillarFlag) : undefined;
  if (pillar !== undefined && !(pillar >= 1 && pillar <= 5 && Number.isInteger(pillar))) throw new Error(`--pillar must be 1–5 (got ${pillarFlag})`);
  const user = flag(args, 'user') ?? os.userInfo().username ?? 'local';

  const bot = await createBot(config);
  const elements: ElementId[] = [];
  for (const e of (flag(args, 'elements') ?? '').split(/[,，\s]+/).filter(Boolean)) {
    const id = resolveElement(bot.rubric, e);
    if (!id) { await bot.close(); throw new Error(`--elements: unknown business element '${e}' (use 品牌 商品 制造 渠道 营销 零售 服务 物流 金融 组织 技术)`); }
    elements.push(id);
  }
  const preset = modeFlag || pillar ? { mode: modeFlag ?? (pillar ? 'focus' : 'standard'), pillar: pillar as PillarId | undefined, elements } : undefined;
  // A script run is its own conversation, so replaying a file twice gives the same transcript.
  const conversationId = script || preset ? `cli:${user}:${Date.now().toString(36)}` : `terminal:${user}`;
  const transcript: Array<{ role: 'user' | 'bot'; text: string }> = [];
  // With --json the transcript is collected, not printed: stdout carries only the final object.
  const out = json ? new PassThrough() : process.stdout;
  let opening;
  if (preset) {
    opening = await bot.begin({ platform: 'terminal', conversationId, userId: user, messageId: `${conversationId}:setup` }, { ...preset, mode: preset.mode as Mode });
    for (const r of opening) transcript.push({ role: 'bot', text: r.text });
  }
  const input = script ? Readable.from([fs.readFileSync(script, 'utf8')]) : process.stdin;
  try {
    await runTerminal(bot, {
      user, conversationId, input, output: out,
      interactive: !script && Boolean(process.stdin.isTTY) && !json,
      echo: Boolean(script),
      ...(phone ? { render: phoneView, echoAs: (t: string) => `👤 ${t}` } : {}),
      onTurn: (text, replies) => { transcript.push({ role: 'user', text }); for (const r of replies) transcript.push({ role: 'bot', text: r.text }); },
    }, opening);
    if (json) {
      const state = await bot.store.getState(conversationId, { schema: SessionStateSchema });
      const report = state ? buildReport(bot.rubric, state) : undefined;
      process.stdout.write(JSON.stringify({
        assessment: {
          indicators: Object.fromEntries(Object.entries(state?.answers ?? {}).map(([id, a]) => [id, { level: a!.level, confidence: a!.confidence, evidence: a!.evidence }])),
          pillars: Object.fromEntries((report?.pillars ?? []).map((p) => [String(p.id), { score: p.score }])),
          overall: report?.overall ?? null,
          skipped: state?.skipped ?? [],
          complete: report?.complete ?? false,
        },
        recommendations: (report?.recommendations ?? []).map((r) => ({ pillar: r.pillar, element: r.element, name: r.name })),
        roadmap: (report?.roadmap ?? []).map((s) => ({ indicator: s.indicator, from: s.from, to: s.to, action: s.action })),
        transcript,
      }, null, 2) + '\n');
    }
  } finally {
    await bot.close();
  }
  return 0;
}

/** One reply as the phone shows it: each DingTalk message with its rows, then its lines. */
function phoneView(r: Reply): string {
  return renderMarkdown(r).map((m) => {
    const rows = phoneRows(m.text);
    return [`🤖 (${rows} ${rows === 1 ? 'row' : 'rows'})`, ...phoneLines(m.text).map((l) => `   ${l}`)].join('\n');
  }).join('\n');
}
