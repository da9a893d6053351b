import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { freshDataDir } from './fixtures/data-dir.js';
import type { ScriptedMessage } from './fixtures/interview-driver.js';

/**
 * kill -9 in the middle of a scripted interview, then a restart that re-sends every message with
 * the same ids (as a platform redelivers unacknowledged events): the interview resumes, no answer
 * is lost or doubled, and the end state is the one an uninterrupted run reaches.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const DRIVER = path.join(ROOT, 'test/faults/fixtures/interview-driver.ts');
const CONV = 'crash-conv';

interface Line { id: string; replies: string[] }
interface Run { lines: Line[]; code: number | null; signal: NodeJS.Signals | null }

/** Standard interview of 25 indicators: mostly digits, some free text confirmed with 对, some commands. */
function script(): ScriptedMessage[] {
  const texts = ['开始', '全部', '2'];
  const free: Record<number, string> = {
    2: '我们有多运营商接入和跨区专线，核心业务都上了云，但边缘节点还很少。',
    7: '门店、导购和会员都已经在线上触达，数据实时回流到中台。',
    16: '数据资产有统一目录和分级分类，治理制度已经落地执行。',
  };
  for (let i = 0; i < 25; i++) {
    if (i === 10) texts.push('进度');
    if (free[i]) texts.push(free[i]!, '对');
    texts.push(String((i % 5) + 1));
  }
  texts.push('报告');
  // A digit after a confirmed text answer lands on the next question; the run is deterministic
  // either way, which is all the comparison needs.
  return texts.map((text, i) => ({ id: `msg-${String(i).padStart(3, '0')}`, text }));
}

function drive(dataDir: string, scriptFile: string, killAfter?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', DRIVER, dataDir, scriptFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Line[] = [];
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    readline.createInterface({ input: child.stdout }).on('line', (l) => {
      const parsed = JSON.parse(l) as Line | { ready: true };
      if ('ready' in parsed) return;
      lines.push(parsed);
      if (killAfter !== undefined && lines.length === killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`driver exited ${code}: ${stderr}`));
      else resolve({ lines, code, signal });
    });
  });
}

function dbRows(dataDir: string) {
  const db = new Database(path.join(dataDir, 'wuyin.sqlite'), { readonly: true });
  try {
    return {
      state: (db.prepare('SELECT state FROM conversations WHERE conversation_id = ?').pluck().get(CONV) as string),
      // The transcript: each user row, then the replies of that message (stored once, in `replies`).
      turns: (db.prepare('SELECT message_id, text FROM turns WHERE conversation_id = ? ORDER BY seq').all(CONV) as Array<{ message_id: string; text: string }>).flatMap((t) => {
        const bodies = db.prepare('SELECT body FROM replies WHERE conversation_id = ? AND message_id = ? ORDER BY position').pluck().all(CONV, t.message_id) as string[];
        const user = { message_id: t.message_id, role: 'user', text: t.text };
        return bodies.length ? [user, { message_id: t.message_id, role: 'bot', text: bodies.map((b) => (JSON.parse(b) as { text: string }).text).join('\n\n') }] : [user];
      }),
      answers: db.prepare('SELECT indicator, level FROM answers WHERE conversation_id = ? ORDER BY indicator').all(CONV),
      processed: db.prepare('SELECT message_id FROM processed_messages WHERE conversation_id = ? ORDER BY message_id').pluck().all(CONV) as string[],
    };
  } finally {
    db.close();
  }
}

let messages: ScriptedMessage[];
let scriptFile: string;
let reference: { run: Run; db: ReturnType<typeof dbRows> };

beforeAll(async () => {
  messages = script();
  const dir = await freshDataDir();
  scriptFile = path.join(dir, 'script.json');
  fs.writeFileSync(scriptFile, JSON.stringify({ conversationId: CONV, userId: 'crash-user', messages }));
  // The uninterrupted run every crashed one must end up equal to.
  const refDir = await freshDataDir();
  const run = await drive(refDir, scriptFile);
  reference = { run, db: dbRows(refDir) };
}, 60_000);

describe('kill -9 mid-interview, then restart with every message redelivered', () => {
  it('the uninterrupted reference run completes the interview', () => {
    expect(reference.run.lines).toHaveLength(messages.length);
    const state = JSON.parse(reference.db.state);
    expect(state.phase).toBe('done');
    expect(reference.db.answers).toHaveLength(25);
  });

  it('resumes after two crashes with no answer lost or doubled and the same end state', async () => {
    const dir = await freshDataDir();
    // Crash early (still in set-up), then again mid-interview, then let it finish.
    const first = await drive(dir, scriptFile, 2);
    const second = await drive(dir, scriptFile, 30);
    const last = await drive(dir, scriptFile);
    expect(first.signal).toBe('SIGKILL');
    expect(second.signal).toBe('SIGKILL');
    expect(second.lines.length).toBeLessThan(messages.length);
    expect(last.code).toBe(0);

    // Every redelivery got the reply of the original turn, exactly as the uninterrupted run did.
    expect(last.lines).toEqual(reference.run.lines);

    const db = dbRows(dir);
    const userIds = db.turns.filter((t) => t.role === 'user').map((t) => t.message_id);
    const botIds = db.turns.filter((t) => t.role === 'bot').map((t) => t.message_id);
    expect(userIds).toEqual(messages.map((m) => m.id));
    expect(botIds).toEqual(messages.map((m) => m.id));
    expect(db.processed).toEqual(messages.map((m) => m.id));
    // Each indicator recorded exactly once in the transcript and once in the answers table.
    const recordings = db.turns.filter((t) => t.role === 'bot' && /已记录：|已确认：/.test(t.text));
    expect(recordings).toHaveLength(25);
    expect(db.answers).toEqual(reference.db.answers);
    expect(db.turns).toEqual(reference.db.turns);
    expect(JSON.parse(db.state)).toEqual(JSON.parse(reference.db.state));
  }, 60_000);
});
