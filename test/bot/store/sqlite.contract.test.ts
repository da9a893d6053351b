import { beforeAll } from 'vitest';
import { openStore } from '../../../bot/store/index.js';
import { configureLog } from '../../../log.js';
import { storeContract } from './contract.js';
import { tempDirs } from './helpers.js';

beforeAll(() => configureLog({ level: 'silent' }));
const dirs = tempDirs();
storeContract('SQLite', {
  async create() {
    const dir = dirs.make();
    return { open: async (opts) => openStore(dir, opts) };
  },
  async cleanup() {
    dirs.cleanup();
  },
});
