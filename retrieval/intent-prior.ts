/**
 * What kind of passage a question asks for, read from its wording: "X是什么意思" wants a
 * definition (a pillar or an indicator), "有啥方案" a solution cell, "瓶颈/痛点" a bottleneck,
 * "要建设哪些能力" the capability directions, "有人做过吗/案例" a case. Matching passages get a
 * multiplicative boost; queries that ask for nothing in particular (a described situation) get none.
 */
export interface KindPrior { prefixes: string[]; boost: number }

const RULES: Array<{ re: RegExp; prefixes: string[] }> = [
  { re: /(是什么|是啥|什么意思|啥意思|怎么理解|如何理解|指什么|指的是|定义|含义|\bwhat (does|do|is|are)\b.*\b(mean|stand for)\b|\bdefin(e|ition)\b|\bmeaning\b)/iu, prefixes: ['pillar:', 'ind:'] },
  { re: /(方案|解决方案|办法|工具|产品|\bsolutions?\b|\bpropos(e|al|es)\b|\bproducts?\b|\boffer(s|ing)?\b)/iu, prefixes: ['sol:', 'prod:'] },
  { re: /(瓶颈|痛点|难点|难题|挑战|\bbottlenecks?\b|\bpain points?\b|\bchallenges?\b|\bstruggl)/iu, prefixes: ['bn:'] },
  { re: /((提升|建设|培养|具备|需要)(哪些)?能力|能力方向|\bcapabilit(y|ies)\b)/iu, prefixes: ['dir:'] },
  { re: /(案例|有人做过|谁做过|做过吗|实践|标杆|\bcases?\b|\bcase stud(y|ies)\b|\bexamples? of (a )?compan)/iu, prefixes: ['case:'] },
];

// A sentence that asks: a question mark, or a question or request word. Chinese 吗/呢 count only at a clause's end.
const ASKS = /([?？]|[吗呢么][\s，,。.!！…]*$|请问|请教|求助|求推荐|如何|怎么|怎样|能否|可否|是否|有没有|有无|能不能|可不可以|为什么|为何|哪些|哪个|什么|建议|\b(how|what|which|why|can|could|should|would|is there|are there|any (tips|way|ideas?|suggestions?)|does anyone|anyone)\b)/iu;
const CLAUSES = /[^，,；;：:。！？!?\n…]+[，,；;：:。！？!?\n…]*/gu;

/**
 * The clauses of a question that ask. A long question tells a story first ("随便搜了一下这种案例还是挺多的")
 * and asks at the end: the story's words say what the asker has, not what kind of passage they want.
 * With one clause, or none that asks, the whole question.
 */
export function askedPart(query: string): string {
  const clauses = query.match(CLAUSES)?.map((x) => x.trim()).filter(Boolean) ?? [];
  if (clauses.length < 2) return query;
  const asking = clauses.filter((x) => ASKS.test(x));
  return asking.length ? asking.join(' ') : query;
}

export function kindPrior(query: string, boost = 1.25): KindPrior {
  const asked = askedPart(query);
  const prefixes = RULES.filter((r) => r.re.test(asked)).flatMap((r) => r.prefixes);
  return { prefixes, boost: prefixes.length ? boost : 1 };
}

export function applyPrior(id: string, score: number, prior: KindPrior): number {
  return prior.prefixes.some((p) => id.startsWith(p)) ? score * prior.boost : score;
}
