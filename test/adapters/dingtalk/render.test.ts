import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../bot/types.js';
import { escapeDingMarkdown, toDingMarkdown } from '../../../adapters/dingtalk/escape.js';
import { MAX_MARKDOWN, renderMarkdown } from '../../../adapters/dingtalk/render.js';
import { messageText, RobotMessage } from '../../../adapters/dingtalk/payloads.js';

describe('dingtalk markdown escaping', () => {
  it('neutralises links, images, html and broadcast mentions', () => {
    const out = escapeDingMarkdown('[a](http://b) ![i](http://c) <b>x</b> @所有人 @ALL @allison a@all.example');
    expect(out).toBe('［a］(http://b) !［i］(http://c) ＜b＞x＜/b＞ @\u200B所有人 @\u200BALL @allison a@\u200Ball.example');
  });

  it("keeps the bot's bold and lists, with hard line breaks", () => {
    expect(toDingMarkdown('**Level 3**\n- one\n- two')).toBe('**Level 3**  \n- one  \n- two');
  });
});

describe('dingtalk rendering', () => {
  it('takes the title from the heading, plain', () => {
    const reply: Reply = { kind: 'report', text: 't', blocks: [{ kind: 'heading', text: '**报告** <x>' }, { kind: 'divider' }] };
    const [md] = renderMarkdown(reply);
    expect(md!.title).toBe('报告 ＜x＞');
    expect(md!.text).toBe('### **报告** ＜x＞\n\n———');
  });

  it('splits long replies into several messages', () => {
    const reply: Reply = { kind: 'answer', text: 't', blocks: Array.from({ length: 40 }, (_, i) => ({ kind: 'text' as const, text: `${i} ` + 'x'.repeat(300) })) };
    const mds = renderMarkdown(reply);
    expect(mds.length).toBeGreaterThan(2);
    for (const md of mds) expect(md.text.length).toBeLessThanOrEqual(MAX_MARKDOWN);
    expect(mds.map((m) => m.text).join('\n\n')).toContain('39 x');
  });

  it('reads text, rich text and audio messages; not pictures', () => {
    const base = { msgId: 'm', conversationId: 'c', conversationType: '1', senderId: 's', sessionWebhook: 'http://h/x', sessionWebhookExpiredTime: 1 };
    const parse = (o: object) => RobotMessage.parse({ ...base, ...o });
    expect(messageText(parse({ msgtype: 'text', text: { content: 'hi' } }))).toBe('hi');
    expect(messageText(parse({ msgtype: 'richText', content: { richText: [{ text: 'a' }, { pictureDownloadCode: 'x' }, { text: 'b' }] } }))).toBe('ab');
    expect(messageText(parse({ msgtype: 'audio', content: { recognition: '语音' } }))).toBe('语音');
    expect(messageText(parse({ msgtype: 'picture', content: { downloadCode: 'x' } }))).toBeNull();
  });
});
