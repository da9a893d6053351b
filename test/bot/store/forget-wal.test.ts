import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openStore } from '../../../bot/store/index.js';
import { tmpDir } from '../helpers.js';

it('forget leaves none of the user’s words in the database or its WAL, while the store stays open', async () => {
  const dir = tmpDir();
  const store = openStore(dir);
  const MARK = 'secret-words-of-forgotten-user';
  await store.runTurn({ platform: 'test', conversationId: 'c', userId: 'gone', messageId: 'm1' },
    async () => ({ state: { said: MARK }, replies: [{ text: MARK }], userText: MARK }));
  await store.forgetUser('gone');
  for (const f of fs.readdirSync(dir).filter((x) => x.startsWith('wuyin.sqlite'))) {
    expect(fs.readFileSync(path.join(dir, f)).includes(Buffer.from(MARK)), `${f} still holds the words`).toBe(false);
  }
  await store.close();
});
