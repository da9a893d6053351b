/**
 * Material a configured admin (WUYIN_ADMINS) sends the bot as a file: downloaded from `url_private` with
 * the bot token (files:read), under the ingest cap while it streams, then given to the same ingest as
 * `wuyin ingest` (PDF, DOCX, md/txt; on PostgreSQL the shared corpus). It is a change of the corpus, not
 * of an interview, so it runs beside the turns, never in one: the event is acknowledged at once and the
 * answer is posted when the ingest ends (the index builds in a worker thread meanwhile and questions are
 * answered from the previous one). A file is ingested by its name, so a redelivered event ingests the
 * same text again and changes nothing more (at least once is enough). Refusals and non-admins get a clear
 * reply and change nothing. No log line names the file: names are the sender's words.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { Locale } from '../../bot/types.js';
import { cleanUserText, safeId } from '../../bot/sanitize.js';
import { logger } from '../../log.js';
import { INGEST_EXTENSIONS, IngestFileError } from '../../retrieval/extract.js';
import type { IngestResult } from '../../retrieval/retriever.js';
import { guessLocale } from '../rate-limit.js';

export const SlackFile = z.object({
  id: safeId(64),
  name: z.string().max(1000).nullish(),
  size: z.number().int().nonnegative().nullish(),
  mimetype: z.string().max(200).nullish(),
  url_private_download: z.string().max(4096).nullish(),
  url_private: z.string().max(4096).nullish(),
}).passthrough();
export type SlackFile = z.infer<typeof SlackFile>;

export interface FileIntakeOptions {
  /** WUYIN_ADMINS: Slack user ids (U…) or team:user pairs (T…:U…). */
  admins: readonly string[];
  ingest(file: string): Promise<IngestResult>;
  /** WUYIN_MAX_INGEST_BYTES: refused before the download when Slack says the size, cut off during it otherwise. */
  maxBytes: number;
  botToken: string;
  /** SLACK_API_URL: its origin may serve files too (tests, proxies); otherwise only https://files.slack.com. */
  apiUrl?: string;
  post(channel: string, threadTs: string | undefined, text: string): Promise<void>;
}

export interface SharedFiles {
  team: string;
  user: string;
  channel: string;
  threadTs?: string;
  /** The message's text, for the reply's language. */
  text: string;
  files: SlackFile[];
}

const log = logger('slack');
const DOWNLOAD_TIMEOUT_MS = 120_000;

