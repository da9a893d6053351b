import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { focusQuery, keyPhrases, loadQueryConcepts, QUERY_CONCEPTS_FILE, QueryConceptsSchema } from '../../retrieval/keyphrases.js';
import { toSimplified } from '../../retrieval/simplified.js';

describe('key phrases of a real question', () => {
  it('finds the need behind a long, tool-level question', () => {
    const k = keyPhrases('当前admin部署在2台机器上，但是数据库连接的都是同一个，那么该数据库崩溃该如何处理。想请教一下大家如何实现数据库的高可用。');
    expect(k.concepts).toContain('continuity');
    expect(k.terms).toContain('业务连续性');
    expect(k.terms).toContain('灾备');
  });

  it('reads English beyond the lexicon: permissions, rollbacks', () => {
    expect(keyPhrases('How can users only see rows of their own department? We need row-level permissions per role.').concepts).toContain('governance');
    expect(keyPhrases('Our rollback is a revert commit released to QA and then prod; how do others roll back a deploy?').concepts).toContain('delivery');
  });

  it('names the needs behind recommendation, knowledge-sharing and multi-tenant questions', () => {
    expect(keyPhrases('How do I recommend related items and personalise the home page for each shopper?').concepts).toContain('recommend');
    expect(keyPhrases('团队的文档和资料散落在各个网盘里，想搭一个知识库统一管理').concepts).toContain('knowledge');
    expect(keyPhrases('我们是集团，下面十几个子公司要入驻同一个平台，多租户怎么做？').concepts).toContain('platform');
    expect(keyPhrases('Employees pick their shifts and the roster fills the rest; can the schedule be generated?').concepts)
      .toContain('staffing');
  });

  it('reads each need alike in Chinese and English: counting people, knowledge leaving with staff, stock', () => {
    expect(keyPhrases('门店想做人流统计和人头计数，用什么办法比较准').concepts).toContain('traffic');
    expect(keyPhrases('We count the number of people entering; is foot traffic per hour possible?').concepts)
      .toContain('traffic');
    expect(keyPhrases('老员工离职后经验没人交接，新员工培训全靠口头').concepts).toContain('knowledge');
    expect(keyPhrases('With staff turnover, which trainings and project docs keep knowledge transfer going?').concepts)
      .toContain('knowledge');
    // Inventory turnover is a stock figure, not people leaving.
    expect(keyPhrases('Our inventory turnover and stock turnover are low; how to raise the turnover of slow items?')
      .concepts)
      .not.toContain('knowledge');
    expect(keyPhrases('门店经常缺货，补货全凭店长感觉，库存也对不上').concepts).toContain('inventory');
    expect(keyPhrases('I sell goods in store; how do I know what to order and the quantity on hand?').concepts)
      .toContain('inventory');
  });

  it('reads a question about what touchpoints and campaigns return as the need to measure cost against effect', () => {
    expect(keyPhrases('每个渠道的投放效果怎么看？想知道投入产出和获客成本，预算该往哪里放').concepts).toContain('returns');
    expect(keyPhrases('We need the referral source of each sign-up to measure our channels and the budget.').concepts)
      .toContain('returns');
    // The letters of "ROI" inside a word are no return on investment.
    expect(keyPhrases('The android app and the android tablet both crash on startup; android logs attached.').concepts)
      .not.toContain('returns');
  });

  it('reads a central, real-time view in either word order, like 集中查看 and 实时查看', () => {
    expect(keyPhrases('门店销售能不能总部集中查看，经营分析要实时查看').concepts).toContain('insight');
    expect(keyPhrases('Can the sales of each branch be monitored centrally, with store performance in real time?')
      .concepts)
      .toContain('insight');
  });

  it('reads one code base for several ends as the need to extend and port touchpoints', () => {
    expect(keyPhrases('一套代码能不能打包成多个微信小程序和抖音小程序，多端同时发布').concepts).toContain('portability');
    expect(keyPhrases('Can one codebase ship to multiple platforms, or do we keep a white-label fork?').concepts)
      .toContain('portability');
    // A mini-program named once, as the place members shop, asks about members, not about porting.
    expect(keyPhrases('会员在小程序里领的优惠券，积分怎么和门店会员打通').concepts).not.toContain('portability');
  });

  it('reads a tool-selection question as the need for a data stack, and a node failure as continuity', () => {
    expect(keyPhrases('Which database is the right engine for our analytics: a data lake, Spark or an OLAP store?').concepts)
      .toContain('stack');
    expect(keyPhrases('集群里一个节点宕机以后，上面跑的服务会自动迁移吗').concepts).toContain('continuity');
  });

  it('drops a need mentioned in passing beside a well-evidenced one', () => {
    const q = 'We schedule staff shifts by hand: the roster, the headcount per shift and the workload of each employee. '
      + 'Could a forecasting model help?';
    expect(keyPhrases(q).concepts).toEqual(['staffing']);
    // … but keeps a second need with comparable evidence.
    expect(keyPhrases('数据库崩溃了怎么办，主备切换和异地容灾怎么做，数据库选型有建议吗').concepts)
      .toEqual(['continuity', 'storage']);
  });

  it('strips links, code and versions, and names no need when none is there', () => {
    const k = keyPhrases('请问 https://example.com/x 在 v1.8.0 里 `foo()` 怎么办');
    expect(k.text).not.toMatch(/https|1\.8\.0|foo/);
    expect(keyPhrases('今天午饭吃什么好呢，大家有推荐吗，附近有没有好吃的面馆').concepts).toEqual([]);
  });

  it('drops identifiers, file names, flags and exception names: they name the tool, not the need', () => {
    const k = keyPhrases('After upgrading, xxl_job_info fails with NullPointerException in com.xxl.job.admin; '
      + 'application.yml has --spring.profiles.active=prod. How do we keep the scheduler available?');
    expect(k.text).not.toMatch(/xxl_job_info|NullPointerException|com\.xxl|application\.yml|--spring/);
    expect(k.text).toMatch(/keep the scheduler available/);
  });

  it('drops English idioms whose nouns ask for nothing ("in the case that" is no request for cases)', () => {
    const k = keyPhrases('The scheduler is a single point of failure: in the case that we lose the host, for example at night, a standby must take over.');
    expect(k.text).not.toMatch(/\bcase\b|\bexample\b/);
    expect(k.text).toMatch(/single point of failure/);
  });

  it('leaves short questions as they are: they already name the need', () => {
    expect(focusQuery('什么是数据中台？')).toBe('什么是数据中台？');
    const long = '按照现在的架构，如果调度器起多个，定时任务会被重复执行，如果只启动一个存在单点问题，希望新的版本能把高可用考虑进去';
    expect(focusQuery(long)).toContain('业务连续性');
  });

  it('keeps its concepts as valid data', () => {
    expect(loadQueryConcepts().concepts.length).toBeGreaterThan(5);
    const raw = JSON.parse(fs.readFileSync(QUERY_CONCEPTS_FILE, 'utf8'));
    raw.concepts.push({ ...raw.concepts[0] });
    expect(QueryConceptsSchema.safeParse(raw).success).toBe(false);
  });

  it('keeps its noise as data that never removes the whitepaper\'s own words for a need', () => {
    const q = loadQueryConcepts();
    const drop = q.noise.patterns.map((p) => new RegExp(p, 'giu'));
    for (const t of q.concepts.flatMap((c) => c.terms)) {
      expect(drop.some((re) => re.test(t)), t).toBe(false);
      for (const re of drop) re.lastIndex = 0;
    }
    const raw = JSON.parse(fs.readFileSync(QUERY_CONCEPTS_FILE, 'utf8'));
    raw.noise.patterns.push('(unclosed');
    expect(QueryConceptsSchema.safeParse(raw).success).toBe(false);
  });

  it('reads traditional characters as simplified', () => {
    expect(toSimplified('單機部署的數據庫')).toBe('单机部署的数据库');
    expect(toSimplified('没有繁体字')).toBe('没有繁体字');
  });
});

describe('one specific word in a long question', () => {
  const story = '我们是一家做女装的小公司，门店有十几家，平时主要靠老客户回头，最近老板想试试新的玩法，';
  it('counts the whitepaper\'s own word for a need once the question is long', () => {
    expect(keyPhrases(`${story}请问直播这块该怎么起步？`).concepts).toContain('marketing');
  });
  it('keeps two hits for a short question and for a word that is not the whitepaper\'s own', () => {
    expect(keyPhrases('请问直播这块该怎么起步？').concepts).not.toContain('marketing');
    expect(keyPhrases(`${story}请问抖音这块该怎么起步？`).concepts).not.toContain('marketing');
  });
});
