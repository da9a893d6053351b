import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../bot/store/index.js';
import { tmpDir } from '../bot/helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
function doctor(dir: string): { code: number; out: Record<string, unknown> } {
  try {
    return { code: 0, out: JSON.parse(execFileSync(process.execPath, ['bin/wuyin.mjs', 'doctor', '--json'], { cwd: ROOT, env: { ...process.env, WUYIN_DATA_DIR: dir }, encoding: 'utf8' })) };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, out: JSON.parse(e.stdout) };
  }
}

describe('wuyin doctor', () => {
  it('is healthy on a fresh store, and lists an undeliverable reply, a stuck inbox row and pending replies', async () => {
    const dir = tmpDir();
    const store = openStore(dir);
    await store.close();
    expect(doctor(dir)).toMatchObject({ code: 0, out: { healthy: true, integrity: { ok: true } } });

    const s = openStore(dir);
    const key = (id: string) => ({ platform: 'test' as const, conversationId: 'c1', userId: 'u1', messageId: id });
    await s.runTurn(key('m1'), async () => ({ state: {}, replies: [{ text: 'a' }, { text: 'b' }], userText: 'x' }), { target: { channel: 'C1' } });
    const [first] = await s.pendingOutbox();
    await s.markFailed(first!.id, 'channel_not_found', { final: true });
    const { id } = await s.enqueueInbox({ message: { ...key('m2'), text: 'hi' } });
    await s.failInbox(id!, 'disk I/O error');
    await s.close();
    const r = doctor(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatchObject({
      healthy: false,
      integrity: { ok: true },
      inbox: { pending: 1, stuck: [{ id, attempts: 1, error: 'disk I/O error' }] },
      outbox: { pending: [{ conversationId: 'c1' }] },
      undeliverable: [{ id: first!.id, error: 'channel_not_found' }],
    });
  });
});
