/**
 * Slack text in both directions.
 *
 * Outgoing: a Reply's markdown-ish text may quote user words, so it is escaped as a whole
 * at render time: `&`, `<`, `>` become entities (Slack's only control characters for
 * links `<http://x|y>`, mentions `<@U…>` and broadcasts `<!channel>`/`<!here>`), and the
 * text objects are sent with `verbatim: true`, so Slack does not auto-link bare URLs or
 * `@channel`. Only then is the bot's own formatting converted (`**bold**` → `*bold*`,
 * `- item` → `• item`), which cannot create a link or mention.
 *
 * Incoming: Slack encodes user text (`<@U1>`, `<http://x|y>`, `&lt;`); `slackToPlain`
 * turns it into plain words for the orchestrator.
 */

/** Escapes Slack's control characters so text displays literally. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Markdown-ish Reply text (bold, `- ` lists) → safe Slack mrkdwn. */
export function toMrkdwn(markdownish: string): string {
  return escapeMrkdwn(markdownish)
    .replace(/\*\*([^*\n]+?)\*\*/g, '*$1*')
    .replace(/^(\s*)[-*] (?=\S)/gm, '$1• ');
}

/** Plain-text fields (headers, buttons) are never parsed by Slack; only trim them to their limit. */
export function plainText(text: string, max: number): string {
  const t = text.replace(/\*\*([^*\n]+?)\*\*/g, '$1').trim();
  return t.length <= max ? t : t.slice(0, max - 1) + '…';
}

/** Slack-encoded user text → plain text: links unwrapped, mentions shown as @name, entities decoded. */
export function slackToPlain(text: string): string {
  const unwrapped = text.replace(/<([^<>]*)>/g, (_m, inner: string) => {
    const [target = '', label] = splitOnce(inner, '|');
    if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) {
      const word = target.slice(1).split('^')[0] ?? '';
      if (label) return label;
      return `@${word}`;
    }
    if (/^(https?|mailto|tel):/i.test(target)) {
      const shown = target.replace(/^mailto:/i, '');
      return label && label !== shown ? `${label} (${shown})` : shown;
    }
    return label ?? target;
  });
  return decodeEntities(unwrapped);
}

/** Removes mentions of the bot itself (`<@UBOT>` or `<@UBOT|wuyin>`). */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text;
  return text.replace(new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`, 'g'), ' ');
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
