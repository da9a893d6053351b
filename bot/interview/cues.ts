import type { Level } from '../../knowledge/types.js';
import { segments } from './negation.js';

/**
 * Cue words: how people describe each maturity level in their own words, independent of the
 * indicator. They are read off the level labels and the wording shared by each level's 25
 * descriptors (1 缺少/没有, 2 尝试/个别, 3 部分/一定/但, 4 大部分/统一, 5 完善/体系/全部/生态),
 * plus everyday synonyms (全靠人工, 试点, POC, 口径不一). Negation flips or damps a cue:
 * "没有完全统一" is not level 4, "不是没有备份" is not level 1.
 */
export interface CueHit { level: Level; weight: number; cue: string }

interface Cue { re: RegExp; level: Level; weight: number }

const c = (level: Level, weight: number, ...patterns: string[]): Cue[] =>
  patterns.map((p) => ({ re: new RegExp(p, 'giu'), level, weight }));

const CUES: Cue[] = [
  // 1 能力缺失: absence, manual work, no awareness
  ...c(1, 1.6, '(完全|根本|基本|几乎|压根|从来|一直)(没有|没|不)', '没有?任何', '更(别|不用)说', '(都|也|还|压根|根本)没(有)?(?=$|[，。；！,.;!])', '(都|也)不知道', '谁也不', '全(是|靠)?手(工|动)', '手工(导|抄|录|填|做|统计|对账)', '拍脑袋', '凭经验', '没(想|考虑|听说|做|搞|弄|管|关注)过', '(坏|出问题|出事|挂)了?(再|才|就)(说|修|找|处理|等)', '等(厂商|供应商|外包|别人|it)(来)?(修|处理|弄)', '(各|都)(存|管|用|做|搞)各的', '(靠|用)(纸|笔|本子|微信群|电话)', '什么都没有', '啥(也|都)没', '一片空白', '全靠(人工|手工|人)', '全是手工', '纯手工', '靠人(工)?(导|抄|填|记|传|跑|拉)', '纸质', '手写', '(只能|全|都|主要|完全)靠人力', '抄写', '手抄', '(?<!靠)人力(来)?(完成|统计|核对|盘点|记录)'),
  ...c(1, 1.0, '没有(统一|专门|任何|系统|平台|工具|规划|策略|概念|意识|人|团队|预案|备份|监控|数据)', '缺(少|乏)(整体|统一|基本)', '不清楚', '不知道', '没人(管|负责|做)', '无法', '不具备', '意识(很)?(低|差|薄弱)', '(都|全|主要)(是|在|靠)线下', '离线', 'excel(里|表)?(记|管|传|拉)', '邮件(传|发)', '单机', '自己(的)?(电脑|笔记本)'),
  ...c(1, 1.2, '\\b(lost|lose|losing) (data|orders|files|records|a (day|week|month))', '\\blaptops?\\b', '\\bexcel\\b', '\\bwhatsapp|wechat groups?\\b', '\\bno (one|system|platform|tool|process|plan|strategy|backup|data)\\b', '\\bnothing\\b', '\\bnone\\b', '\\bmanual(ly)?\\b', '\\bby hand\\b', '\\bpaper\\b', "\\bdon'?t (have|know)\\b", '\\bnever\\b', '\\bnot at all\\b', '\\bno idea\\b', '\\bspreadsheets?\\b', '\\boffline\\b'),
  // The same absences as the Chinese list, in the words English speakers use for them.
  ...c(1, 1.2, '\\bno ?(one|body) (owns|is responsible|manages|looks after|knows|could say|can say|really owns)\\b', '\\bno owner\\b', '\\b(its|their|his|her) own way\\b', '\\b(by|via|over) (fax|phone calls?|personal (wechat|email))\\b', '\\bfax(es|ed)?\\b', '\\bpersonal (drives?|laptops?|computers?|pcs?|wechat|accounts?|email)\\b', '\\bgut (feel|feeling|instinct)\\b', "\\bin (people's|their|his|her|the (senior )?masters'?|someone's) heads?\\b", '\\bscattered\\b', '\\bnever (heard|thought|considered|done)\\b', '\\bwait(ed|ing)? for (the )?(vendor|supplier|it team|it guy|someone)\\b', '\\bbespoke\\b'),
  // 2 尝试探索: pilots, a few places, just started
  ...c(2, 1.5, '试点', '试用', '试水', '试行', '试着', '在试', '尝试', '探索', 'poc', 'demo', '概念验证', '刚(开始|起步|启动|上线|搭|买|招|组)', '开始(做|搞|建|试|攒|整理|接触|考虑)', '起步', '摸索', '在(评估|调研|选型)'),
  ...c(2, 0.9, '个别', '少数', '一两个', '一两家', '几个(门店|部门|人)', '零星', '某个部门', '一个部门', '(单个|单一|个别)(部门|场景|门店|业务)', '初步', '小范围', '少量', '还没(推广|铺开|定)'),
  ...c(2, 1.0, '\\bseparate(ly)?\\b', '\\beach (department|team|function|bu) (has|keeps|uses|runs) its own\\b', '\\bisolated\\b'),
  ...c(2, 1.2, '\\bpilot(s|ing|ed)?\\b', '\\btrial(s|led)?\\b', '\\btry(ing)?\\b', '\\btried\\b', '\\bexperiment(s|ing)?\\b', '\\bjust (started|began|bought|hired)\\b', '\\bpoc\\b', '\\bproof of concept\\b', '\\ba (few|couple)\\b', '\\bone (team|department|store|site|bu)\\b', '\\bexploring\\b', '\\bearly\\b'),
  // 3 浅层应用: partial, basic, "but" limitations
  ...c(3, 1.0, '其他(的)?(领域|部门|业务|环节|场景|系统)?(都|也)?(还)?(没有?|未)', '别的(领域|部门|业务|环节|场景)?(都|也)?(还)?(没有?|未)', '只有(一个|一两个|几个)?(部门|领域|业务|场景)', '部分', '一部分', '一些', '有一定', '一定的', '基本(能|可以|够|满足|覆盖|上)', '核心(业务|系统)(能|可以|已经|都)', '但(是)?(还|仍|缺|没|不)', '不过(还|仍|缺|没|不)', '只是', '还(需要|得|要)(人工|手工|人)', '不统一', '有待', '还不够', '不成体系', '缺少统一', '没有形成', '尚未形成', '半自动', '人工(制作|做|出)报表'),
  ...c(3, 1.1, '\\bnothing (else )?outside\\b', '\\bother (areas|functions|departments|units|teams) (have|do) (not|nothing)\\b', '\\bsome\\b', '\\bpartial(ly)?\\b', '\\bbasic\\b', '\\bbut (still|not|no|lack|without)\\b', '\\bsiloed?\\b', '\\bnot (yet )?(unified|standardi[sz]ed|company-wide|integrated)\\b', '\\blimited\\b', '\\bcore (systems|business|processes)\\b'),
  // 4 深度掌握: most, unified, automated, company-wide, but not yet closed-loop
  ...c(4, 1.2, '大部分', '绝大部分', '大多数', '多数', '主要(业务|门店|系统|场景)都', '统一(的)?(平台|标准|口径|规范|指标|管理|数据)', '全公司', '公司级', '集团(统一|层面|级)', '跨部门', '自动化', '自动(发布|部署|化|切换|扩容|对账|采集)', '广泛', '普遍', '都(在用|上了|接入|打通|统一)', '已经打通', '灾备', '标准流程', '熟练'),
  // The Chinese for "a single platform / the same numbers": 同一套表, 一个集成平台, 同一个数.
  ...c(4, 1.2, '(同一|一)(个|套|张)(数据|集成|云)?(平台|数|口径|表|库|存储|后台|底座)', '同一(个|套|份)(营收|收入|销售额|gmv|报表|指标)', '(数|数据|口径|指标|报表)(都|也)?(能)?(对得上|一致)'),
  ...c(4, 1.2, '\\bmost\\b', '\\bmajority\\b', '\\bunified\\b', '\\bcompany-wide\\b', '\\bgroup-wide\\b', '\\bacross (departments|teams|the company|bus)\\b', '\\bautomat(ed|ion|ically)\\b', '\\bstandard(i[sz]ed)?\\b', '\\bwidely\\b', '\\bsingle (platform|source|id)\\b'),
  // 5 体系成熟: complete system, everything, ecosystem, closed loop, continuous optimisation
  ...c(5, 1.3, '完善的', '(形成|成熟|完整|健全)(的)?(体系|机制|方法)', '体系化', '全面', '全链路', '端到端', '生态', '合作伙伴(都|一起|共同|共享)', '闭环', '持续(优化|迭代|改进)', '自动(迭代|优化|回流|重训)', '最佳实践', '行业(领先|标杆|最佳)', '异地多活', '多活', '定期评估', '实时'),
  ...c(5, 1.3, '\\bfully\\b', '\\bend-to-end\\b', '\\becosystem\\b', '\\bclosed[- ]loop\\b', '\\bcontinuous(ly)?\\b', '\\bbest practices?\\b', '\\bindustry[- ]leading\\b', '\\bactive-active\\b', '\\bmature\\b', '\\breal-time\\b'),
  // Breadth said with an intensifier or of the company's own sites: "virtually every facet", "every Chick-fil-A restaurant".
  ...c(5, 1.3, '\\b(virtually|nearly|almost|practically) (every|all)\\b', '\\bevery( [a-z-]+)? (restaurants?|stores?|shops?|locations?|sites?|plants?|factories|factory|warehouses?|branch(es)?|outlets?|products?)\\b', '几乎(所有|每一?(个|家|款))', '每一(家|个)(门店|餐厅|工厂|牧场|仓库?)'),
];

