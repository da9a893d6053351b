/**
 * Fuzz, fixed seed: 1 000 validly signed, mutated Slack payloads (message and app_mention events,
 * /wuyin commands, button clicks; wrong types, nulls, missing fields, bad ids, odd unicode, huge
 * strings, bodies that are not objects) against the real Bolt app over HTTP, with the real bot
 * on a real SQLite file and the Slack Web API stand-in. No crash, no hang, no 5xx; the invalid
 * ones change nothing in the store (every table compared before and after), and the valid ones
 * (odd or huge text) are each answered.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/app.js';
import { createBot, type Bot } from '../../../bot/index.js';
import { loadConfig } from '../../../config.js';
import { configureLog } from '../../../log.js';
import { freshDataDir } from '../../faults/fixtures/data-dir.js';
import { badIds, badTs, dumpStore, hugeText, mutateAt, oddText, prng, WRONG_TYPES, type Rng } from '../support/fuzz.js';
import { waitFor } from '../support/handler.js';
import { BOT, postSigned, startSlackStandIn, type SlackStandIn } from '../support/slack-standin.js';

const SECRET = 'fuzz-signing-secret-2026';
const logs: string[] = [];
configureLog({ level: 'info', secrets: [SECRET], sink: (l) => logs.push(l) });

let standin: SlackStandIn;
let adapter: SlackAdapter;
let bot: Bot;
let events = '';
let dbFile = '';
const SEEDS = ['DSEED0', 'DSEED1', 'DSEED2'];
const THREAD = '1700005000.000100';

beforeAll(async () => {
  standin = await startSlackStandIn();
  const dir = await freshDataDir();
  bot = await createBot(loadConfig({ WUYIN_DATA_DIR: dir }));
  dbFile = path.join(dir, 'wuyin.sqlite');
  adapter = createSlackAdapter({ handle: bot.handle, store: bot.store, botToken: 'xoxb-fuzz', signingSecret: SECRET, port: 0, host: '127.0.0.1', apiUrl: standin.apiUrl, webApiRetries: 0, rateLimitPerMin: 10_000 });
  events = `http://127.0.0.1:${(await adapter.start()).port}/slack/events`;
}, 60_000);
afterAll(async () => {
  await adapter?.stop();
  await bot?.close();
  await standin?.close();
});

let n = 0;
const uniq = () => ++n;
const json = (body: unknown) => ({ body: JSON.stringify(body), type: 'application/json' as const });
const formOf = (fields: Record<string, string>) => ({ body: new URLSearchParams(fields).toString(), type: 'application/x-www-form-urlencoded' as const });

function dmEvent(channel: string, text: string) {
  const i = uniq();
  return {
    token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvF${i}`, event_time: 1700005000,
    event: { type: 'message', channel, channel_type: 'im', user: `U${channel}`, text, ts: `1700005000.${String(i).padStart(6, '0')}`, client_msg_id: `fz-${i}`, team: 'T1' },
  };
}
function mention(text: string) {
  const i = uniq();
  return {
    team_id: 'T1', type: 'event_callback', event_id: `EvM${i}`,
    event: { type: 'app_mention', channel: 'CSEED', user: 'UMENTION', text: `<@${BOT.userId}> ${text}`, ts: `1700005001.${String(i).padStart(6, '0')}`, thread_ts: THREAD, team: 'T1' },
  };
}
function command() {
  const i = uniq();
  return { command: '/wuyin', text: '3', user_id: 'UCMD', channel_id: 'CSEED', team_id: 'T1', trigger_id: `${i}.1.abc`, response_url: `${standin.base}/respond/fz-${i}` };
}
function click() {
  const i = uniq();
  return {
    type: 'block_actions', token: 'x', api_app_id: 'A1', trigger_id: `${i}.2.abc`, user: { id: 'UDSEED0', team_id: 'T1' }, team: { id: 'T1' }, channel: { id: 'DSEED0' },
    container: { type: 'message', message_ts: '1800000000.000001', channel_id: 'DSEED0', is_ephemeral: false },
    message: { ts: '1800000000.000001', type: 'message' }, response_url: `${standin.base}/respond/click-${i}`,
    actions: [{ type: 'button', action_id: 'wuyin_option:3', block_id: 'b', value: '3', action_ts: `1700005002.${i}` }],
  };
}

/** A hostile value for a field of the given kind. */
function hostile(rng: Rng, kind: 'id' | 'ts' | 'text' | 'url' | 'obj'): unknown {
  if (rng.next() < 0.5 || kind === 'obj') return rng.pick(WRONG_TYPES.filter((v) => !(kind === 'obj' && v !== null && typeof v === 'object' && !Array.isArray(v))));
  if (kind === 'ts') return badTs(rng);
  if (kind === 'url') return rng.pick(['not a url', 'javascript:alert(1)', '', 'x'.repeat(3000)]);
  if (kind === 'text') return rng.pick(WRONG_TYPES);
  return badIds(rng);
}

