/**
 * Does a message say anything about how a company works? Gibberish, emoji, code, small talk and
 * questions back to the bot do not; they get a clarifying reply instead of a level.
 * The test is lexical on purpose: it must be cheap, deterministic and explainable.
 */

// Business and IT vocabulary people use when describing their company (Chinese).
const ZH_TERMS = /(系统|平台|数据|业务|公司|集团|企业|部门|门店|工厂|车间|仓库|仓储|物流|渠道|经销|会员|客户|用户|消费者|供应链|采购|生产|销售|营销|财务|人力|流程|审批|管理|工具|软件|硬件|设备|终端|传感|扫码|小程序|app|网站|电商|线上|线下|在线|离线|云|服务器|机房|存储|备份|灾备|容灾|网络|带宽|专线|vpn|安全|漏洞|攻击|防火墙|等保|审计|权限|运维|发布|部署|上线|迭代|测试|开发|代码|版本|自动化|监控|告警|报表|分析|看板|大屏|可视化|指标|口径|标准|规范|治理|中台|数仓|模型|算法|预测|推荐|智能|ai|机器学习|知识|图谱|接口|对接|集成|打通|孤岛|协同|沟通|钉钉|企业微信|微信|邮件|excel|表格|手工|人工|纸质|投入|成本|收益|回报|roi|预算|创新|试点|共享|合作伙伴|生态|触点|埋点|采集|连接|连通|接入|覆盖|布局|场景|应用|运营|决策|洞察|画像|标签|客服|工单|订单|库存|商品|品牌|价签|货架|pos|收银|支付|团队|人才|工程师|外包|供应商|规划|策略|战略|机制|体系|方案|项目|资源|弹性|扩容|虚拟化|容器|k8s|jenkins|git|erp|crm|sap|oa|mes|wms|tms|bi|iot|rpa|bpm|dms|scrm|sfa|etl|联网|维修|修|厂商|开会|会议|电话|群|纸|文件|文档|电脑|机器|供货|门店|账|数字化|信息化|电子化|无纸化|抄写|手抄|登记)/iu;
// The same, in English.
const EN_TERMS = /\b(system|platform|data|business|company|group|department|team|store|shop|factory|plant|warehouse|logistics|channel|dealer|distributor|member|customer|consumer|user|supply|procurement|production|sales|marketing|finance|hr|process|workflow|approval|management|tool|software|hardware|device|sensor|terminal|app|website|e-?commerce|online|offline|cloud|server|data ?cent(er|re)|storage|backup|disaster|recovery|failover|network|bandwidth|vpn|security|vulnerabilit|attack|firewall|audit|access|ops|devops|deploy|release|pipeline|ci|cd|test|develop|code|version|automat|monitor|alert|report|dashboard|analytics|visuali[sz]|metric|kpi|standard|governance|warehouse|model|algorithm|forecast|predict|recommend|ai|machine learning|ml|knowledge|graph|api|interface|integrat|silo|collaborat|communicat|email|excel|spreadsheet|manual|paper|invest|cost|return|roi|budget|innovat|pilot|shar|partner|ecosystem|touchpoint|tracking|collect|connect|coverage|scenario|application|operat|decision|insight|profile|tag|service|ticket|order|inventory|product|sku|brand|pos|checkout|payment|engineer|vendor|outsourc|plan|strategy|project|resource|scal|virtuali[sz]|container|kubernetes|k8s|jenkins|git|erp|crm|sap|oa|mes|wms|bi|iot|rpa|bpm|etl|mlops|pai|dingtalk|wecom|wechat|feishu|lark|supplier|document|docs|phone|mobile|laptop|fax|whatsapp|memory|purchas|outage|incident|downtime)/iu;

const EN_TERMS_ALL = new RegExp(EN_TERMS.source, 'giu');