/**
 * Breadth said plainly ("所有订单都来自线上", "全体导购", "all business had moved to the cloud") is the rubric's 大部分
 * → 全部 step: level 4 on its own (on the real development lines such passages were rated 4 three times
 * as often as 5), level 5 beside a claim of maturity (闭环, 持续优化, 体系) — breadth of a mature practice.
 */
const BREADTH: Cue[] = c(4, 1.3, '所有(的)?(业务|门店|系统|触点|数据|部门|环节)', '全部(业务|门店|系统|在线|打通|接入)',
  '所有(的)?[\\p{Script=Han}]{1,4}(都|均|全)', '全体(员工|导购|门店|店员|人员)',
  '\\b(every|all) (business|stores?|systems?|processes|touchpoints|departments|partners)\\b',
  '\\ball (of )?(its|our|their|the) [a-z-]+( [a-z-]+)? (are|were|is|was|have|has|had|now|came|come|moved|run)\\b');

// Negations that cap a claim: "还没有完全统一" / "not fully" read as level 3, not 4–5.
const CAPS: Cue[] = [
  ...c(3, 1.3, '(其他|其它|其余|别的|剩下的?)[^，。；！？,;.!?]{0,10}?(都|也)?(还|仍|暂时|目前)?(没有?|未|不)', "\\b(other|the rest of (the|our)?) [a-z ,/-]{0,30}?(have not|haven't|do not|don't|are not|aren't|not yet|nothing|none|still (use|run|do|rely))\\b"),
  // A claim limited to one place: "不过只在支付上", "也就这一个品类", "only in one region".
  ...c(3, 1.0, '(只|仅|就)(在|限于|覆盖|用在|用于)[^，。；！？,;.!?]{1,8}?(上|里|中|内|这块)', '(也就|就|只有|仅有?)(这)?(一个|一家|一两个|两个)(品类|区域|大区|门店|部门|业务|场景|工厂|仓|品牌|系统)', '\\b(only|just) (in|on|for|at|within) (one|a single|two|a few|the [a-z]+ (category|region|brand|channel|business))\\b', '\\b(only|just) (one|a single|two) (categor(y|ies)|regions?|brands?|stores?|plants?|warehouses?|lines?|teams?|departments?|scenarios?)\\b'),
  ...c(3, 1.6, '(还|仍|尚)?(没|没有|未|不)(完全|全面|全部|彻底|都)', '(尚未|还没有?)(统一|打通|覆盖|形成|实现)', '不是(所有|全部|每个)', '没能(全部|完全)', '\\bnot (fully|all|every|completely|entirely)\\b', '\\bnot yet\\b'),
];
// Double negation: "不是没有备份" / "并非没有" — absence is denied, so level 1 is unlikely.
const DENIED_ABSENCE = /(不是|并非|倒不是|也不是)(完全)?没(有)?|\bnot that we (have|had) no\b|\bit's not that there (is|are) no\b/iu;

