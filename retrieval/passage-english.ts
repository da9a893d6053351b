import { en, loadEnglish } from '../knowledge/english.js';
import { ELEMENT_GLOSSARY, INDICATOR_GLOSSARY, PILLAR_GLOSSARY } from '../knowledge/glossary.js';
import type { ElementId, IndicatorId, Level, PillarId, Rubric } from '../knowledge/types.js';
import type { Passage } from './types.js';

/**
 * The English twin of a structural passage, from the project's English rendering of the whitepaper
 * (knowledge/data/en) and the glossary's English names: index-only text, so an English question meets
 * the passage in its own words ("forecast", "inventory", "single point of failure") instead of only
 * through the phrases the hand lexicon maps to Chinese. Prose chunks and user files have no twin.
 */
export function englishTwin(p: Passage, rubric: Rubric): string {
  const [kind, a, b] = p.id.split(':');
  const pillar = (id: number) => {
    const g = PILLAR_GLOSSARY[id as PillarId];
    return g ? `${g.en} ${g.aliases.join(' ')}` : '';
  };
  const indicator = (id: string) => {
    const g = INDICATOR_GLOSSARY[id as IndicatorId];
    return g ? `${g.en} ${g.aliases.join(' ')}` : '';
  };
  const element = (id: string) => {
    const g = ELEMENT_GLOSSARY[id as ElementId];
    return g ? `${g.en} ${g.aliases.join(' ')}` : '';
  };
  const elem = rubric.elements.find((e) => e.id === a);
  switch (kind) {
    case 'pillar':
      return pillar(Number(a));
    case 'ind':
      return `${indicator(a!)}: ${en.description(a as IndicatorId)}`;
    case 'lvl':
      return `${indicator(a!)}: ${en.level(a as IndicatorId, Number(b) as Level).text}`;
    case 'elem':
      return element(a!);
    case 'bn': {
      const t = en.bottleneck(a as ElementId, Number(b) - 1);
      return `${element(a!)} bottleneck: ${t.title}. ${t.text}`;
    }
    case 'dir':
      return elem ? `${element(a!)}: ${elem.directions.map((_, i) => en.direction(elem.id, i)).join('; ')}` : '';
    case 'sol': {
      const cell = rubric.solutions.filter((s) => String(s.pillar) === a && (b === 'all' ? false : s.element === b));
      const names = b === 'all' ? rubric.crossElement.names : cell.map((s) => s.name);
      const side = b === 'all' ? '' : element(b!);
      return `${pillar(Number(a))} ${side} solutions: ${names.map((n) => loadEnglish().solutions[n] ?? '').join('; ')}`;
    }
    case 'case':
      return en.caseTitle(Number(a));
    default:
      return '';
  }
}
