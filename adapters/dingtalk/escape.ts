/**
 * DingTalk markdown escaping. A Reply's text may quote user words, so it is escaped as a
 * whole at render time, in a way that keeps the bot's own `**bold**` and `- ` lists:
 *
 * - `[` `]` become fullwidth ［ ］: no `[text](url)` link or `![](img)` image can be formed
 *   (DingTalk's markdown has no reliable backslash escape, so the characters are replaced).
 * - `<` `>` become fullwidth ＜ ＞: no raw HTML (`<a>`, `<font>`) or `<url>` autolink.
 * - `@all`, `@所有人`, `@everyone`, `@here` get a zero-width space after `@`. Real mentions in
 *   DingTalk also need the message's `at` field, which Wuyin never sets; this keeps the text
 *   from even looking like one.
 *
 * Bare URLs stay visible as they are (a link that shows its own target cannot mislead).
 */
export function escapeDingMarkdown(text: string): string {
  return text
    .replace(/\[/g, '［')
    .replace(/\]/g, '］')
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    .replace(/@(?=(all|everyone|here|所有人)(?![\p{L}\p{N}_]))/giu, '@\u200B');
}

/**
 * Markdown-ish Reply text → DingTalk markdown: escaped, `**bold**` and `- ` lists kept,
 * single line breaks made hard (DingTalk clients otherwise join lines).
 */
export function toDingMarkdown(markdownish: string): string {
  return escapeDingMarkdown(markdownish)
    .split('\n')
    .map((l) => l.trimEnd())
    .join('  \n');
}

/** The notification title: escaped like the body, bold and heading marks removed, one line. */
export function plainTitle(text: string, max = 30): string {
  const t = escapeDingMarkdown(text).replace(/\*\*/g, '').replace(/^#+\s*/, '').replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1) + '…';
}
