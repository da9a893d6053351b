/**
 * Files sent to the bot in Slack (adapters/slack/files.ts), through the real Bolt app over signed HTTP, a
 * loopback stand-in of the Web API and its file host, and a real retriever on a temporary data dir: an
 * admin's PDF and DOCX are downloaded with the bot token, ingested like `wuyin ingest` and cited by name;
 * the event is acknowledged at once and questions meanwhile are answered from the previous index; bad
 * files (encrypted, scanned, 200 MB, a zip bomb, a foreign URL) and non-admins get a clear reply and
 * change nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyingTurn } from '../../../adapters/delivery.js';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import { openStore } from '../../../bot/store/index.js';
import type { Handler } from '../../../bot/types.js';
import { loadRubric } from '../../../knowledge/load.js';
import { configureLog } from '../../../log.js';
import { createRetriever, type Retriever } from '../../../retrieval/retriever.js';
import { makeDocx, makePdf } from '../../retrieval/support/make-files.js';
import { waitFor } from '../support/handler.js';
import { postSigned, startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';

const SECRET = 'files-signing-secret-0123456789';
const TOKEN = 'xoxb-files-token-0123456789';
const MB = 1024 * 1024;
const logs: string[] = [];
configureLog({ level: 'info', secrets: [SECRET, TOKEN], sink: (l) => logs.push(l) });

let standin: SlackStandIn;
let adapter: SlackAdapter;
let retriever: Retriever;
let dataDir: string;
let storeDir: string;
let events: string;
let seq = 0;

/** Every file under the data dir with its size and mtime: "changes nothing" checked on disk. */
const snapshot = (dir: string) => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
  .map((d) => path.join(d.parentPath, d.name)).sort().map((f) => `${path.relative(dir, f)} ${fs.statSync(f).size} ${fs.statSync(f).mtimeMs}`);

function fileShare(channel: string, user: string, files: Array<Record<string, unknown>>, text = '') {
  const ts = `1700001000.${String(++seq).padStart(6, '0')}`;
  const event = { type: 'message', subtype: 'file_share', channel, channel_type: 'im', user, text, ts, team: 'T1', files };
  return JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvF${seq}`, event_time: 1700001000, event });
}
const dmText = (channel: string, user: string, text: string) => {
  const ts = `1700001000.${String(++seq).padStart(6, '0')}`;
  const event = { type: 'message', channel, channel_type: 'im', user, text, ts, client_msg_id: `cmf-${seq}`, team: 'T1' };
  return JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvF${seq}`, event_time: 1700001000, event });
};
const file = (id: string, name: string, bytes: Buffer, o: { size?: number; endless?: boolean; url?: string } = {}) => ({
  id, name, size: o.size ?? bytes.length, mimetype: 'application/octet-stream',
  url_private_download: o.url ?? standin.serveFile(id, name, bytes, { token: TOKEN, endless: o.endless }),
});
const post = (body: string) => postSigned(events, body, { secret: SECRET });
/** The bot's posts in a channel, as text. */
const said = (channel: string) => standin.posts(channel).map((p) => String(p.params.text));

beforeAll(async () => {
  standin = await startSlackStandIn();
  dataDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'wuyin-slack-files-'));
  retriever = await createRetriever({ dataDir, rubric: loadRubric(), maxIngestBytes: MB, offThread: true });
  storeDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'wuyin-slack-files-store-'));
  const store = openStore(storeDir);
  // Questions answered from the index as it stands: the top passage's file (or id).
  const handler: Handler = async (msg) => {
    const top = (await retriever.search(msg.text, { k: 1 }))[0];
    const text = `top: ${top?.source.file ?? top?.id ?? 'none'}`;
    return [{ kind: 'answer', text, blocks: [{ kind: 'text', text }] }];
  };
  adapter = createSlackAdapter({
    store, handle: replyingTurn(store, handler), botToken: TOKEN, signingSecret: SECRET, port: 0, host: '127.0.0.1',
    apiUrl: standin.apiUrl, webApiRetries: 0, rateLimitPerMin: 100,
    files: { admins: ['UADMIN', 'T1:UADMIN2'], ingest: (f) => retriever.ingest(f), maxBytes: MB },
  });
  events = `http://127.0.0.1:${(await adapter.start()).port}/slack/events`;
}, 120_000);

