/**
 * One of several processes sharing a SQLite file in the multi-process load test: it runs its own
 * disjoint set of conversations and prints its LoadBench as one JSON line.
 *
 * usage: node --import tsx evals/bench/load-worker.ts <dataDir> <prefix> <conversations>
 */
import { createBot } from '../../bot/index.js';
import { loadConfig } from '../../config.js';
import { configureLog } from '../../log.js';
import { benchLoad } from './load.js';

const [dataDir, prefix, count] = process.argv.slice(2);
if (!dataDir || !prefix || !count) throw new Error('usage: load-worker.ts <dataDir> <prefix> <conversations>');
configureLog({ level: 'error' });
const bot = await createBot(loadConfig({ ...process.env, WUYIN_DATA_DIR: dataDir, OPENAI_API_KEY: '' }));
// Start together: each worker waits for the parent's go, so start-up does not dilute the rate.
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const result = await benchLoad(bot, { conversations: Number(count), prefix, seed: prefix.length * 7919 + Number(count) });
await bot.close();
process.stdout.write(JSON.stringify(result) + '\n');