// Cues that carry their own negation (不统一, 缺少统一, not unified) are read on the whole text: negation
// scope would hide them. Not the 但/but ones: their negation belongs to the gap they introduce.
// (Tested against a cue's regex source, where every word is preceded by its own \b.)
const NEGATES = /没|未|不|缺|无|not\b|nothing|n't/u;
const BUT = /但|不过|but /u;
// Which text each cue is matched on, decided once: the whole text, or only outside negation scopes.
const CUE_TEXT = CUES.map((cue) => ({ cue, whole: cue.level < 3 || (NEGATES.test(cue.re.source) && !BUT.test(cue.re.source)) }));
// Level-1 cues without the global flag, to test a stretch of text for any absence at all.
const ABSENCE = CUES.filter((cue) => cue.level === 1).map((cue) => new RegExp(cue.re.source, 'iu'));
const DENIAL = /(不是|并非|倒不是|也不是|不再|已经不|早就不|再也不)[^，。；！？,;.!?—]*|\bit'?s not (that|like)\b[^,;.!?—]*|\b(no longer|not anymore)\b[^,;.!?—]*/giu;
/** The weight left to an absence named after a contrast: it qualifies what exists. */
const QUALIFIED_GAP = 0.35;
const CONTRAST = /(但是|但|不过|可是|只是|就是|问题是|然而|\bbut\b|\bhowever\b|\byet\b|\bexcept\b)/iu;

