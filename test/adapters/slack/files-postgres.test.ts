/**
 * On PostgreSQL a file an admin sends in Slack goes into the shared corpus: the real Bolt app over signed
 * HTTP ingests it through the bot's configured retriever (WUYIN_DATABASE_URL, polling, off-thread builds),
 * and another replica, with its own data dir, serves and lists it after its poll.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyingTurn } from '../../../adapters/delivery.js';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import { openStore } from '../../../bot/store/index.js';
import { loadRubric } from '../../../knowledge/load.js';
import { configureLog } from '../../../log.js';
import { configuredRetriever, type ConfiguredRetriever } from '../../../retrieval/configured.js';
import { makeDocx } from '../../retrieval/support/make-files.js';
import { announcePostgres, freshDatabase, PG_URL } from '../../support/postgres.js';
import { waitFor } from '../support/handler.js';
import { postSigned, startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';

announcePostgres('Slack files into the shared corpus');
const SECRET = 'files-pg-signing-secret-0123456789';
const TOKEN = 'xoxb-files-pg-token-0123456789';
configureLog({ level: 'silent', secrets: [SECRET, TOKEN] });

describe.skipIf(!PG_URL)('Slack files on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let standin: SlackStandIn;
  let adapter: SlackAdapter;
  const replicas: ConfiguredRetriever[] = [];
  const dirs: string[] = [];
  const dir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-files-pg-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    db = await freshDatabase();
    const rubric = loadRubric();
    for (let i = 0; i < 2; i++) {
      replicas.push(await configuredRetriever({ dataDir: dir(), WUYIN_DATABASE_URL: db.url, WUYIN_CORPUS_POLL_MS: 200 }, { rubric }, true));
    }
    standin = await startSlackStandIn();
    const store = openStore(dir());
    adapter = createSlackAdapter({
      store, handle: replyingTurn(store, async () => []), botToken: TOKEN, signingSecret: SECRET, port: 0, host: '127.0.0.1',
      apiUrl: standin.apiUrl, webApiRetries: 0,
      files: { admins: ['UADMIN'], ingest: (f) => replicas[0]!.retriever.ingest(f), maxBytes: 1024 * 1024 },
    });
  }, 180_000);
  afterAll(async () => {
    await adapter?.stop();
    await standin?.close();
    for (const r of replicas) await r.close();
    await db?.drop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('an admin\'s DOCX reaches the shared corpus and the other replica serves and lists it', async () => {
    const events = `http://127.0.0.1:${(await adapter.start()).port}/slack/events`;
    const bytes = makeDocx(['经销商返利对账周期由九十天缩短到三十天', 'Distributor rebate reconciliation']);
    const url = standin.serveFile('FPG1', '返利.docx', bytes, { token: TOKEN });
    const event = { type: 'message', subtype: 'file_share', channel: 'DPG', channel_type: 'im', user: 'UADMIN', text: '', ts: '1700002000.000001', team: 'T1',
      files: [{ id: 'FPG1', name: '返利.docx', size: bytes.length, url_private_download: url }] };
    const body = JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvPG1', event_time: 1700002000, event });
    expect((await postSigned(events, body, { secret: SECRET })).status).toBe(200);
    const reply = await waitFor(() => standin.posts('DPG')[0], 120_000, 'the ingest reply');
    expect(String(reply.params.text)).toContain('已收录「返利.docx」：1 段');
    const other = replicas[1]!.retriever;
    await waitFor(async () => (await other.search('经销商返利对账', { k: 1 }))[0]?.source.file === '返利.docx', 120_000, 'the other replica');
    expect(other.sources()).toContainEqual(expect.objectContaining({ name: '返利.docx', kind: 'docx', bytes: bytes.length, passages: 1 }));
  }, 300_000);
});
