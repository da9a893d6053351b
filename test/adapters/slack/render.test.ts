import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../bot/types.js';
import { escapeMrkdwn, slackToPlain, stripBotMention, toMrkdwn } from '../../../adapters/slack/escape.js';
import { OPTION_ACTION_PREFIX, renderReply, splitMrkdwn } from '../../../adapters/slack/render.js';
import { REPORT_CHART, REPORT_FALLBACK } from '../support/handler.js';
import { blockTexts } from '../support/slack-standin.js';

describe('slack escaping', () => {
  it('escapes the control characters so links and mentions display literally', () => {
    expect(escapeMrkdwn('<!channel> & <http://evil|click>')).toBe('&lt;!channel&gt; &amp; &lt;http://evil|click&gt;');
  });

  it("keeps the bot's own bold and lists working", () => {
    expect(toMrkdwn('**Level 3** reached\n- one\n- <@U1> two')).toBe('*Level 3* reached\n• one\n• &lt;@U1&gt; two');
  });

  it('turns Slack-encoded user text into plain words', () => {
    expect(slackToPlain('<!channel> see <https://x.example|docs> and <https://y.example> &lt;3 &amp; <@U1|ann> in <#C1|general>')).toBe(
      '@channel see docs (https://x.example) and https://y.example <3 & @ann in #general',
    );
    expect(slackToPlain('mail <mailto:a@b.example|a@b.example>')).toBe('mail a@b.example');
    expect(stripBotMention('<@UBOT> hi <@UBOT|wuyin>', 'UBOT').trim()).toBe('hi');
  });

  it('a round trip of hostile user text cannot forge anything', () => {
    const user = slackToPlain('<!here> <http://evil.example|bank login> &lt;!channel&gt; &lt;http://evil|x&gt;');
    const out = toMrkdwn(`You said: ${user}`);
    expect(out).not.toContain('<');
    expect(out).toContain('&lt;!channel&gt;');
  });
});

describe('slack Block Kit rendering', () => {
  it('splits long text into sections of at most 3000 characters without cutting entities', () => {
    const long = ('word & more <b> ' + 'x'.repeat(50) + '\n').repeat(150);
    const reply: Reply = { kind: 'answer', text: 'long', blocks: [{ kind: 'text', text: long }] };
    const [seg] = renderReply(reply);
    const texts = blockTexts(seg!.kind === 'message' ? seg!.blocks : []);
    expect(texts.length).toBeGreaterThan(3);
    for (const t of texts) {
      expect(t.text.length).toBeLessThanOrEqual(3000);
      expect(t.text).not.toMatch(/&(a|am|l|g|lt|gt|amp)?$/);
    }
    expect(splitMrkdwn('a'.repeat(10) + '&amp;', 12)).toEqual(['a'.repeat(10), '&amp;']);
  });

  it('renders options as a list plus buttons whose value is what the user would type', () => {
    const reply: Reply = {
      kind: 'question',
      text: 'q',
      blocks: [{ kind: 'options', options: Array.from({ length: 30 }, (_, i) => ({ value: String(i + 1), label: `Option ${i + 1} ${'long '.repeat(20)}` })) }],
    };
    const [seg] = renderReply(reply);
    if (seg!.kind !== 'message') throw new Error('expected a message');
    const actions = seg!.blocks.filter((b) => b.type === 'actions') as Array<{ elements: Array<{ action_id: string; value: string; text: { text: string } }> }>;
    expect(actions).toHaveLength(2); // 25 buttons per actions block
    const buttons = actions.flatMap((a) => a.elements);
    expect(buttons.map((b) => b.value)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(30);
    expect(buttons.every((b) => b.action_id.startsWith(OPTION_ACTION_PREFIX) && b.text.text.length <= 75)).toBe(true);
  });

  it('renders citations as context lines, a chart as its own segment, in order', () => {
    const reply: Reply = {
      kind: 'report',
      text: 'r',
      blocks: [
        { kind: 'heading', text: 'Report' },
        { kind: 'chart', chart: REPORT_CHART, fallback: REPORT_FALLBACK },
        { kind: 'citations', items: [{ id: 'a', section: '1.1 <集成>', excerpt: 'x'.repeat(1000) }] },
      ],
    };
    const segs = renderReply(reply);
    expect(segs.map((s) => s.kind)).toEqual(['message', 'chart', 'message']);
    const ctx = (segs[2] as { blocks: Array<{ type: string; elements: Array<{ text: string; verbatim: boolean }> }> }).blocks[0]!;
    expect(ctx.type).toBe('context');
    expect(ctx.elements[0]!.text).toContain('1.1 &lt;集成&gt;');
    expect(ctx.elements[0]!.text.length).toBeLessThan(400);
    expect(ctx.elements[0]!.verbatim).toBe(true);
  });

  it('splits a reply with more than 50 blocks into several messages', () => {
    const reply: Reply = { kind: 'info', text: 't', blocks: Array.from({ length: 120 }, () => ({ kind: 'divider' as const })) };
    const segs = renderReply(reply);
    expect(segs.map((s) => (s.kind === 'message' ? s.blocks.length : 0))).toEqual([50, 50, 20]);
  });
});

describe('slack app manifest', () => {
  it('declares the scopes, events, interactivity and the /wuyin command the adapter needs', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../../adapters/slack/manifest.yaml', import.meta.url), 'utf8');
    const listed = (key: string) => {
      const m = new RegExp(`\\n(\\s*)${key}:\\n((?:\\1\\s+- .*\\n)+)`).exec(text);
      return m ? [...m[2]!.matchAll(/- ([^\s#]+)/g)].map((x) => x[1]) : [];
    };
    expect(listed('bot')).toEqual(expect.arrayContaining(['app_mentions:read', 'chat:write', 'im:history', 'im:read', 'commands', 'files:write']));
    expect(listed('bot_events')).toEqual(expect.arrayContaining(['message.im', 'app_mention']));
    expect(text).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(text).toMatch(/- command: \/wuyin\n\s+url: \S+\/slack\/events/);
  });
});