// What a share can be a share of: the units a company's coverage is counted in.
const UNITS_ZH = '订单|门店|业务|销售额?|销量|收入|营收|商品|sku|库存|员工|流程|客户|会员|交易|系统|设备|工厂|牧场|渠道|经销商|供应商|餐厅|仓库?';
const UNITS_EN = 'orders|stores|business|sales|revenue|products|skus|inventory|employees|staff|processes|customers|members|transactions|systems|devices|factories|plants|farms|channels|suppliers|restaurants|locations|shops|warehouses|items|garments';
const SHARE_ZH = new RegExp(`(\\d{1,3}(?:\\.\\d+)?)\\s*[%％]|([一二三四五六七八九十])成`, 'gu');
const SHARE_AFTER_ZH = new RegExp(`^\\s*(?:以上|左右|多)?(?:的)?(?:[\\p{Script=Han}]{0,2})?(?:${UNITS_ZH})`, 'iu');
const SHARE_EN = new RegExp(`\\b(\\d{1,3}(?:\\.\\d+)?)\\s*(?:%|percent)\\s+of\\s+(?:(?:our|its|their|the|all)\\s+)?(?:[a-z-]+\\s+)?(?:${UNITS_EN})\\b`, 'giu');
const CN_TENTHS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/**
 * Coverage given as a number ("80%的订单来自线上", "九成门店", "30% of its inventory"): the share itself
 * names the level — the rubric's 个别 / 部分 / 大部分 / 全部 — where the words around it may not. Only a
 * share of something a company's coverage is counted in (orders, stores, sales…): "准确率30%" is no coverage.
 */
export function quantifiedCoverage(text: string): CueHit[] {
  const hits: CueHit[] = [];
  const level = (pct: number): Level => (pct >= 90 ? 5 : pct >= 60 ? 4 : pct >= 30 ? 3 : 2);
  for (const m of text.matchAll(SHARE_ZH)) {
    const pct = m[1] !== undefined ? Number(m[1]) : CN_TENTHS[m[2]!]! * 10;
    if (pct > 100 || !SHARE_AFTER_ZH.test(text.slice(m.index! + m[0].length))) continue;
    hits.push({ level: level(pct), weight: 1.2, cue: m[0] });
  }
  for (const m of text.matchAll(SHARE_EN)) {
    const pct = Number(m[1]);
    if (pct <= 100) hits.push({ level: level(pct), weight: 1.2, cue: m[0] });
  }
  return hits;
}

export interface CueReading {
  hits: CueHit[];
  /** Summed cue weight per level (index 0 = level 1). */
  perLevel: number[];
  deniedAbsence: boolean;
  /** A claim is capped: "没有完全统一", "其他业务还没用", "not fully". */
  capped: boolean;
}