export function createFileIntake(opts: FileIntakeOptions) {
  const origins = new Set(['https://files.slack.com', ...(opts.apiUrl ? [new URL(opts.apiUrl).origin] : [])]);
  const seen = new Set<string>();
  // One ingest at a time, in arrival order: each one rebuilds the index after the last.
  let queue: Promise<void> = Promise.resolve();
  const isAdmin = (team: string, user: string) => opts.admins.includes(user) || opts.admins.includes(`${team}:${user}`);

  const one = async (shared: SharedFiles, file: SlackFile, locale: Locale) => {
    const name = fileName(file);
    const say = (text: string) => opts.post(shared.channel, shared.threadTs, text);
    if (!isAdmin(shared.team, shared.user)) return say(T[locale].notAdmin(name));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-intake-'));
    try {
      if (!INGEST_EXTENSIONS[path.extname(name).toLowerCase()]) {
        throw new IngestFileError(`${name}: only ${Object.keys(INGEST_EXTENSIONS).join(', ')} files can be ingested`);
      }
      const local = path.join(dir, name);
      await download(file, origins, opts.botToken, opts.maxBytes, local, name);
      const r = await opts.ingest(local);
      log.info('ingested a file sent in Slack', { kind: r.kind, passages: r.passages });
      await say(T[locale].done(r));
    } catch (err) {
      if (err instanceof IngestFileError) {
        log.info('refused a file sent in Slack', { reason: 'unsuitable file' });
        await say(T[locale].refused(name, err.message.startsWith(`${name}: `) ? err.message.slice(name.length + 2) : err.message));
      } else {
        log.error('could not ingest a file sent in Slack', { error: (err as Error).message.slice(0, 200) });
        await say(T[locale].failed(name));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  return {
    /** Queues the files (each once per process); returns at once, so the event is acknowledged at once. */
    accept(shared: SharedFiles): void {
      const locale = guessLocale(`${shared.text} ${shared.files.map((f) => f.name ?? '').join(' ')}`);
      for (const file of shared.files) {
        if (seen.has(file.id)) continue;
        seen.add(file.id);
        queue = queue.then(() => one(shared, file, locale)).catch((err: Error) => {
          log.error('could not answer about a file sent in Slack', { error: err.message.slice(0, 200) });
        });
      }
    },
    /** Resolves when every queued file is done. */
    idle: () => queue,
  };
}

/** The name the file is stored and cited under: its base name, cleaned like text, at most 120 characters. */
function fileName(file: SlackFile): string {
  const raw = cleanUserText(path.basename(String(file.name ?? '').replace(/\\/g, '/'))).replace(/[\u200b-\u200f\ufeff]/g, '');
  const ext = path.extname(raw);
  const stem = raw.slice(0, raw.length - ext.length).slice(0, 120 - ext.length);
  const name = `${stem}${ext}`.replace(/^\.+/, '');
  return name || `${file.id}.txt`;
}

/** Streams the file to `dest`, sending the token only to Slack's file host, and stops at `maxBytes`. */
async function download(file: SlackFile, origins: Set<string>, token: string, maxBytes: number, dest: string, name: string): Promise<void> {
  const refuse = (why: string) => new IngestFileError(`${name}: ${why}`);
  const over = (n: number) => refuse(`${n} bytes is over the ${maxBytes}-byte limit (WUYIN_MAX_INGEST_BYTES)`);
  if (typeof file.size === 'number' && file.size > maxBytes) throw over(file.size);
  const url = file.url_private_download ?? file.url_private;
  let parsed: URL | undefined;
  try {
    parsed = url ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  // The bot token goes to Slack only, whatever a payload says.
  if (!parsed || !origins.has(parsed.origin)) throw refuse('it has no Slack download URL, so it was not fetched');
  const res = await fetch(parsed, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!res.ok || !res.body) throw refuse(`the download answered HTTP ${res.status}`);
  // Without files:read Slack answers its sign-in page instead of the file.
  if (/text\/html/i.test(res.headers.get('content-type') ?? '') && !/\.html?$/i.test(name)) {
    throw refuse('Slack answered a web page instead of the file (does the app have the files:read scope?)');
  }
  const length = Number(res.headers.get('content-length') ?? NaN);
  if (length > maxBytes) throw over(length);
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? refuse(`the download passed the ${maxBytes}-byte limit (WUYIN_MAX_INGEST_BYTES) and was stopped`) : null, chunk);
    },
  });
  // pipeline ends every stream on any error (a cut-off download, a full disk), so nothing is left open.
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>), cap, fs.createWriteStream(dest));
}

const T: Record<Locale, {
  notAdmin(name: string): string; done(r: IngestResult): string; refused(name: string, why: string): string; failed(name: string): string;
}> = {
  zh: {
    notAdmin: (n) => `只有管理员（WUYIN_ADMINS）可以往资料库加文件，所以「${n}」没有收录，什么也没有改变。请管理员发给我。`,
    done: (r) => `已收录「${r.file}」：${r.passages} 段，现在就能检索，引用时写作「${r.file}」。`
      + (r.emptyPages ? `\n其中 ${r.emptyPages} 页没有文字层（扫描件？），没有收录。` : ''),
    refused: (n, why) => `没有收录「${n}」，什么也没有改变：${why}`,
    failed: (n) => `「${n}」这次没能收录完（内部错误），请稍后再发一次。`,
  },
  en: {
    notAdmin: (n) => `Only an admin (WUYIN_ADMINS) can add material to the library, so "${n}" was not added and nothing changed. Ask an admin to send it.`,
    done: (r) => `Added "${r.file}": ${r.passages} passages, searchable now and cited as "${r.file}".`
      + (r.emptyPages ? `\n${r.emptyPages} page(s) had no text layer (scanned?) and were left out.` : ''),
    refused: (n, why) => `"${n}" was not added; nothing changed: ${why}`,
    failed: (n) => `"${n}" could not be added this time (an internal error); please send it again later.`,
  },
};
