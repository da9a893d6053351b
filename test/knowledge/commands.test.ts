import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS, COMMAND_WORDS_FILE, loadCommandWords } from '../../knowledge/commands.js';
import { CommandSchema } from '../../knowledge/types.js';
import { classify, normaliseCommand } from '../../bot/intent.js';

/** The stated invariants of knowledge/data/commands.json (the command words). */
const listed = [
  ...Object.entries(COMMAND_WORDS.commands).flatMap(([command, words]) => words.map((w) => ({ command, w }))),
  ...COMMAND_WORDS.pastReport.words.map((w) => ({ command: 'pastReport', w })),
];

describe('command words (knowledge/data/commands.json)', () => {
  it('lists words for every command and rejects a file with an unknown or a missing one', () => {
    expect(Object.keys(COMMAND_WORDS.commands).sort()).toEqual([...CommandSchema.options].sort());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-commands-'));
    try {
      const raw = JSON.parse(fs.readFileSync(COMMAND_WORDS_FILE, 'utf8'));
      const write = (x: unknown) => { const f = path.join(dir, 'c.json'); fs.writeFileSync(f, JSON.stringify(x)); return f; };
      expect(() => loadCommandWords(write({ ...raw, commands: { ...raw.commands, dance: ['跳舞'] } }))).toThrow(/dance/);
      const { help: _help, ...rest } = raw.commands;
      expect(() => loadCommandWords(write({ ...raw, commands: rest }))).toThrow(/help/);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });

  it('keeps every word in the form messages are matched in, so none is unreachable', () => {
    for (const { command, w } of listed) expect(normaliseCommand(w), `${command}: ${w}`).toBe(w);
  });

  it('gives a word to one command only (a second listing would silently win)', () => {
    const seen = new Map<string, string>();
    for (const { command, w } of listed) {
      expect(seen.get(w), `${w} under ${seen.get(w)} and ${command}`).toBeUndefined();
      seen.set(w, command);
    }
  });

  it('takes no digit, which would shadow a level answer, and every command word classifies as its command', () => {
    for (const { command, w } of listed) expect(/\d/.test(w), `${command}: ${w}`).toBe(false);
    for (const [command, words] of Object.entries(COMMAND_WORDS.commands)) {
      for (const w of words) expect(classify(w), w).toMatchObject({ kind: 'command', command });
    }
  });
});
