import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadEnglish } from '../knowledge/english.js';
import type { Rubric } from '../knowledge/types.js';

/** What a report was made with, so a figure can be traced to the rubric, texts and code behind it. */
export interface ReportVersions {
  /** Wuyin's package version. */
  app: string;
  /** sha256 (first 16 hex) of the rubric model as loaded, and of the whitepaper it was parsed from. */
  rubric: string;
  whitepaper: string;
  /** sha256 (first 16 hex) of the English texts. */
  english: string;
  scorer: string;
}

let app: string | undefined;
const rubricHash = new WeakMap<Rubric, string>();
const short = (s: string) => crypto.createHash('sha256').update(s).digest('hex').slice(0, 16);

export function reportVersions(rubric: Rubric, scorer: string): ReportVersions {
  app ??= (JSON.parse(fs.readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string }).version;
  return { app, rubric: rubricHash.get(rubric) ?? (rubricHash.set(rubric, short(JSON.stringify(rubric))).get(rubric)!), whitepaper: rubric.source.sha256.slice(0, 16), english: short(JSON.stringify(loadEnglish())), scorer };
}