export function readCues(text: string): CueReading {
  const t = text.normalize('NFKC');
  const hits: CueHit[] = [];
  const perLevel = [0, 0, 0, 0, 0];
  // A capped phrase is consumed first so "没有完全统一" does not also count as 统一 (4) or 没有 (1).
  let rest = t;
  let capped = false;
  for (const cap of CAPS) {
    rest = rest.replace(cap.re, (m) => {
      capped = true;
      hits.push({ level: cap.level, weight: cap.weight, cue: m });
      perLevel[cap.level - 1]! += cap.weight;
      perLevel[3]! -= 0.6;
      perLevel[4]! -= 0.9;
      return ' ';
    });
  }
  let deniedAbsence = DENIED_ABSENCE.test(rest);
  if (deniedAbsence) rest = rest.replace(DENIED_ABSENCE, ' ');
  // A lower state denied ("现在不是拍脑袋了", "it's not like stores are offline") is no absence either.
  rest = rest.replace(DENIAL, (m) => {
    if (ABSENCE.some((re) => re.test(m))) { deniedAbsence = true; return ' '; }
    return m;
  });
  // Claims of maturity (levels 3–5) only count outside a negation's scope: "没有灾备" is no 灾备.
  const positive = segments(rest).filter((sg) => !sg.negated).map((sg) => sg.text).join('，');
  // A gap named after a contrast ("有X，但Y全靠手工") qualifies what exists; it does not say nothing exists.
  const turn = CONTRAST.exec(rest);
  const head = turn ? rest.slice(0, turn.index) : '';
  const qualified = turn && /\p{L}{4,}/u.test(head) && !ABSENCE.some((re) => re.test(head));
  for (const { cue, whole } of CUE_TEXT) {
    for (const m of (whole ? rest : positive).matchAll(cue.re)) {
      const weight = cue.level === 1 && qualified && m.index! > turn!.index ? cue.weight * QUALIFIED_GAP : cue.weight;
      hits.push({ level: cue.level, weight, cue: m[0] });
      perLevel[cue.level - 1]! += weight;
    }
  }
  const mature = hits.some((h) => h.level === 5);
  for (const cue of BREADTH) {
    for (const m of positive.matchAll(cue.re)) {
      const level: Level = mature ? 5 : 4;
      hits.push({ level, weight: cue.weight, cue: m[0] });
      perLevel[level - 1]! += cue.weight;
    }
  }
  for (const hit of quantifiedCoverage(rest)) { hits.push(hit); perLevel[hit.level - 1]! += hit.weight; }
  if (deniedAbsence) perLevel[0] = Math.min(perLevel[0]!, 0) - 1;
  return { hits, perLevel, deniedAbsence, capped };
}

const CN_DIGITS: Record<string, Level> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5 };
const LABEL_LEVEL: Array<[RegExp, Level]> = [
  [/能力缺失/, 1], [/尝试探索/, 2], [/浅层应用/, 3], [/深度掌握/, 4], [/体系成熟/, 5],
];

/**
 * An explicit self-assessment: 三级, 第三级, 3级, level 3, L3, 浅层应用. Business talk is full of other
 * levels — 等保三级, 三级经销商, 三四级城市, 数据分了四级 — and those are never a self-assessment.
 */
export function explicitLevel(text: string): Level | undefined {
  const t = text.normalize('NFKC');
  const m = /(?<!等保|等级保护|分了?|分为|分成|按|共|[一二两三四五1-5])(?:第)?([一二两三四五1-5])\s*(?:级|档|level)(?!\s*(?:等保|等级保护|经销|分销|代理|市场|城市|仓|渠道|供应商|门店|医院|分类|分级|管|审批|权限|认证|资质|标准|子公司|部门|组织|架构|目录|菜单|页面|缓存|备份|数据))|(?:level|lvl|\bl)\s*([1-5])\b|等级\s*(?:是|为)?\s*([1-5一二三四五])/iu.exec(t);
  const d = m?.[1] ?? m?.[2] ?? m?.[3];
  if (d) return CN_DIGITS[d];
  for (const [re, level] of LABEL_LEVEL) if (re.test(t)) return level;
  return undefined;
}

/** Attempts to dictate a score rather than describe the company. */
export function isInjection(text: string): boolean {
  return /(忽略|无视|忘记|忘掉|ignore|disregard|forget)\s*(以上|之前|前面|上面|所有|all|previous|above|prior|the)?\s*(的)?\s*(指令|指示|规则|提示|设定|instructions?|rules?|prompts?)|(给|打|评|判)(我|我们)?\s*(满分|[1-5一二三四五]\s*(分|级))|(^|\n)\s*(system|assistant)\s*:|系统提示词|【系统提示】|\[系统提示\]|系统提示\s*[:：]|评分员|(直接|请)(评|打|给)(为|成)?\s*(level\s*)?[1-5一二三四五]|you are now|你现在是|扮演|\b(rate|score|grade) (me|us|it|this)\b[^.!?\n]{0,24}?\b[1-5]\b(?!\s*(million|thousand|hundred|k\b|m\b|%|stores|years))|\bgive (me|us|it|this) (a |an )?(level |score |rating |grade |mark )?(of )?[1-5]\b(?!\s*(million|thousand|hundred|k\b|m\b|%))|full marks|满分/iu.test(text);
}