const CODE = /```|\b(select|insert|update|delete|drop)\b.+\b(from|into|table|set)\b|\bfunction\s*\(|=>|\bdef \w+\(|\bprint\(|<\/?\w+[^>]*>|;\s*--|console\.log|import \w+/i;
// Putting the answer off ("稍后再说，在开会"): the person will be back, and hears that their progress is kept.
const LATER = /(稍后再说|晚点再说|等会再说|等会儿再说|回头再说|改天再说|晚点回|等下回|这会儿在开会|正在开会|在开会|忙着呢|没空|先去开会|\b(answer|reply|respond|talk|chat|ping me|get back|come back|do (this|it)|fill (this|it) in)\b[^.!?]{0,15}\blater\b|^\s*later\b|\b(brb|busy right now|in a meeting|on a (plane|flight|train))\b|\b(will|i'll|can) (answer|reply|get back)\b|get back to you)/iu;
// Venting about the day ("老板又让加班，烦死了"), questions back to the bot about itself or others, small talk.
const META = /(烦死了|累死了|气死了|无语|心累|好烦|真烦|不想填|懒得填|被(客户|老板|领导|顾客)?骂|热得|冷得|天太热|天太冷|who (set|made|built|created|sent) (this|you|it)|\b(this|the) (survey|questionnaire|bot)\b|家里的|我家的|你是|你们是|你用的|哪个模型|什么模型|chatgpt|gpt|通义|别的公司|其他公司|其它公司|举个例子|什么意思|啥意思|不知道怎么答|不知道该怎么回答|没看懂|天气|下雨|下雪|刮风|好热|好冷|吃什么|吃啥|weather|\braining\b|who are you|what model|what (do |did )?you mean|not sure what to (answer|say|write)|don'?t understand (the|your|this) question)/iu;

// Links, mentions and markup carry no description of the company (and may carry words like "channel").
const MARKUP = /https?:\/\/\S+|\[[^\]]*\]\([^)]*\)|<[!@#][^>]*>|<[^>]+>|@(all|here|channel|everyone|所有人)\b/giu;

/**
 * `content`: business vocabulary; `off-topic`: code, small talk, questions back; `plain`: prose of some
 * length without any of the listed words — plain-worded answers ("配方都在老师傅脑子里") look like this,
 * so the scorer checks them against the indicator's own level texts before giving up; `none`: too short.
 */
export type ContentKind = 'content' | 'off-topic' | 'plain' | 'none';

// A message that is one question back to the bot ("What exactly do you mean by 'touchpoint'?").
const QUESTION_BACK = /^(?:(?:what|which|who|how|why|can you|could you|is this|is it|are you|do you|does this)\b[^.!。！\n]*\?|[^。！\n]*(?:什么意思|啥意思|是指什么|指的是什么|怎么理解|指啥)[？?]?)$/iu;

export function contentKind(text: string): ContentKind {
  const t = text.normalize('NFKC').replace(MARKUP, ' ').trim();
  if (!t) return 'none';
  if (QUESTION_BACK.test(t)) return 'off-topic';
  const han = (t.match(/\p{Script=Han}/gu) ?? []).length;
  const latinWords = (t.match(/[A-Za-z]{2,}/g) ?? []).length;
  if (CODE.test(t) && han < 6) return 'off-topic';
  if (LATER.test(t) && !(ZH_TERMS.test(t.replace(LATER, '')) && han >= 20)) return 'off-topic';
  if (META.test(t)) {
    // Small-talk words inside a long description ("pulling POS, app logs, weather and distributor feeds") do not make it small talk.
    const rest = t.replace(META, ' ');
    const described = (ZH_TERMS.test(rest) && han >= 20) || (latinWords >= 12 && new Set([...rest.matchAll(EN_TERMS_ALL)].map((m) => m[0].toLowerCase())).size >= 3);
    if (!described) return 'off-topic';
  }
  if (han >= 2 && ZH_TERMS.test(t)) return 'content';
  if (latinWords >= 3 && EN_TERMS.test(t)) return 'content';
  return han >= 8 || latinWords >= 5 ? 'plain' : 'none';
}

export function hasRubricContent(text: string): boolean {
  return contentKind(text) === 'content';
}

/** A short message that puts the answer off ("稍后再说，在开会", "on a plane, will answer tonight"). */
export function isDeferral(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  return t.length <= 60 && LATER.test(t) && contentKind(t) === 'off-topic';
}
