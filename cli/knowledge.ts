import { ingestWhitepaper, RUBRIC_FILE, SOURCE_FILE } from '../knowledge/ingest.js';

/** `wuyin knowledge [SOURCE]`: regenerate knowledge/rubric.json from the shipped whitepaper. */
export async function run(args: string[]): Promise<number> {
  const source = args[0] ?? SOURCE_FILE;
  const t0 = performance.now();
  const { rubric, changed } = ingestWhitepaper(source, RUBRIC_FILE);
  const n = rubric.pillars.flatMap((p) => p.indicators).length;
  process.stdout.write(
    `${changed ? 'wrote' : 'unchanged'} ${RUBRIC_FILE}: ${rubric.pillars.length} pillars, ${n} indicators, ` +
      `${rubric.elements.length} elements, ${rubric.solutions.length} solutions, ${rubric.cases.length} cases, ` +
      `${rubric.sections.length} prose sections (${Math.round(performance.now() - t0)} ms)\n`,
  );
  return 0;
}