afterAll(async () => {
  await adapter?.stop();
  await standin?.close();
  for (const d of [dataDir, storeDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe('files sent to the bot in Slack', () => {
  it('an admin\'s PDF is acked at once, questions meanwhile use the previous index, then it is cited by name', async () => {
    const pdf = makePdf({ latin: ['Cold chain spoilage audit'], chinese: ['华东区域门店冷链损耗率为百分之三，冷库温控记录缺失'] });
    const res = await post(fileShare('DADM', 'UADMIN', [file('FPDF1', '华东 冷链审计.pdf', pdf)]));
    expect(res.status).toBe(200);
    // The ack does not wait for the download, the extraction or the index build.
    expect(res.ms).toBeLessThan(2500);
    const q = await post(dmText('DQ1', 'UOTHER', '冷链损耗率'));
    expect(q.status).toBe(200);
    const answer = await waitFor(() => said('DQ1')[0], 30_000, 'an answer during the ingest');
    const added = await waitFor(() => said('DADM').find((t) => t.includes('Added') || t.includes('已收录')), 90_000, 'the ingest reply');
    // The question was answered before the new index was in place, from the old one.
    if (standin.posts('DQ1')[0]!.at < standin.posts('DADM')[0]!.at) expect(answer).not.toContain('华东_冷链审计.pdf');
    expect(added).toContain('已收录「华东_冷链审计.pdf」：1 段');
    expect(standin.fileRequests.find((r) => r.id === 'FPDF1')!.authorization).toBe(`Bearer ${TOKEN}`);
    expect((await retriever.search('冷链损耗率', { k: 1 }))[0]!.source.file).toBe('华东_冷链审计.pdf');
    await post(dmText('DQ1', 'UOTHER', '冷链损耗率'));
    expect(await waitFor(() => said('DQ1')[1], 10_000, 'an answer after the ingest')).toContain('华东_冷链审计.pdf');
    // `wuyin sources` lists it, from the same data dir.
    const env = { ...process.env, WUYIN_DATA_DIR: dataDir, WUYIN_LOG_LEVEL: 'error', WUYIN_DATABASE_URL: '', OPENAI_API_KEY: '' };
    const listed = spawnSync('node', ['bin/wuyin.mjs', 'sources', '--json'], { encoding: 'utf8', env });
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ name: '华东_冷链审计.pdf', kind: 'pdf', bytes: pdf.length, passages: 1 }));
  }, 180_000);

  it('a DOCX from an admin named as team:user is ingested too; an English message gets an English reply', async () => {
    const docx = makeDocx(['经销商返利对账周期由九十天缩短到三十天', 'Distributor rebate reconciliation']);
    await post(fileShare('DADM2', 'UADMIN2', [file('FDOCX1', 'rebates.docx', docx)], 'our rebate notes'));
    const reply = await waitFor(() => said('DADM2').find((t) => t.startsWith('Added')), 90_000, 'the DOCX reply');
    expect(reply).toBe('Added "rebates.docx": 1 passages, searchable now and cited as "rebates.docx".');
    expect(retriever.sources().map((s) => s.name)).toContain('rebates.docx');
  }, 120_000);

  it('refuses bad files and non-admins with a clear reply, changing nothing and never fetching what it refuses', async () => {
    const before = snapshot(dataDir);
    const foreign = http.createServer((_req, res) => res.end('x'));
    const hits: string[] = [];
    foreign.on('request', (req) => hits.push(String(req.headers.authorization)));
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
    const foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/steal/x.pdf`;
    const bomb = makeDocx([], { name: 'word/document.xml', data: Buffer.alloc(8 * MB, 0x20), claimSize: 1000 });
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['UNOBODY', file('FNA', 'notes.md', Buffer.from('# our notes')), /^Only an admin \(WUYIN_ADMINS\) can add material to the library, so "notes.md" was not added and nothing changed/],
      ['UNOBODY', file('FNAZ', '门店笔记.md', Buffer.from('# 门店数字化试点')), /^只有管理员（WUYIN_ADMINS）可以往资料库加文件，所以「门店笔记.md」没有收录，什么也没有改变/],
      ['UADMIN', file('FENC', '加密.pdf', makePdf({ latin: ['secret'], encrypted: true })), /没有收录「加密.pdf」，什么也没有改变：the PDF is encrypted with a password/],
      ['UADMIN', file('FSCAN', '扫描.pdf', makePdf({ noText: true })), /没有收录「扫描.pdf」，什么也没有改变：no text layer in 1 page\(s\) — a scan\?/],
      ['UADMIN', file('FBIG', '大文件.pdf', Buffer.from('%PDF-1.4 '), { size: 200 * MB }), /没有收录「大文件.pdf」，什么也没有改变：209715200 bytes is over the 1048576-byte limit/],
      ['UADMIN', file('FSTREAM', '流.pdf', Buffer.alloc(64 * 1024, 0x41), { size: 1000, endless: true }), /没有收录「流.pdf」，什么也没有改变：the download passed the 1048576-byte limit \(WUYIN_MAX_INGEST_BYTES\) and was stopped/],
      ['UADMIN', file('FBOMB', '炸弹.docx', bomb), /没有收录「炸弹.docx」，什么也没有改变：word\/document.xml expands past/],
      ['UADMIN', file('FEXE', '工具.exe', Buffer.from('MZ')), /没有收录「工具.exe」，什么也没有改变：only .md, .txt, .pdf, .docx files/],
      ['UADMIN', file('FFOREIGN', '外链.pdf', Buffer.alloc(0), { url: foreignUrl }), /没有收录「外链.pdf」，什么也没有改变：it has no Slack download URL, so it was not fetched/],
    ];
    for (const [user, f, _want] of cases) expect((await post(fileShare(`D${f.id}`, user, [f]))).status).toBe(200);
    for (const [, f, want] of cases) {
      expect(await waitFor(() => said(`D${f.id}`)[0], 60_000, `the reply about ${f.name}`)).toMatch(want);
    }
    await new Promise<void>((r) => foreign.close(() => r()));
    expect(hits).toEqual([]);
    const fetched = (id: string) => standin.fileRequests.filter((r) => r.id === id);
    expect(fetched('FNA')).toEqual([]);
    expect(fetched('FNAZ')).toEqual([]);
    expect(fetched('FBIG')).toEqual([]);
    // The endless download was cut off near the cap, not read to its end.
    expect(fetched('FSTREAM')[0]!.sent).toBeLessThan(64 * MB);
    expect(snapshot(dataDir)).toEqual(before);
    // No log line carries a file name (the sender's words) or the token.
    const text = logs.join('\n');
    for (const word of ['notes.md', '门店笔记', '加密', '扫描', '炸弹', '外链', TOKEN]) expect(text).not.toContain(word);
  }, 180_000);

  it('a redelivered file event is taken once', async () => {
    const body = fileShare('DRE', 'UNOBODY', [file('FRE', 'again.txt', Buffer.from('hello'))]);
    await post(body);
    await post(body);
    await waitFor(() => said('DRE')[0], 10_000, 'the reply');
    await adapter.idle();
    expect(said('DRE')).toHaveLength(1);
  });
});