type Payload = { body: string; type: 'application/json' | 'application/x-www-form-urlencoded' };
/** One invalid payload aimed at the seeded conversations: applying it must change nothing. */
function invalid(rng: Rng): Payload {
  const which = rng.int(100);
  if (which < 8) {
    const raw = rng.pick(['null', '0', '"x"', '[]', '[null]', 'true', '{', '{"type":', '\u0000', '{"event":null}', '{"type":"event_callback","event":[]}']);
    return rng.next() < 0.5 ? { body: raw, type: 'application/json' } : formOf({ payload: raw });
  }
  if (which < 45) {
    // Required fields may also go missing; optional ones (falling back when absent) only turn hostile.
    const fields: Array<[string, 'id' | 'ts' | 'text' | 'obj', boolean]> = [
      ['event', 'obj', true], ['event.channel', 'id', true], ['event.ts', 'ts', true], ['event.user', 'id', false], ['event.text', 'text', false],
      ['event.thread_ts', 'ts', false], ['event.client_msg_id', 'id', false], ['event.team', 'id', false], ['event.channel_type', 'text', false],
      ['event_id', 'id', false], ['team_id', 'id', false], ['authorizations', 'obj', false], ['event.subtype', 'text', false],
    ];
    const [p, kind, required] = rng.pick(fields);
    const value = required && rng.next() < 0.2 ? undefined : p === 'event.subtype' ? rng.pick(['bot_message', 'message_changed', 7]) : p === 'authorizations' ? rng.pick([[null], 'x', [1]]) : hostile(rng, kind);
    return json(mutateAt(dmEvent(rng.pick(SEEDS), '3'), p, value));
  }
  if (which < 60) {
    const fields: Array<[string, 'id' | 'ts' | 'text' | 'obj']> = [['event.channel', 'id'], ['event.ts', 'ts'], ['event.text', 'text'], ['event.thread_ts', 'ts'], ['event.user', 'id'], ['event', 'obj']];
    const [p, kind] = rng.pick(fields);
    return json(mutateAt(mention('3'), p, hostile(rng, kind)));
  }
  if (which < 75) {
    const fields: Array<[string, 'id' | 'url']> = [['user_id', 'id'], ['channel_id', 'id'], ['team_id', 'id'], ['trigger_id', 'id'], ['response_url', 'url']];
    const [p, kind] = rng.pick(fields);
    const c: Record<string, unknown> = command();
    const roll = rng.next();
    if (roll < 0.2) delete c[p];
    else if (roll < 0.3) c.event = 'x';
    // Form fields are strings: only a string no id (or URL) may be.
    else c[p] = kind === 'url' ? rng.pick(['not a url', 'javascript:alert(1)', 'x'.repeat(3000)]) : badIds(rng);
    if (kind === 'id' && typeof c[p] === 'string' && !(c[p] as string).length) delete c[p];
    return formOf(c as Record<string, string>);
  }
  const fields: Array<[string, 'id' | 'ts' | 'text' | 'url' | 'obj']> = [
    ['user', 'obj'], ['user.id', 'id'], ['actions', 'obj'], ['actions.0', 'obj'], ['actions.0.action_id', 'id'], ['actions.0.value', 'text'],
    ['actions.0.action_ts', 'ts'], ['channel', 'obj'], ['channel.id', 'id'], ['team', 'obj'], ['team.id', 'id'], ['message.ts', 'ts'], ['response_url', 'url'],
  ];
  const [p, kind] = rng.pick(fields);
  let value = hostile(rng, kind);
  if (p === 'actions') value = rng.pick([null, [], [null], 'x', [{}], 5]);
  if (p === 'team' && value === null) value = 5; // a null team is valid (org-wide installs)
  if (p === 'actions.0.value') value = rng.pick([...WRONG_TYPES, '', 'x'.repeat(2001)]);
  return formOf({ payload: JSON.stringify(mutateAt(click(), p, value)) });
}

