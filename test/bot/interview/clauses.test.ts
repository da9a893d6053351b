import { describe, expect, it } from 'vitest';
import { readClauses, smallerCountAfter } from '../../../bot/interview/clauses.js';
import { readCues } from '../../../bot/interview/cues.js';
import { createOfflineScorer, DEFAULT_WEIGHTS } from '../../../bot/interview/scorer.js';
import { createLevelSimilarity } from '../../../bot/interview/similarity.js';
import { loadRubric } from '../../../knowledge/load.js';
import type { IndicatorId } from '../../../knowledge/types.js';

// The answers of issue 11, as a new user typed them; the expected ranges come from the rubric's descriptors.
const rubric = loadRubric();
const similarity = createLevelSimilarity(rubric);
const scorer = createOfflineScorer(rubric, similarity);
const without = createOfflineScorer(rubric, similarity, { ...DEFAULT_WEIGHTS, clauses: 0 });
const level = async (id: string, answer: string) => (await scorer.score(id as IndicatorId, answer)).level!;

describe('the clause reader', () => {
  it('reads negation over a list: every item is absent', async () => {
    const r = readClauses('谁都能导出会员数据，没有权限管理，也没人管数据标准');
    expect(r.signals).toContain('absent-list');
    expect(r.clauses.every((c) => c.absent)).toBe(true);
    expect(await level('4.3', '谁都能导出会员数据，没有权限管理，也没人管数据标准')).toBeLessThanOrEqual(2);
  });

  it('reads a start dated in the past as what has run since, not a first attempt nor a former state', () => {
    for (const t of ['2015年我们开始做会员数字化，后来门店都接进来了', 'Several years ago the chain implemented its own ordering system',
      'Things started to change in the early 2000s, when the stock system was introduced']) {
      const r = readClauses(t);
      expect(r.signals, t).toContain('dated-start');
      expect(r.signals, t).not.toContain('former');
      expect(r.perLevel[3]!, t).toBeGreaterThan(r.perLevel[1]!);
    }
    // A bound (以前, until) ends a former state: no start is dated there.
    for (const t of ['在2014年以前，每一块业务都有自己的ETL团队', 'Before 2014, every business line had its own ETL team',
      '请各位于 2019 年 2 月 28 日前建立工作群']) {
      expect(readClauses(t).signals, t).not.toContain('dated-start');
    }
    // A start with no date is the level-2 start it says; the start word is a cue there and not in the dated clause.
    expect(readClauses('我们刚开始做会员数字化').signals).not.toContain('dated-start');
    expect(readCues('我们开始做会员数字化').perLevel[1]!).toBeGreaterThan(0);
    expect(readCues('2015年我们开始做会员数字化').perLevel[1]!).toBe(0);
    expect(readCues('Things started to change in the early 1990s').perLevel[1]!).toBe(0);
  });

  it('reads an answer set in a former state as no 4 or 5, unless it comes back to the present', async () => {
    const before = '在项目早期，模型由数据科学家训练，工程师手动部署，后台统一的平台还在设想';
    expect(readClauses(before).signals).toContain('former');
    expect(readClauses(before).ceiling).toBe(3);
    expect(readClauses('Initially each team built its own tools, with a unified platform only on paper').ceiling).toBe(3);
    // A year or a distance in time opens a former state in English as 在2014年以前 does in Chinese.
    for (const t of ['Before 2014, every business line had its own ETL team', '在2014年以前，每一块业务都有自己的ETL团队',
      'A few years ago, the stores counted stock by hand', 'In the past, planners guessed demand by experience']) {
      expect(readClauses(t).signals, t).toContain('former');
    }
    const since = 'Before 2014 each team had its own tools; since then everything runs on one platform';
    expect(readClauses(since).signals).not.toContain('former');
    // Back to the present: the former state is only the background of what is there now.
    expect(readClauses('以前主要靠老师傅的经验，现在全部靠系统实时调节').signals).not.toContain('former');
    // 刚开始 without 时 is a start now (level 2), not a former state.
    expect(readClauses('刚开始用飞书知识库整理培训资料').signals).not.toContain('former');
  });

  it('reads growth that ran into a limit as a capability outgrown (3), in both languages', () => {
    const zh = '订单系统一直能用，但随着门店不断扩张，高峰期下单越来越慢，成了瓶颈';
    expect(readClauses(zh).signals).toContain('outgrown');
    expect(readClauses(zh).ceiling).toBe(3);
    const en = "The order system worked, but as the stores' volumes kept growing it became a bottleneck";
    expect(readClauses(en).signals).toContain('outgrown');
    // A limit with no growth behind it, or growth that met none, is no outgrown capability.
    expect(readClauses('门店数量快速增长，系统都能扛住').signals).not.toContain('outgrown');
    expect(readClauses('Our main challenge is training the staff').signals).not.toContain('outgrown');
  });

  it('reads a build under way as a start (≤ 3), not as a need: 正在构建 is level 3 language, 在找 is not', () => {
    for (const text of ['正在构建统一的订单数据中心，要把电商订单和门店订单统一起来', 'A unified order hub is being rolled out to the stores']) {
      const r = readClauses(text);
      expect(r.signals, text).toContain('building');
      expect(r.signals, text).not.toContain('wanted');
      expect(r.ceiling, text).toBe(3);
      expect(r.perLevel[2]!, text).toBeGreaterThan(r.perLevel[0]!);
    }
    // A need is still a need.
    expect(readClauses('我们正在找一套订单系统').signals).toContain('wanted');
    expect(readClauses('我们正在找一套订单系统').signals).not.toContain('building');
  });

  it('reads an abandoned trial as not in production', async () => {
    expect(readClauses('做过销量预测模型，试了一次就没再用').signals).toContain('abandoned');
    expect(await level('5.4', '做过销量预测模型，试了一次就没再用')).toBeLessThanOrEqual(2);
    expect(await level('5.4', 'We built a sales forecasting model, tried it once and abandoned it.')).toBeLessThanOrEqual(2);
  });

  it('reads a decision to stop what was tried or launched as abandoned, whatever object sits between', async () => {
    for (const t of ['去年在几家门店上了扫码点单，反响一般，公司决定暂停这个小程序了',
      '自助收银试了三个月，总部宣布下个月起取消自助收银',
      'We trialled self-checkout in a few stores, but ultimately decided against it.',
      'The chain tested voice ordering at 20 drive-thrus and then announced it would end the pilot.']) {
      expect(readClauses(t).signals, t).toContain('abandoned');
    }
    expect(await level('5.2', '我们在几家门店测试了AI点餐，问题不断，最终决定取消AI点餐功能')).toBeLessThanOrEqual(2);
    // A stop with no decision (an outage, a replaced paper form) or a decision that stops nothing is not a trial given up.
    for (const t of ['系统宕机，有些门店被迫暂停营业', '上了电子签以后取消了纸质单据', '公司决定明年上线新的会员系统',
      'We decided to roll the system out to every store.',
      // A decision that stops the old way, or denies a lower state (不再), is progress.
      '公司决定取消纸质单据，全部走系统', '最终不再依赖人工对账', 'We decided to stop the manual stock count.']) {
      expect(readClauses(t).signals, t).not.toContain('abandoned');
    }
  });

  it('reads an outage or breach story as the absence of the capability, in both languages', async () => {
    expect(await level('1.5', '去年机房断电，我们只有一个数据中心，业务停了15个小时')).toBeLessThanOrEqual(2);
    expect(await level('1.5', 'Last year our only data centre lost power and we were down for 15 hours.')).toBeLessThanOrEqual(2);
    expect(await level('1.3', '去年被黑客攻击，数据泄露了，后来才上了VPN和跳板机')).toBeLessThan(4);
    expect(await level('1.3', 'We had a breach last year; attackers got in through the VPN and the 跳板机 was not patched.')).toBeLessThan(4);
  });

  it('reads an incident past a safeguard that was in place (standby site, backup power, VPN) as level 3, not absence', () => {
    const zh = readClauses('机房突然断电，备用电源也没顶住，业务停了3个小时');
    expect(zh.signals).toEqual(['failure', 'guarded']);
    expect(zh.ceiling).toBe(3);
    expect(zh.perLevel[2]).toBeGreaterThan(zh.perLevel[1]!);
    const en = readClauses('The power cut bypassed the backup generators and the data centre went down for hours.');
    expect(en.signals).toContain('guarded');
    // No safeguard named, or one named only as missing: the incident still says the capability is absent.
    for (const text of ['服务器崩了，数据全丢了', '服务器宕机了，关键部件完全没有冗余', "Three systems had failed drives; key parts weren't redundant at all"]) {
      expect(readClauses(text).signals, text).toEqual(['failure']);
      expect(readClauses(text).ceiling, text).toBeLessThanOrEqual(/\p{Script=Han}/u.test(text) ? 2 : 3);
    }
  });

  it('reads a write-up of problems with what exists as at most level 3, mostly 2, in both languages', async () => {
    const zh = '线上商城、小程序、App各是一套代码，维护成本非常高，接入一个新渠道很困难，体验也不一致';
    const en = 'We run separate apps for each channel; they are hard to maintain, inconsistent with each other, and unreliable';
    for (const t of [zh, en]) {
      expect(readClauses(t).signals, t).toContain('deficits');
      expect(readClauses(t).ceiling, t).toBe(3);
    }
    expect(await level('2.4', zh)).toBeLessThanOrEqual(2);
    expect(await level('4.1', '我们有ERP、CRM、OMS等多套系统，但数据之间割裂严重，扩展性差，对接成本非常高')).toBeLessThanOrEqual(2);
    // One problem beside a capability in everyday use, or a problem solved, is no write-up of problems.
    expect(readClauses('会员数据已经统一到数据中台，各门店天天在用，只是历史数据清洗起来比较困难').signals).not.toContain('deficits');
    expect(readClauses('The forecasts are in production and retrain weekly; cleaning old records is hard to automate').signals)
      .not.toContain('deficits');
  });

  it('reads what is only expected as a plan, and a build under way (正在构建) as a start, neither a capability', () => {
    expect(readClauses('It is expected to be installed in all stores').signals).toContain('wanted');
    expect(readClauses('正在构建订单数据中心').signals).toEqual(['building']);
    expect(readClauses('正在构建订单数据中心').ceiling).toBe(3);
  });

  it('reads a plan beside what exists as taking ground from levels 4-5 only', () => {
    const r = readClauses('会员系统已经上线，明年计划打通线下门店');
    expect(r.signals).toEqual(['planned-beside']);
    expect(r.perLevel[3]).toBeLessThan(0);
    expect(r.perLevel[4]).toBeLessThan(0);
    expect(r.perLevel.slice(0, 3)).toEqual([0, 0, 0]);
    expect(readClauses('会员系统已经上线，门店也都打通了').signals).not.toContain('planned-beside');
  });

  it('does not read an absorbed incident or a drill as a failure', () => {
    expect(readClauses('订单系统两地三中心多活，去年一个机房断电，顾客完全没感觉').signals).not.toContain('failure');
    expect(readClauses('勒索病毒、数据泄露都有预案并且演练过').signals).not.toContain('failure');
    expect(readClauses('If the models went down, operations would stop.').signals).not.toContain('failure');
    // A failure only supposed or guarded against is no incident either.
    expect(readClauses('为了避免单点故障，做了主备和限流，若机房断电可以切到另一地').signals).not.toContain('failure');
    expect(readClauses('We designed the queue to prevent a single point of failure.').signals).not.toContain('failure');
    expect(readClauses('去年机房断电，业务停了一天').signals).toContain('failure');
    expect(readClauses('The database fell over under load when it ran out of memory.').signals).toContain('failure');
    // The English words for what the Chinese list hears (崩了, 瘫痪, 硬盘坏了), and 坏了 after 已经.
    for (const t of ['At night the VPN had gone down as well.', 'Checkout collapsed on Black Friday.', '两台服务器的硬盘已经坏了']) {
      expect(readClauses(t).signals, t).toContain('failure');
    }
    // A host that broke and a service left unavailable, a facility that lost power: incidents in plain words.
    for (const t of ['物理主机坏掉了，服务瞬间不可用', 'The facility lost power at nine.', '系统出现服务异常，无法下单']) {
      expect(readClauses(t).signals, t).toContain('failure');
    }
  });

  it('reads a need opened first and then explained as a need, at most level 3', () => {
    const r = readClauses('We are looking for a POS that can go offline during opening hours. The reason is that some of our locations have an unstable connection');
    expect(r.signals).toContain('wanted');
    expect(r.ceiling).toBe(3);
    // What exists, said first, is the answer; a plan after it is not.
    expect(readClauses('有异地灾备，每年演练；另外在规划做双活').ceiling).toBeUndefined();
  });

  it('reads needs and plans as no capability', async () => {
    expect(readClauses('we are looking for an offline POS').signals).toContain('wanted');
    expect(await level('3.2', 'we are looking for an offline POS that keeps selling when the network drops')).toBeLessThan(4);
    expect(await level('5.4', '计划明年上销量预测系统')).toBeLessThanOrEqual(2);
    // A need opened and then explained (why, what it would take) is someone evaluating options: 2 before 1.
    const explained = readClauses('We are looking for a POS that works offline. The reason is that two shops lose internet. '
      + 'It would need to sync later.');
    expect(explained.signals).toContain('wanted');
    expect(explained.perLevel[1]!).toBeGreaterThan(explained.perLevel[0]!);
    // A plan beside what exists is not the whole answer: the plan's words are dropped, what exists stays.
    const r = readClauses('有异地灾备，每年演练；另外在规划做双活');
    expect(r.signals).not.toContain('wanted');
    expect(r.actual).not.toContain('双活');
  });

  it('reads broad coverage with one exception as high but not top', async () => {
    const r = readClauses('门店下单、会员、配送都在线上能走通，就是订奶卡还是纸的');
    expect(r.signals).toContain('all-but-one');
    expect(r.ceiling).toBe(4);
    expect(await level('3.1', '门店下单、会员、配送都在线上能走通，就是订奶卡还是纸的')).toBe(4);
    // Two gaps are no longer "all but one".
    expect(readClauses('都在线上了，就是工厂排产和售后还是线下').signals).not.toContain('all-but-one');
  });

  it('does not take named partners for an ecosystem', async () => {
    expect(readClauses('和天猫、盒马有数据合作').ceiling).toBe(4);
    expect(await level('4.5', '和天猫、盒马有数据合作')).toBeLessThan(5);
    // 企业微信 is a tool, not a partner.
    expect(readClauses('导购在企业微信里直接看到推荐，还开放给合作伙伴').signals).not.toContain('named-partners');
  });

  it('lets English descriptions of strong capability reach 4–5', async () => {
    expect(await level('5.4', 'We run demand forecasting in production everywhere, models retrain weekly and feed replenishment automatically.')).toBeGreaterThanOrEqual(4);
  });

  it('gives a plain description without business vocabulary a level', async () => {
    const r = await scorer.score('2.1', '300个场子，全部靠人记在本子上，完全没有数字化');
    expect(r.level).toBe(1);
  });

  it('is a signal of its own: with weight 0 the answers above score as before', async () => {
    const a = await without.score('5.4', '做过销量预测模型，试了一次就没再用');
    expect(a.signals).toBeUndefined();
    expect((await scorer.score('5.4', '做过销量预测模型，试了一次就没再用')).signals).toEqual(['abandoned']);
  });

  it('reads a part of a stated whole as a part: the rest still to come, or fewer sites than the whole', () => {
    for (const text of [
      '自助结账已经在华东的门店上线了，下半年逐步推广到其他门店',
      'Shelf sensors are live in our flagship stores, and they will be rolled out to the remaining stores next year.',
      '公司在全国有800多家门店，其中200多家门店已经用上了电子价签',
      'We run 1,200 stores; 300 stores have the new tablets in service.',
    ]) {
      const r = readClauses(text);
      expect(r.signals, text).toContain('part-of-whole');
      expect(r.perLevel[2], text).toBeGreaterThan(r.perLevel[3]!);
      expect(r.ceiling, text).toBeLessThanOrEqual(4);
    }
    expect(smallerCountAfter('有200多家门店，去年开到了800多家门店')).toBe(false);
  });

  it('leaves plain breadth and a single count alone', () => {
    for (const text of ['所有门店都上了电子价签', '300家门店都在用自助收银', 'All 500 stores run the new POS.']) {
      expect(readClauses(text).signals, text).not.toContain('part-of-whole');
    }
  });
});
