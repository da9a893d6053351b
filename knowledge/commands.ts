import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadJsonFile } from './jsonl.js';
import { CommandWordsSchema, type CommandWords } from './types.js';

/**
 * The command words (knowledge/data/commands.json, schema CommandWordsSchema): which whole messages are
 * commands (帮助, skip, 不对…). bot/intent.ts is the mechanism; a word can be added without code.
 */
export const COMMAND_WORDS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'commands.json');

export function loadCommandWords(file = COMMAND_WORDS_FILE): CommandWords {
  return loadJsonFile(file, CommandWordsSchema);
}

export const COMMAND_WORDS: CommandWords = loadCommandWords();