async function send(p: Payload): Promise<{ status: number; ms: number }> {
  const r = await postSigned(events, p.body, { secret: SECRET, contentType: p.type });
  return { status: r.status, ms: r.ms };
}

async function inBatches<T, R>(items: T[], size: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(f))));
  return out;
}

describe('slack fuzz (seed 20261201)', () => {
  it('1 000 mutated, signed payloads: no crash, no hang, no 5xx; invalid ones change nothing; valid ones are answered', async () => {
    const rng = prng(20261201);
    // Seed conversations a wrongly accepted payload would change: three DMs and a channel thread at question 1.1.
    for (const ch of SEEDS) {
      for (const t of ['开始', '全部', '2']) expect((await send(json(dmEvent(ch, t)))).status).toBe(200);
    }
    expect((await send(json({ ...mention('开始'), event: { ...mention('开始').event, ts: THREAD, thread_ts: undefined } }))).status).toBe(200);
    await waitFor(() => SEEDS.every((ch) => standin.posts(ch).length >= 3) && standin.posts('CSEED').length >= 1, 20_000, 'seeded conversations');
    await new Promise((r) => setTimeout(r, 300));
    const before = dumpStore(dbFile);
    const postsBefore = standin.calls.length;

    const bad = Array.from({ length: 850 }, () => invalid(rng));
    if (process.env.FUZZ_DEBUG) {
      for (const b of bad) {
        await send(b);
        await new Promise((r) => setTimeout(r, 30));
        if (dumpStore(dbFile) !== before) { console.log('OFFENDER', b.type, b.body.slice(0, 600)); break; }
      }
    }
    const results = await inBatches(bad, 25, send);
    await new Promise((r) => setTimeout(r, 500));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500), 'no 5xx').toHaveLength(0);
    expect(statuses.every((s) => s === 200 || s === 400)).toBe(true);
    expect(Math.max(...results.map((r) => r.ms)), 'no request hangs').toBeLessThan(3000);
    expect(dumpStore(dbFile), 'no state change from an invalid payload').toBe(before);
    expect(standin.calls.length - postsBefore, 'nothing posted for an invalid payload').toBe(0);
    const refused = statuses.filter((s) => s === 400).length;
    console.log(`slack fuzz: ${bad.length} invalid → ${refused} × 400, ${bad.length - refused} × 200 (acked, ignored)`);

    // 150 valid payloads with odd or huge text, each in a fresh DM: each gets an answer.
    const good = Array.from({ length: 150 }, (_, i) => ({ ch: `DFZV${i}`, p: json(dmEvent(`DFZV${i}`, rng.next() < 0.2 ? hugeText(rng) : oddText(rng))) }));
    const okResults = await inBatches(good, 25, (g) => send(g.p));
    expect(okResults.map((r) => r.status)).toEqual(Array(150).fill(200));
    await waitFor(() => good.every((g) => standin.posts(g.ch).length > 0), 30_000, 'a reply to every valid payload');
    expect(logs.some((l) => /unhandled error|An unexpected error/i.test(l))).toBe(false);
  }, 120_000);
});
