import type { IndicatorId } from './types.js';

/**
 * Level hints: everyday phrasings and concrete signs for each of the 125 level descriptors
 * (25 indicators × 5 levels) of the rubric in knowledge/rubric.json.
 *
 * The descriptors are formal whitepaper Chinese; employees on DingTalk and consultants do not talk
 * like that. They name tools, incidents, numbers and everyday situations ("只做了备份", "双十一不宕机",
 * "manual failover"). These phrases let retrieval and level placement match such answers to the
 * right level of the right indicator.
 *
 * `zh`: short Chinese phrases (2–12 characters) an employee would say; `en`: short English phrases a
 * consultant would use. Adjacent levels are separated deliberately:
 *   1 = absent / all manual / negative signs,
 *   2 = pilots, one department, first attempts, partial basics (e.g. backups without HA),
 *   3 = partial coverage, basic but not unified, core business only, manual steps remain,
 *   4 = most of the company, unified platform/standards, automated, but not closed-loop/ecosystem,
 *   5 = everything, ecosystem/partners, closed loop, continuous optimisation, best practice.
 *
 * Extended with adjacent-level contrasts: each cell's lists end with extra phrases chosen to
 * separate that level from the levels just below and above (2 vs 3, 3 vs 4, 4 vs 5), i.e. typical
 * scope words (一个部门/几家门店 → 2; 核心业务/部分业务线/总部 → 3; 全公司/大部分/统一平台 → 4;
 * 全集团/上下游/合作伙伴/持续优化 → 5), the gap that keeps an answer at its level ("还靠导表",
 * "还没打通", "还不能闭环"), and the maturity of the tools named (Excel/手工 → 1–2; 局部看板 → 3;
 * 全员看板/自助分析 → 4; 建议嵌入决策 → 5). No phrase appears in two levels of the same indicator.
 *
 * Written, including these extensions, from the rubric descriptors and general domain knowledge
 * only; no evaluation data or held-out answers were consulted. These are hints, not descriptors: the descriptors in rubric.json
 * remain the authoritative definition of each level.
 */
export interface LevelHint {
  zh: string[];
  en: string[];
}

export const LEVEL_HINTS: Record<IndicatorId, Record<1 | 2 | 3 | 4 | 5, LevelHint>> = {
  // ───────────── 1 基础设施云化 ─────────────
  '1.1': { // 集成与存储
    1: {
      zh: ['数据存在个人电脑', 'U盘拷数据', '硬盘坏了数据没了', '数据丢过', '存储不够就删', '重要数据没存', '系统之间不互通', '手工导数', '邮件传表格', '文件到处放', '没人管存储', '服务器放在角落', '每人自己存文件', '历史数据找不回', '空间满了删旧数据', '连共享盘都没有', '数据存哪没人知道'],
      en: ['data on local PCs', 'data loss incidents', 'manual file transfers', 'siloed systems', 'deleting data for lack of space', 'no central storage', 'no shared drive', 'historical data lost'],
    },
    2: {
      zh: ['核心系统有接口', 'ERP和CRM对接了', '点对点接口', '统一存储接口', '核心库有冗余', '核心系统做了RAID', '非核心系统没冗余', '只打通部分系统', '用NAS存文件', '接口靠写脚本', '部分系统集成', '边缘系统没保护', '只有两三个系统通', '其他系统靠导表', '接口一个个单独写', '门店系统没冗余', '小系统数据没保护'],
      en: ['point-to-point interfaces', 'core systems integrated', 'redundancy for core systems only', 'non-core systems unprotected', 'partial integration', 'a handful of interfaces', 'other systems via exports'],
    },
    3: {
      zh: ['核心数据都存了', '有数据保留策略', '冷热数据分开', '定期归档', '选择性存储', '日志只存半年', '存储有权限控制', '敏感数据加密', '开始用对象存储', '有数据分级', '非核心数据没全存', '生命周期管理初步', '核心业务数据有保障', '归档靠人工操作', '保留期限有规定', '存储还没集中管', '部分业务线做了分级', '大数据挑着存'],
      en: ['retention policy', 'data archiving', 'selective storage of big data', 'basic lifecycle management', 'core data well stored', 'some encryption at rest', 'manual archiving', 'storage not yet centralised'],
    },
    4: {
      zh: ['内部系统全打通', 'ESB企业服务总线', '统一集成平台', '统一存储平台', '集中式存储', '存储池化', '多副本冗余', 'SAN存储', '接口统一管理', '没和供应商打通', '外部数据接不进来', '伙伴数据没接入', '全公司一个存储平台', '集成平台统一管接口', '内部数据不用导表', '对外协同还不行', '只管内部数据', '容量统一调配'],
      en: ['enterprise service bus', 'fully integrated internal systems', 'unified storage platform', 'centralised redundant storage', 'no partner data integration', 'company-wide storage platform', 'internal only, no external collaboration'],
    },
    5: {
      zh: ['数据湖', '合作伙伴数据接入', 'IoT设备数据入湖', '海量异构数据', '冷热分层存储', '低频归档存储', '存储成本可控', '高持久性', '自动生命周期策略', '非结构化都能存', '跨可用区多副本', '生态数据统一存', '供应商数据也进湖', '设备数据自动落存储', '按访问频率自动降冷', '存储成本持续优化', '全集团统一数据存储', '上下游数据都存'],
      en: ['data lake', 'partner and IoT data ingestion', 'tiered storage lifecycle', 'eleven nines durability', 'massive heterogeneous data', 'cost-optimised storage', 'ecosystem data stored centrally', 'automated cost-optimised tiering'],
    },
  },
  '1.2': { // 网络与计算
    1: {
      zh: ['网络经常断', '网速很慢', '服务器老旧', '一台机器跑所有', '系统经常卡死', '没有专线', '门店拨号上网', '算力跟不上', '扩容要买机器', '没有网管', '月底结账跑不动', '网络没人管', '网络一断全停', '门店网络时好时坏', '机房就一台服务器', '视频会议都卡', '没人做容量评估'],
      en: ['frequent network outages', 'old physical servers', "can't keep up with load", 'no dedicated lines', 'slow network', 'single ageing server', 'network drops regularly'],
    },
    2: {
      zh: ['划分了VLAN', '子网划分', '内外网隔离', '网络隔离', '有网络监控', 'Zabbix监控', '核心业务勉强够用', '没有虚拟化', '物理机部署', '加机器要几周', '单运营商接入', '核心系统能跑', '办公网生产网分开', '只能看网络通不通', '一个系统一台物理机', '资源利用率很低', '非核心系统很吃紧'],
      en: ['VLAN segmentation', 'basic network monitoring', 'no virtualisation', 'bare-metal servers', 'enough for core systems only', 'one application per physical server', 'basic network isolation'],
    },
    3: {
      zh: ['平时业务够用', '有容量规划', '做了算力预估', '带宽有余量', '部分虚拟化', 'VMware', 'VPN远程办公', '分支机构专线', '大促时会卡', '扩容要提前申请', '有年度IT规划', '离线批处理', '平时不卡', '明年算力有预估', '扩容按年度采购', '总部有专线门店没有', '弹性扩展还做不到', '虚拟化没全覆盖'],
      en: ['capacity planning', 'VPN for remote work', 'partially virtualised', 'handles normal load', 'struggles at peaks', 'annual hardware procurement', 'no elastic scaling yet'],
    },
    4: {
      zh: ['全面虚拟化', '核心系统上云', '弹性升配', '水平扩展', '所有终端在线接入', 'SD-WAN', '多运营商接入', '自动化运维', '容器化', 'Kubernetes', '分钟级扩容', '负载均衡', '门店全联网', '资源池统一调度', '申请资源当天就有', '大促要提前扩容', '突发流量还得人盯', '云上按需升配', '大部分系统虚拟化'],
      en: ['fully virtualised', 'horizontal scaling', 'SD-WAN', 'scale up on demand', 'all devices online', 'multi-carrier access', 'resources provisioned same day', 'spikes still need manual prep'],
    },
    5: {
      zh: ['秒级弹性伸缩', '大促流量从容', '双十一不宕机', '秒杀扛得住', '峰值自动扩容', '混合云', 'Serverless', 'Flink实时计算', '低延迟网络', '全球加速', 'CDN加速', '海量并发', 'GPU算力池', '流量洪峰自动扛', '全集团弹性算力', '实时计算毫秒级', '高峰无感扩容', '跨地域低延迟专网', '算力随业务伸缩'],
      en: ['auto-scaling', 'handles traffic spikes', 'hybrid cloud', 'serverless', 'real-time computing', 'low-latency network', 'elastic compute follows business demand', 'millisecond latency'],
    },
  },
  '1.3': { // 安全与风险
    1: {
      zh: ['没有防火墙', '安全意识薄弱', '密码贴在桌上', '弱口令', '中过勒索病毒', '没有安全人员', '共用账号', '补丁不打', '随便插U盘', '漏洞很多', '出事才处理', '没有安全制度', '从没做过安全检查', '谁都能进机房', '杀毒软件都没有', '数据随便拷走', '管理员密码大家知道'],
      en: ['low security awareness', 'shared passwords', 'ransomware incident', 'unpatched systems', 'no security staff', 'no antivirus', 'anyone can copy data'],
    },
    2: {
      zh: ['装了防火墙', '装了杀毒软件', '只防外部攻击', '内部没管控', '没有安全审计', '没有等级划分', '员工权限很大', '离职账号没回收', '没有日志审计', '只有边界防护', '基本防护', '防外不防内', '内部人员随便看数据', 'IT兼职管安全', '防火墙装了没人看', '权限没分级'],
      en: ['firewall and antivirus', 'perimeter defence only', 'no internal controls', 'no security audit', 'no access classification', 'outside threats only', 'part-time security by IT'],
    },
    3: {
      zh: ['上了WAF', '入侵检测', '漏洞扫描', '堡垒机', '安全意识培训', '能挡大部分攻击', '有安全告警', '等保二级', '有安全团队', '定期打补丁', '上网行为管理', '数据防泄漏没做', '有安全工具没体系', '告警要人工看', '总部防护做得好', '分支机构防护弱', '数据安全还没管', '审计只覆盖核心系统'],
      en: ['WAF and IDS', 'vulnerability scanning', 'bastion host', 'security alerts', 'handles most attacks', 'security awareness training', 'tools without a security system', 'data security not yet covered'],
    },
    4: {
      zh: ['等保三级', '安全体系完整', '数据分级分类', '数据安全治理', '审计全覆盖', '按等级管控', 'SOC安全运营', '权限最小化', '数据脱敏', 'ISO27001', '日志统一审计', '网络数据审计都管', '安全制度全覆盖', '全公司统一安全策略', '按等级分区防护', '定期安全审计', '风险评估一年一次', '应急预案还不全'],
      en: ['ISO 27001', 'data classification', 'security operations centre', 'full audit logging', 'tiered security levels', 'data masking', 'company-wide security policy', 'annual risk assessment only'],
    },
    5: {
      zh: ['零信任架构', '态势感知', '攻防演练', '红蓝对抗', '风险库持续更新', '威胁情报', '安全应急预案', '应急响应演练', '行业最佳实践', '自动化安全响应', '安全左移', '持续风险评估', '全集团安全运营', '供应商安全评估', '风险库每季度更新', '7x24安全值守', '安全体系持续优化', '演练常态化'],
      en: ['zero trust', 'red team exercises', 'threat intelligence', 'risk register', 'incident response playbooks', 'security best practice', 'third-party risk management', 'risk library updated quarterly'],
    },
  },
  '1.4': { // 持续集成与敏捷交付
    1: {
      zh: ['直接改生产', '手工上线', '上线就出问题', '一改就崩', '没有测试环境', '半年才发一次版', '代码没版本管理', '外包写完就走', '改需求排几个月', '升级要停机', '不敢动系统', '代码拷来拷去', '上线靠人肉', '出问题回滚不了', '发版靠运气', '不测试就上线', '一上线就通宵'],
      en: ['changes made directly in production', 'manual deployments', 'no test environment', 'releases break things', 'rare releases', 'no rollback', 'no testing before release'],
    },
    2: {
      zh: ['有测试环境', '开发和生产分开', '用Git管代码', 'SVN', '有版本管理', '整包发布', '牵一发动全身', '不能单独迭代', '手工打包部署', '每月发一次版', '单体应用', '上线要晚上停机', '代码有版本发布靠手工', '改一个模块要全量测', '测试环境和生产不一致', '一个月攒一次需求', '上线要走纸质审批'],
      en: ['version control', 'separate dev and prod', 'monolithic releases', 'manual packaging', 'monthly release', 'version control but manual deploys', 'whole system redeployed for small changes'],
    },
    3: {
      zh: ['Jenkins', '自动化部署', '有CI流水线', '部分团队敏捷', '两周一个迭代', 'Scrum试点', '自动化运维脚本', '没有统一研发规范', '各团队做法不同', '自动化测试少', '用Jira管需求', '有的团队还瀑布', '个别团队用流水线', '研发部自己搞敏捷', '核心系统自动部署了', '其他系统还手工发', '压测偶尔做', '各部门各搞一套'],
      en: ['Jenkins pipelines', 'some teams agile', 'two-week sprints', 'no company-wide practice', 'limited test automation', 'pipelines in a few teams', 'no load testing'],
    },
    4: {
      zh: ['DevOps平台', 'CI/CD流水线', '自动化发布', '灰度发布', '全链路压测', '微服务独立发布', '统一研发流程', '自动化测试覆盖', '蓝绿部署', '一周多次发布', '容器化部署', '一键回滚', '全公司统一流水线', '大部分系统自动发布', '按业务场景压测', '发布流程标准化', '迭代节奏固定', '效能度量还没做'],
      en: ['CI/CD', 'automated release', 'canary releases', 'full-link load testing', 'independent microservice deploys', 'DevOps platform', 'standard pipeline across teams', 'business-scenario load tests'],
    },
    5: {
      zh: ['一天发布多次', '随时可上线', '研发效能度量', '持续交付体系', '企业级DevOps', '发布无感知', '特性开关', '混沌工程', 'A/B实验驱动迭代', '全员敏捷', '持续改进机制', '平台工程', '全集团一套研发体系', '效能数据持续改进', '发布完全自助', '按需随时发布', '业务随时上新功能'],
      en: ['multiple deploys per day', 'continuous delivery at scale', 'DORA metrics', 'feature flags', 'chaos engineering', 'enterprise-wide DevOps', 'self-service releases', 'continuous improvement of delivery metrics'],
    },
  },
  '1.5': { // 业务连续性
    1: {
      zh: ['没有备份', '坏了等厂商修', '全靠人工', '宕机就停业务', '服务器一坏全停', '没有应急预案', '没想过连续性', '数据丢了找不回', '单点故障', '断电就停', '机房没有UPS', '停机好几天', '系统挂了手工开单', '从没考虑过容灾', '恢复全凭运气', '出问题只能等', '宕机没人负责'],
      en: ['no backups', 'single point of failure', 'downtime stops business', 'no contingency plan', 'wait for vendor repair', 'back to paper when systems fail', 'no disaster planning'],
    },
    2: {
      zh: ['定期备份', '只做了备份', 'RAID', '没有双机热备', '没有灾备', '冷备份', '磁带备份', '备份没验证过', '数据库每天全备', '有冗余电源', '恢复要很久', '备份放同一机房', '每天晚上备份一次', '只有数据备份', '没有备用服务器', '坏了从备份恢复', '恢复要一两天'],
      en: ['regular backups only', 'no high availability', 'RAID', 'cold backups', 'untested restores', 'nightly backups only', 'no standby server'],
    },
    3: {
      zh: ['有应急预案', '双机热备', '主备切换', '核心系统高可用', '有BCP文档', '恢复时间说不准', '没演练过', '切换靠人工', '没有量化指标', '本地灾备', '非核心没保障', '管理上跟不上', '制度有了落不了地', '核心系统有主备', '可用性没法衡量', '切换要几个人配合', '不知道多快能恢复'],
      en: ['hot standby', 'manual failover', 'BCP documented but untested', 'recovery time not measured', 'HA for core systems only', 'plan exists but not measurable', 'availability not tracked'],
    },
    4: {
      zh: ['同城灾备', '灾备中心', '数据库主从复制', '集群高可用', '切换会中断业务', '切换要几小时', '每年灾备演练', '有SLA', '自动故障转移', '主备机房', '灾备体系完整', '切换有影响', '核心系统都有灾备', '大部分系统高可用', '可用性有监控', '切换流程成熟', '异地还没做', '多活还没上'],
      en: ['disaster recovery site', 'database replication', 'automatic failover', 'annual DR test', 'failover causes some downtime', 'DR in place but switchover disruptive', 'no multi-active yet'],
    },
    5: {
      zh: ['异地多活', '同城双活', '多活架构', '分钟级切换', '定期灾备演练', 'RTO', 'RPO', '切换无感知', '两地三中心', '业务零中断', '单元化架构', '99.99%可用性', '故障自愈', '全集团容灾体系', '季度切换演练', '业务层面有预案', '门店断网也能收银', '机房挂了用户无感', '连续性持续评估'],
      en: ['active-active', 'multi-region', 'failover drills', 'RTO/RPO targets', 'seamless failover', '99.99% availability', 'business and IT continuity plans', 'quarterly failover drills'],
    },
  },

  // ───────────── 2 触点数字化 ─────────────
  '2.1': { // 覆盖与布局
    1: {
      zh: ['门店用纸质单', '手工盘点', '只有收银机', '没有扫码', '设备各自为政', '不知道有多少设备', '没有线上入口', '触点很少', '各管各的', '没有布局规划', '靠业务员跑店', '数据靠人上报', '全靠纸笔记录', '没有数字化设备', '各门店自己买设备', '没人规划触点'],
      en: ['few digital touchpoints', 'paper-based stores', 'each device standalone', 'no touchpoint strategy', 'manual stocktaking', 'no digital devices', 'stores buy their own gear'],
    },
    2: {
      zh: ['试点几家门店', '试装客流摄像头', '一物一码试点', '试点电子价签', '老设备加传感器', '开了个小程序', '想统一管理', '一个部门在做', '小范围试点', '试装智能冷柜', '扫码试点', '改造老设备', '一个区域先试', '一个品牌先试', '先在一条产线试', '想有个统一后台', '试点还没推广'],
      en: ['pilot stores', 'trial sensors', 'QR code pilot', 'retrofitting legacy devices', 'one department trying it', 'one-region trial', 'pilot not yet rolled out'],
    },
    3: {
      zh: ['部分门店上了设备', '设备各管各的', '没有统一管理入口', '维护靠供应商', '多个设备后台', '每种设备一个系统', '一物一码已用上', '小程序有会员了', '价值已经看到', '设备坏了不知道', '软硬件维护零散', '部分场景覆盖', '部分业务线用上了', '总部旗舰店有设备', '每家供应商一个后台', '设备管理靠表格', '核心门店覆盖了'],
      en: ['touchpoints in some scenarios', 'multiple device consoles', 'no single management entry', 'vendor-maintained devices', 'fragmented maintenance', 'covered in some business lines', 'device inventory kept in spreadsheets'],
    },
    4: {
      zh: ['大范围铺设备', '全国门店推广', '核心业务离不开', '在建设备管理平台', '统一IoT平台在建', '全局触点规划', '门店全部联网', '统一入口在建', '设备台账统一', '批量改造', '产线设备上网', '分散管理在收拢', '大部分门店都装了', '全公司推设备', '管理平台快上线', '统一平台还没全接', '少数设备没接入'],
      en: ['rollout across most stores', 'building a device management platform', 'touchpoints critical to core business', 'large-scale retrofit', 'unified device registry', 'most stores equipped', 'management platform partly live'],
    },
    5: {
      zh: ['全链路触点布局', '统一IoT平台', '远程调试', '远程升级OTA', '设备状态实时查', '分类分层管理', '设备全生命周期', '工厂到门店全覆盖', '按类型分入口管理', '一个平台管所有', '设备在线率监控', '消费者全触点', '上下游触点都覆盖', '经销商终端也纳管', '平台远程管设备', '设备状态一屏看', '按业务需求布点'],
      en: ['end-to-end touchpoint coverage', 'unified IoT platform', 'remote debugging', 'OTA updates', 'real-time device status', 'categorised device management', 'partner terminals managed too', 'layout matched to business needs'],
    },
  },
  '2.2': { // 在线与连通
    1: {
      zh: ['设备都是离线的', '靠U盘拷数据', '数据靠人抄', '月底汇总上报', '门店传真订单', '电话报数', '设备不联网', '单机版收银', '拍照发群里', '人工传递信息', '数据隔天才到', '个别设备联网', '只有总部联网', '数据要人去拿', '设备没有联网功能', '每周拷一次数据'],
      en: ['devices offline', 'manual data collection', 'data sent by phone or fax', 'standalone POS', 'no connectivity', 'data collected by hand', 'only head office online'],
    },
    2: {
      zh: ['试着让设备联网', '测试4G模块', '连接测试', '试用MQTT', '测试传输加密', '几台设备在线', '小范围联网测试', '还在摸索', '没有接入规范', '试点门店联网', '测连接稳定性', '接入方式没定', '一个门店测联网', '联网方案还在比', '试点连接不稳', '加密还在测'],
      en: ['connectivity trials', 'testing 4G modules', 'pilot MQTT', 'no enterprise connection standard', 'a few devices online', 'comparing connectivity options', 'single-site connection test'],
    },
    3: {
      zh: ['一定数量设备在线', 'HTTP上传', '用常规协议', '有基本加密', '断网数据会丢', '弱网就掉线', '部分设备能联网', '定时上传', '断网后补不回', '接入数量有限', '掉线要人工重连', '安全意识有了', '断网就补录', '核心门店都在线', '连接数上不去', '安全做了基本的', '其他门店还离线'],
      en: ['standard HTTP upload', 'data lost when network drops', 'basic encryption', 'limited number of connected devices', 'manual reconnect', 'gaps after outages need manual backfill', 'connection count capped'],
    },
    4: {
      zh: ['大部分设备在线', '统一接入网关', '接入规范统一', '传输加密普及', '设备认证', 'TLS加密', '连接稳定', '接入方案全面推广', '设备在线率高', '物联网卡统一管', '集中接入平台', '连接效率优化', '全公司统一接入', '大部分门店都在线', '断网还会丢点数据', '接入规范全推开'],
      en: ['most devices online', 'unified IoT gateway', 'TLS everywhere', 'device authentication', 'company-wide connection standard', 'standard connectivity rolled out', 'some data loss in outages'],
    },
    5: {
      zh: ['海量设备接入', '百万级连接', '断网续传', '边缘计算', '离线自治', '断网自动恢复', '按场景选协议', 'NB-IoT', '5G接入', '弱网自适应', '端到端加密', '设备自愈', '边缘网关缓存', '断网本地先存', '恢复后自动补传', '供应链设备都接入', '海量连接不卡', '连接策略持续优化'],
      en: ['millions of connections', 'edge computing', 'store-and-forward', 'offline autonomy', 'self-healing devices', 'protocol chosen per scenario', 'local caching with auto-sync', 'supply-chain devices connected'],
    },
  },
  '2.3': { // 数据与质量
    1: {
      zh: ['采不到数据', '数据很少', '只有销量数', '数据格式乱', '手填错误多', '数据不准', '没考虑隐私', '没有用户授权', '只有Excel', '数据缺字段', '数据靠估', '没有会员数据', '数据基本没有', '全靠手工记', '只有纸质单据', '采来的数不能用'],
      en: ['little data collected', 'poor data quality', 'single format', 'no privacy consideration', 'manually keyed data', 'unusable data'],
    },
    2: {
      zh: ['只采到少量数据', '只有一个场景数据', '只有POS流水', '字段单一', '质量没保障', '经常缺数', '重复数据多', '试点门店数据', '靠人工校对', '零星业务数据', '维度单一', '品类很少', '只有一个渠道的数', '只有一家门店数据', '数据时有时无', '人工补录很多', '数据不能直接用'],
      en: ['data from one scenario only', 'sparse data', 'quality not assured', 'missing fields', 'mostly POS transactions', 'data from a single channel', 'lots of manual backfill'],
    },
    3: {
      zh: ['数据有一定规模', '基本场景覆盖', '数据比较完整', '会员数据有了', '能拿来分析', '有隐私意识', '做了用户授权', '品类还不够丰富', '有商业价值', '偶有缺失', '没有统一采集标准', '清洗靠人工', '核心渠道数据齐', '数据能用但不全', '标准各渠道不同', '隐私做了基本处理', '总部能看到主要数'],
      en: ['reasonable data volume', 'fairly complete data', 'basic privacy awareness', 'covers basic scenarios', 'manual data cleansing', 'usable but incomplete', 'channel-specific standards'],
    },
    4: {
      zh: ['数据很丰富', '多来源数据', '按企业标准采集', '有数据质量标准', '质量校验规则', '埋点规范', '字段定义统一', '多维度数据', '质量监控', '数据字典', '采集规范统一', '全渠道数据', '数据质量有考核', '大部分数据达标', '实时数据还不多', '合规流程还不完整', '全公司按标准采'],
      en: ['rich multi-source data', 'data quality standards', 'tracking plan', 'quality checks', 'data dictionary', 'quality KPIs', 'compliance process still partial'],
    },
    5: {
      zh: ['海量实时数据', '实时加离线', '异构数据', '数据定义清晰', '高价值数据', '完整性高', '采集合规体系', '个保法合规', '授权管理完善', '采集过程审计', '全场景全品类', '数据血缘可追溯', '伙伴数据一起采', '采集标准持续优化', '每个字段有定义', '质量问题自动修复'],
      en: ['massive real-time data', 'heterogeneous data', 'PIPL compliance', 'consent management', 'well-defined high-value data', 'data lineage', 'automated quality remediation', 'partner data captured'],
    },
  },
  '2.4': { // 扩展与移植
    1: {
      zh: ['换设备成本高', '定制开发锁死', '被供应商绑定', '推广不动', '每家店单独改', '接新设备很难', '换一个要重做', '系统封闭', '复制不了', '推全国推不动', '接口不开放', '专用硬件', '每开一店重新做', '只能用原厂设备', '一个系统一套硬件', '加设备要改系统'],
      en: ['high replacement cost', 'vendor lock-in', 'hard to roll out', 'custom one-off integrations', 'closed systems', 'every rollout rebuilt from scratch'],
    },
    2: {
      zh: ['在试轻量化', '试点移植别的场景', '小程序试点复制', '尝试标准化', '试点推广测试', '轻应用尝试', '一店复制到几店', '探索可复制方案', 'H5试点', '验证可移植性', '先试再推', '先在两三家店复制', '试点还没复用', '看能不能推到别处', '在做标准化方案'],
      en: ['trying lightweight touchpoints', 'pilot replication', 'portability tests', 'lightweight app trials', 'testing reuse in a second scenario'],
    },
    3: {
      zh: ['部分触点能复制', '有一定可替换性', '愿意试新触点', '有接入条件', '复制要改一部分', '新设备能接但慢', '标准化程度一般', '部分模块通用', '扩展要开发配合', '有基本接口', '复制要二次开发', '部分门店能复制', '换设备要改接口', '新触点接入要几个月'],
      en: ['some touchpoints reusable', 'replaceable with some effort', 'technically able to add new touchpoints', 'requires development to extend', 'reuse needs rework', 'new touchpoints take months'],
    },
    4: {
      zh: ['大部分触点轻量', '新店快速复制', '即插即用', '模块化触点', '标准接口', '新触点很快接入', '触点之间能协同', '替换成本低', '配置化上线', '开放API', '多端统一SDK', '一周上新触点', '标准化配置复制', '换供应商不费劲', '大部分门店一键复制', '新设备几天接入'],
      en: ['plug and play', 'lightweight and replicable', 'standard APIs', 'new touchpoints integrated fast', 'low switching cost', 'easy vendor swap', 'configure rather than rebuild'],
    },
    5: {
      zh: ['小前台大中台', '新触点随时接', '高度敏捷弹性', '低代码搭建触点', '一套代码多端', '前台轻中台强', '新渠道当天接入', '拥抱新设备', '快速试错', '跨端复用', '触点扩展自如', '任何新设备都能接', '前台随业务变化', '中台能力全复用', '生态伙伴触点也接', '扩展零改造'],
      en: ['small front-end, big middle platform', 'highly elastic', 'low-code touchpoints', 'onboard new channels in days', 'write once, run anywhere', 'partner touchpoints plug in', 'new touchpoints onboarded on the platform'],
    },
  },
  '2.5': { // 成本与收效
    1: {
      zh: ['不知道投了多少', '算不清回报', '钱花了没效果', '设备装了没人用', '不知道值不值', '拍脑袋投入', '没有ROI评估', '效果说不清', '投入产出不算', '跟风买设备', '老板凭感觉', '投多少心里没数', '没人跟踪效果', '没有预算规划', '买了设备吃灰'],
      en: ["can't measure ROI", 'money spent without results', 'unused devices', 'no investment evaluation', 'no tracking of effects'],
    },
    2: {
      zh: ['个别部门算ROI', '试点有效果数据', '只有局部算得清', '公司层面没汇总', '某个项目有回报', '市场部自己算', '门店试点有对比', '单点算账', '零散评估', '局部投入产出', '一个部门算过账', '只有单个项目能算', '全公司算不出来', '一家门店算了回报'],
      en: ['ROI measured in one department', 'pilot results only', 'no company-level analysis', 'local cost-benefit', 'single-store payback figures'],
    },
    3: {
      zh: ['成本收益没量化', '缺少统计工具', '各部门各算各的', '公司层面看不到', '部分触点有效果', '局部铺了触点', '没有测算模型', '账算不清楚', '手工统计成本', '效果靠感觉判断', '只铺了部分场景', '没有统一算法', '靠Excel估收益', '收益说不准'],
      en: ['no quantitative method', 'no company-wide statistics', 'each team counts differently', 'benefits hard to prove', 'benefits estimated in Excel'],
    },
    4: {
      zh: ['立项前做ROI测算', '标准评估流程', '投资评审', '上线后复盘', '效果评估模板', '有判断依据', '有KPI考核', '投后评估', '统一测算口径', '投入前先算账', '可行性分析', '每个项目都过评审', '全公司统一评估流程', '上线三个月复盘', '能说清值不值'],
      en: ['standard business case process', 'ROI assessment before investing', 'post-investment review', 'clear evaluation criteria', 'every investment reviewed', 'company-wide evaluation process'],
    },
    5: {
      zh: ['回报明显', '带来很大价值', '按业务需求部署', '成熟评估方法论', '持续ROI跟踪', '投入产出闭环', '效果可量化', '评估有最佳实践', '不花冤枉钱', '回本周期短', '投资有指导方法', '已经明显赚回来', '评估方法全集团推', '按收益动态调投入', '触点投资有章法'],
      en: ['proven significant returns', 'mature evaluation methodology', 'continuous ROI tracking', 'investment aligned to business needs', 'investment adjusted by measured returns'],
    },
  },

  // ───────────── 3 业务在线化 ─────────────
  '3.1': { // 业务完整与闭环
    1: {
      zh: ['全部线下', '电话传真下单', '没有线上渠道', '没有电商', '手写订单', '业务员跑单', '不接触线上客户', '纯线下经销', '没有网上商城', '客户都在线下', '做生意全在线下', '网上找不到我们', '订单全靠纸', '从不做线上'],
      en: ['offline business', 'orders by phone and fax', 'no e-commerce', 'no online customer contact', 'invisible online'],
    },
    2: {
      zh: ['只有支付在线', '微信支付宝收款', '线上只是展示', '官网只能看', '线上下单线下结', '大部分还是线下', '开了个网店试试', '公众号发发文章', '个别环节在线', '闭不了环', '网店就是试试', '线上订单很少', '试着开直播卖货', '发货对账还线下', '只在一个渠道试'],
      en: ['only payment online', 'online showroom only', 'mostly offline', 'no closed loop', 'a trial online shop', 'fulfilment still offline'],
    },
    3: {
      zh: ['天猫旗舰店', '核心业务线上闭环', '经销商在线订货', '小程序商城', '部分业务移动化', '下单到发货打通', '电商单独运营', '部分环节还线下', '移动订货', 'B2B订货平台', '核心流程能闭环', '主营业务能线上跑', '核心品类在线卖', '其他业务还线下', '电商和线下割裂', '会员数据分开'],
      en: ['core business closed loop online', 'Tmall flagship store', 'B2B ordering portal', 'partially mobile', 'core lines online, others offline', 'e-commerce separate from stores'],
    },
    4: {
      zh: ['大部分业务在线', '内外数据流通', '全渠道在线', 'DTC直营在线', '供应商在线协同', '大部分链路闭环', '订单到收款在线', '线上线下打通', '经销商门店都在线', '移动化为主', '个别环节没上线', '八成订单线上', '供应链大部分在线', '和伙伴还没全打通', '少数链路没闭环'],
      en: ['most of the value chain online', 'omnichannel', 'DTC', 'data flows inside and outside', 'most orders online', 'a few links still offline'],
    },
    5: {
      zh: ['所有业务在线', '全产业链闭环', '上下游全在线', '消费者到工厂打通', 'C2M反向定制', '全链路在线', '生态伙伴在线协同', '员工客户伙伴全连', '产销一体在线', '端到端闭环', '供应商到消费者全在线', '一线员工全在线', '线上线下完全融合', '产业链数据全流通'],
      en: ['entire value chain online', 'C2M', 'end-to-end closed loop', 'partners and consumers all connected', 'every business line online with partners'],
    },
  },
  '3.2': { // 流程在线与重构
    1: {
      zh: ['纸质审批', '签字盖章', '跑腿找领导签字', '流程靠人盯', '报销贴发票', '流程走很久', '没有流程记录', '线下走流程', '口头审批', '单据丢失', '流程卡在人', '流程全靠纸', '审批等好几天', '流程没有数据', '流程没有系统'],
      en: ['paper-based approvals', 'wet signatures', 'manual process chasing', 'no process data', 'no digital workflow'],
    },
    2: {
      zh: ['尝试打通系统', '跨部门流程试点', '个别流程优化', '打通孤岛试点', '几个流程先上线', '流程试点重构', '试着串流程', '一两个流程提效', '跨系统流程尝试', '先拿一个流程试', '一个部门先上流程', '只打通两个系统', '采购流程先试', '试点流程有提升'],
      en: ['pilot cross-system workflow', 'a few processes online', 'breaking silos in one area', 'first process redesign', 'one workflow piloted'],
    },
    3: {
      zh: ['在搭流程体系', '流程梳理中', '流程管理项目', 'BPM建设中', '流程断点多', '数据断档', '系统集成不够', '还有手工环节', '流程中要导表', '效率提升空间大', '跨系统靠手工', '流程在线但要导表', '有的环节还纸质', '核心流程上线了', '流程数据不全', '系统间要人转'],
      en: ['building a BPM system', 'process mapping underway', 'manual steps between systems', 'data gaps in processes', 'core processes online with manual hand-offs'],
    },
    4: {
      zh: ['RPA机器人', '机器人自动对账', '共享服务中心', '财务共享', '流程自动化', '钉钉审批流', '社交化协作', '流程上云', '端到端流程重构', '员工自助服务', '流程机器人', '内外客户参与', '大部分流程自动化', '移动审批全覆盖', '共享中心服务全司', '客户也在线参与', '关键节点还缺数据'],
      en: ['RPA', 'shared service centre', 'social and mobile workflows', 'process automation', 'end-to-end process redesign', 'most processes automated', 'mobile approvals everywhere'],
    },
    5: {
      zh: ['流程全链路在线', '流程挖掘', '数据驱动流程优化', '关键节点数据沉淀', '持续流程优化', '流程数字孪生', '零人工干预', '智能审批', '全流程可追溯', '流程效率持续提升', '流程数据实时沉淀', '按数据持续重构', '上下游流程打通', '每个节点都有数据', '流程瓶颈自动发现'],
      en: ['process mining', 'data-driven process optimisation', 'fully online end-to-end', 'continuous process improvement', 'straight-through processing', 'bottlenecks detected from process data', 'cross-company processes online'],
    },
  },
  '3.3': { // 沟通与协同
    1: {
      zh: ['靠开会', '当面沟通', '打电话沟通', '打印文件', '纸质通知', '没有OA', '口头传达', '找人靠喊', '公告贴墙上', '没有协同工具', '组织架构靠记', '事情靠嘴说', '文件纸质流转', '通知靠张贴'],
      en: ['face-to-face meetings', 'paper notices', 'no collaboration tools', 'phone calls', 'word of mouth'],
    },
    2: {
      zh: ['邮件沟通', '电脑上用OA', '只能PC端', 'QQ群', '个人微信聊工作', '企业内网门户', '出差就看不到', '文件靠邮件传', '工具零散', '沟通效率不高', '只能在电脑审批', '离开办公室就断', '邮件来回转', '微信群聊工作'],
      en: ['email and PC-based OA', 'desktop only', 'personal WeChat for work', 'intranet portal', 'approvals only on PC'],
    },
    3: {
      zh: ['用钉钉', '企业微信', '手机审批', '移动办公', '手机上看报表', '移动考勤', '主要沟通在手机', '和经销商建群', '在线文档', '移动端管人财物', '主要在钉钉沟通', '外部还靠微信', '手机查库存', '资产手机上管'],
      en: ['DingTalk', 'WeCom', 'mobile approvals', 'mobile office', 'mobile-first communication', 'partners still on personal WeChat'],
    },
    4: {
      zh: ['跨部门在线协同', '项目群协同', '在线学习平台', '钉钉宜搭', '内外部一起在线', '人财物在线流动', '员工在线培训', '共享文档协作', '上下游拉群协同', '视频会议常态化', '在线获取技能', '跨公司项目在线推', '员工手机上学习', '资产在线调拨', '人员在线调配'],
      en: ['cross-company online collaboration', 'online learning platform', 'shared docs', 'people and finance managed online', 'online skills training', 'assets and staff allocated online'],
    },
    5: {
      zh: ['智能会议室', '智能前台', '动态组织', '灵活组队', '生态协同', '智能助手', '会议纪要自动生成', '技能图谱', '在线人才发展', '伙伴同一平台', '组织敏捷', '数字化组织', '组织随项目调整', '全集团一个协同平台', '智能排会', '人岗自动匹配', '协同效率持续优化'],
      en: ['smart meeting rooms', 'dynamic teams', 'ecosystem collaboration', 'AI assistants', 'digital organisation', 'AI-assisted meetings', 'group-wide collaboration platform'],
    },
  },
  '3.4': { // 系统与架构
    1: {
      zh: ['没有ERP', '靠Excel管业务', '只用记账软件', '进销存靠手工', '系统不成体系', '零散小软件', '没有核心系统', '单机版软件', '账靠财务手做', '业务系统空白', '连财务软件都没有', '业务全在表格里', '没有任何系统', '靠纸质台账'],
      en: ['Excel-run business', 'no ERP', 'fragmented small tools', 'no core system', 'paper ledgers'],
    },
    2: {
      zh: ['上了财务系统', '用友', '金蝶', '有HR系统', '有CRM', '有OA', '基础ERP', '最基本的系统', '财务人事先上', '只有后台系统', '基础信息化', '只有几套基础系统', '前台业务没系统', '系统买的标准版', '先把账管起来'],
      en: ['basic ERP', 'finance and HR systems', 'CRM and OA', 'back-office systems only', 'off-the-shelf basics'],
    },
    3: {
      zh: ['烟囱式系统', '系统太多', '系统臃肿', '维护成本高', '升级很难', '重复建设', '系统之间不通', '改功能要很久', '十几套系统', '老系统不敢动', 'SAP定制太多', '靠外包维护', '一个需求改半年', '每个部门一套系统', '数据在系统间搬', '系统不停打补丁', '维护占大半预算'],
      en: ['siloed chimney systems', 'bloated legacy systems', 'high maintenance cost', 'heavily customised SAP', 'duplicated systems', 'maintenance eats the budget'],
    },
    4: {
      zh: ['微服务', '服务化架构', '松耦合', '共享服务', '在建中台', '能力复用', '系统贴合业务', '企业架构规划', '迭代升级方便', '自研核心系统', 'API化', '领域建模', '大部分系统服务化', '新功能按月迭代', '架构统一规划', '核心能力能共享'],
      en: ['microservices', 'loosely coupled', 'service-oriented architecture', 'reusable shared services', 'enterprise architecture', 'most systems service-based'],
    },
    5: {
      zh: ['业务中台', '模块化拼装', '可组合架构', '云原生', '快速部署', '弹性应对流量', '业务变化快响应', '新业务几周上线', '全面服务化', '能力中心共享', '按需扩缩容', '模块随需组合', '流量高峰自动扩', '系统跟着业务变', '全集团共享能力', '上线按天算'],
      en: ['composable architecture', 'cloud-native', 'business middle platform', 'elastic scaling', 'rapid deployment', 'systems reshape with the business'],
    },
  },
  '3.5': { // 创新与共享
    1: {
      zh: ['创新只是口号', '没有创新机制', '没有创新预算', '不敢试新东西', '创新没人管', '墨守成规', '老板不支持', '没有工具支持', '能力不共享', '各做各的', '不鼓励试错', '做错要挨批', '没人提新想法', '创新没资源'],
      en: ['innovation only a slogan', 'no innovation budget', 'risk-averse culture', 'no shared capabilities', 'mistakes punished'],
    },
    2: {
      zh: ['试点一个新业务', '创新项目缺钱', '技术跟不上', '成立创新小组', '只能用一点老能力', '创新阻力大', '内部孵化试点', '一个创新场景', '申请预算难', '小范围试新模式', '一个部门搞创新', '只批了一个试点', '老系统接不上新业务', '创新靠个人热情'],
      en: ['one innovation pilot', 'funding obstacles', 'little reuse of existing capabilities', 'innovation team trial', 'innovation depends on enthusiasts'],
    },
    3: {
      zh: ['新业务另起炉灶', '重新建一套系统', '资源跟不上', '响应慢', '老业务能力用不上', '支持创新但慢', '创新要排期', '新品牌单独建团队', '新业务重复开发', '创新基金很少', '新业务用不上老会员', '资金审批太慢', '技术排不上期', '创新各搞各的'],
      en: ['new business built from scratch', 'slow support for new initiatives', 'duplicate builds for new ventures', "can't leverage existing assets", 'new ventures cannot reuse customers'],
    },
    4: {
      zh: ['鼓励创新', '有创新机制', '快速支撑新业务', '复用核心能力', '会员订单能复用', '新业务快速上线', '创新容错', '赛马机制', '内部创业', '能力内部共享', '创新有专项资金', '新项目几周搭起', '复用中台能力', '全公司鼓励试新'],
      en: ['innovation encouraged', 'reuse core capabilities', 'fast launch of new business', 'internal venture mechanism', 'dedicated innovation fund'],
    },
    5: {
      zh: ['开放平台', '开放原子能力', '生态共创', '与伙伴共同孵化', '创新驱动', '能力开放给伙伴', '生态协同创新', '开放API市场', '联合创新实验室', '持续孵化新业务', '对外输出能力', '伙伴调用我们的能力', '生态里长出新业务', '创新持续不断'],
      en: ['open platform', 'co-innovation with partners', 'ecosystem incubation', 'innovation-driven company', 'capability marketplace', 'capabilities offered to partners'],
    },
  },

  // ───────────── 4 运营数据化 ─────────────
  '4.1': { // 构建与连通
    1: {
      zh: ['不知道数据在哪', '没有数据规划', '不重视数据', '数据散在各处', '数据没人管', '不清楚有哪些数据', '数据就是报表', '没有数据团队', '没想过数据价值', 'Excel满天飞', '要数全靠问人', '数据在个人电脑里', '从没盘点过数据'],
      en: ["don't know where data lives", 'no data strategy', 'data scattered everywhere', 'Excel sprawl', 'never inventoried our data'],
    },
    2: {
      zh: ['部门自建数据', '数据孤岛', '各部门各存各的', '部门级报表库', '部门自己维护', '数据不互通', '要数得找人', '销售有销售的数', '财务有财务的数', '部门数据集市', '每个部门一个库', '只有部门自己用', '跨部门要数很难', '一个部门建了库'],
      en: ['department-level data', 'data silos', 'each team keeps its own data', 'departmental data marts', 'each department its own database'],
    },
    3: {
      zh: ['有基本数据规划', '初步数据分析', '建了数仓', '部分打通', '还有孤岛', '有数据集成工具', '能拉通部分数据', '初步数据管理', '核心数据打通', '跨部门取数慢', '总部建了数仓', '核心业务线打通', '部分系统还没接', '取数还要提需求', '数据规划刚出'],
      en: ['basic data plan', 'initial data warehouse', 'some silos remain', 'partial integration', 'head-office data warehouse', 'some systems not yet connected'],
    },
    4: {
      zh: ['全企业数据整合', '跨部门数据一致', '统一数据仓库', '多数据源整合', '口径一致', '数据全打通', '企业级数据平台', '内外部数据接入', '跨部门共用', '数据准确一致', '所有系统都接入了', '各部门数一致', '跨部门直接用数', '外部数据还没用好'],
      en: ['enterprise-wide data integration', 'consistent across departments', 'single source of truth', 'unified data warehouse', 'departments use the same numbers'],
    },
    5: {
      zh: ['数据中台', '数据团队服务全司', '数据社区', '异构数据统一整合', '数据随取随用', '湖仓一体', '数据资产化', '数据服务化', '数据挖掘利用', '数据能力中心', '全域数据', '数据部门给业务供数', '伙伴数据也整合', '异构数据随时加', '挖掘成果反哺业务'],
      en: ['data middle platform', 'central data team serving the business', 'lakehouse', 'heterogeneous data unified', 'data as a service', 'partner and external data integrated'],
    },
  },
  '4.2': { // 运营与优化
    1: {
      zh: ['客户数据很少', '不知道客户是谁', '没有用户画像', '凭经验运营', '拍脑袋决策', '数据看不出东西', '只有销售额', '没有会员体系', '没有洞察', '靠感觉做活动', '做活动不看数', '客户信息没留存', '数据没法指导'],
      en: ['little customer data', 'no customer insight', 'gut-feel operations', 'no membership data', 'campaigns without data'],
    },
    2: {
      zh: ['简单统计分析', '数据价值不大', '分析不准', '基础报表', '粗略画像', '会员数据不全', '初步清洗', '看看销量趋势', '洞察很浅', '分析结果没人信', '只能看销售报表', '分析结论常出错', '数据处理很粗', '画像只有性别年龄'],
      en: ['basic statistics', 'low accuracy', 'simple reports', 'rough customer profiles', 'profiles limited to age and gender'],
    },
    3: {
      zh: ['用户画像', '大数据应用', 'CDP建设中', '会员分层', 'RFM分析', '标签体系初步', '能指导但不准', '准确性待提高', '精准营销试用', '人群圈选', '模型效果一般', '有画像但不准', '标签还不够细', '推荐效果一般', '部分业务用数据', '营销试着用数'],
      en: ['customer profiles', 'CDP in progress', 'RFM segmentation', 'accuracy needs improvement', 'tagging system', 'insights used in some campaigns'],
    },
    4: {
      zh: ['核心数据齐全', '高质量分析', '分析指导运营', '会员精细化运营', '全域消费者洞察', '数据驱动决策', '营销效果可衡量', '标签体系完善', 'AIPL人群', '人群资产运营', '核心指标都有', '分析结果很靠谱', '运营按数调整', '模型还没定期评估'],
      en: ['high-quality analytics', 'data-driven operations', 'refined membership operations', 'measurable campaign effect', 'reliable analysis guiding operations'],
    },
    5: {
      zh: ['KPI驱动洞察', '模型定期评估', '自动化分析', '增长模型', '智能运营', '数据运营闭环', '持续优化策略', '营销全自动化', '实时洞察', '数据驱动型企业', '策略动态调整', '按KPI迭代模型', '每月评估模型价值', '多源数据支撑运营', '策略自动优化'],
      en: ['KPI-driven models', 'regular model evaluation', 'automated analytics', 'closed-loop data operations', 'continuous strategy optimisation', 'models reviewed against KPIs'],
    },
  },
  '4.3': { // 治理与管控
    1: {
      zh: ['口径不统一', '命名乱', '指标打架', '一个数好几个版本', '数据质量差', '没有数据标准', '开会先对数', '数据对不上', '没人管数据', '计算逻辑冲突', '重复客户多', '字段名乱起', '客户信息重复录', '数据错了没人改'],
      en: ['inconsistent definitions', 'conflicting metrics', 'poor data quality', 'no data standards', 'nobody owns the data'],
    },
    2: {
      zh: ['部门自定规范', '试着统一指标', '部门内清洗数据', '数据质量试点', '尝试定义指标', '部门内部口径', '数据治理试点', '开始整理字段', '先从一个部门做', '零散治理动作', '财务部自己定口径', '销售部在清洗数据', '一个部门试治理', '口径靠Excel说明'],
      en: ['departments trying their own standards', 'data quality pilot', 'first metric definitions', 'ad-hoc clean-up', 'one department defining its metrics'],
    },
    3: {
      zh: ['部门有数据标准', '部门间口径不一', '跨部门数对不上', '没有权限管理', '谁都能导数据', '数据随便下载', '指标计算冲突', '部门标准不统一', '没有统一主数据', '各有一套定义', '部门内口径一致', '跨部门还得对数', '谁都能看全量数据', '没有统一客户ID'],
      en: ['departmental standards', 'conflicts between departments', 'no access control', 'no master data', 'consistent within departments only'],
    },
    4: {
      zh: ['统一指标体系', '统一口径', '主数据管理', 'MDM', '客户唯一ID', 'OneID', '统一数据标准', '指标字典', '数据质量监控', '多系统统一', '数据治理委员会', '全公司一套口径', '客户身份打通', '主数据统一维护', '用数审批还没建', '隐私管控还不够'],
      en: ['master data management', 'OneID', 'unified metric definitions', 'single customer ID', 'data quality monitoring', 'one metric dictionary company-wide', 'privacy controls still maturing'],
    },
    5: {
      zh: ['数据权限审批', '用数审批流程', '隐私合规', '数据安全分级', '个保法合规', '脱敏授权使用', '全面数据治理', '数据资产目录', '合规审计', '数据使用留痕', '治理持续运营', '敏感数据按级授权', '合规制度全覆盖', '隐私政策定期审查', '数据质量持续提升'],
      en: ['access approval workflows', 'privacy compliance', 'data catalogue', 'data governance operating model', 'PIPL/GDPR compliance', 'tiered access approvals'],
    },
  },
  '4.4': { // 工具与技术栈
    1: {
      zh: ['没有数据工具', '靠Excel处理', '手写SQL', '数据引用混乱', '开发成本高', '每次临时取数', '找IT导数据', '没有统一工具', '脚本散落', '重复开发', '取数全靠手工', '一个报表跑半天', '没人管数据开发', '代码存在个人电脑'],
      en: ['no data tooling', 'Excel and ad-hoc SQL', 'messy data references', 'high development cost', 'manual data pulls'],
    },
    2: {
      zh: ['各种工具都在试', '试用开源工具', 'Kettle', 'Hadoop试点', '工具用得片面', '技术栈不统一', '各团队选各的', '买了工具不会用', '还在选型', '工具零散', '几种工具混用', '只会用基本功能', '一个部门试大数据', '工具没推开'],
      en: ['trying various tools', 'open-source experiments', 'fragmented tech stack', 'partial understanding of tools', 'tools tried but not adopted'],
    },
    3: {
      zh: ['有ETL工具', '基本开发流程', '定时调度任务', '有数仓开发', '没有开发规范', '工具各用各的', '规范不统一', '有调度平台', 'Hive数仓', '开发流程粗糙', '用ETL跑报表', '调度靠crontab', '开发没评审', '模型命名随意'],
      en: ['basic ETL tools', 'scheduled jobs', 'no development standards', 'inconsistent tool usage', 'ETL without standards'],
    },
    4: {
      zh: ['DataWorks', '全链路数据开发', '数据建模规范', '数据资产管理', '数据服务API', '统一开发平台', '数仓分层规范', '数据地图', '元数据管理', '一站式数据平台', '数据质量工具', '一套平台从采到用', '资产目录齐全', '数据服务统一出口', '客户数据追踪还没做'],
      en: ['end-to-end data development platform', 'DataWorks', 'metadata management', 'data modelling standards', 'data service APIs', 'one platform from ingestion to serving'],
    },
    5: {
      zh: ['客户数据平台CDP', '专门追踪客户数据', '用例提报流程', '资源优先级评审', '完整配套体系', 'Dataphin', '数据研发全生命周期', '数据需求排期机制', '工具链完整', '平台持续迭代', '客户数据全程留痕', '工具链持续升级', '配套制度齐全', '业务提需求有流程'],
      en: ['CDP', 'use-case intake process', 'resource prioritisation', 'complete data toolchain', 'mature data platform operations', 'customer data lineage tracked end to end'],
    },
  },
  '4.5': { // 开放与合作
    1: {
      zh: ['数据不对外', '不敢共享', '没有开放接口', '数据不出门', '和伙伴不共享', '数据没资产化', '标准对不上', '政策不允许', '只能发Excel', '伙伴数据拿不到', '伙伴要数发邮件', '不和外部交换', '编码和伙伴不同'],
      en: ['no data sharing', 'no open APIs', 'data stays in-house', 'standards mismatch', 'data only shared by email'],
    },
    2: {
      zh: ['对齐行业标准', '和伙伴分享报告', '粗粒度洞察共享', '在建开放接口', '开放平台建设中', '试着和经销商共享', '交换月度报表', '试点数据合作', '统一编码标准', 'GS1条码对齐', '和几家伙伴试共享', '分享汇总数据', '接口平台在规划', '按行业标准改编码'],
      en: ['aligning with industry standards', 'sharing coarse insights', 'building an open API platform', 'report exchange with partners', 'sharing aggregated reports'],
    },
    3: {
      zh: ['和核心伙伴互通', '和大经销商对接', '和电商平台对接', '初步脱敏', '接口级互通', '强依赖伙伴才通', '没有数据商业平台', '内部开放尝试', '和零售商共享销量', '只通几家伙伴', '和几家大客户对接', '只对接关键伙伴', '敏感字段简单脱敏', '数据交换按接口'],
      en: ['API exchange with key partners', 'basic desensitisation', 'no data business platform', 'retailer sell-out data', 'data exchange with a few key partners'],
    },
    4: {
      zh: ['参与行业标准制定', '多家伙伴接口共享', '数据共享合规', '完善脱敏策略', '安全共享协议', '规模化数据共享', '数据共享协议', '合规审查', '敏感数据分级共享', '伙伴接入规范', '几十家伙伴对接', '共享前合规审核', '数据接口标准化', '还没形成数据平台'],
      en: ['helping set industry data standards', 'API-level sharing at scale', 'compliant sharing policies', 'data sharing agreements', 'dozens of partners connected'],
    },
    5: {
      zh: ['数据商业平台', '数据生态', '联合建模', '隐私计算', '联邦学习', '数据银行', '合作共赢', '数据清洁室', '生态伙伴共建', '数据开放平台运营', '数据价值变现', '数据产品对外卖', '生态伙伴越来越多', '多方联合分析', '共建行业数据平台'],
      en: ['data ecosystem', 'joint modelling', 'privacy-preserving computation', 'federated learning', 'data clean rooms', 'data marketplace', 'monetised data products'],
    },
  },

  // ───────────── 5 决策智能化 ─────────────
  '5.1': { // 洞察可视化
    1: {
      zh: ['没有数据分析', '数据分散', '看不到数据', '没有报表', '凭经验判断', '数据都不全', '没有BI', '不会分析', '数据没法看', '找数难', '数据散在各个系统', '要数得手工拼', '不看数据决策'],
      en: ['no analytics', 'no reports', 'scattered data', 'decisions on experience', 'no data to analyse'],
    },
    2: {
      zh: ['试点做看板', '个别场景分析', '试用BI', '做了个大屏', '分析价值不大', '一个部门在用', '试着做可视化', '大屏好看不好用', '洞察有限', '试点数据分析', '市场部做了看板', '试点报表没人看', '大屏只给领导看', '只有一个场景分析'],
      en: ['dashboard pilot', 'one BI trial', 'big screen for show', 'limited insight value', 'one department dashboard'],
    },
    3: {
      zh: ['手工做报表', 'Excel透视表', '周报月报靠人做', 'PPT汇报', '分析靠人工', '缺少可视化', '尝试数据分析', '报表要等几天', '人工汇总数据', '有分析能力没工具', '报表靠人工拼', '数据分析靠表哥', '总部有几个看板', '看板只覆盖核心业务', '分析结果靠PPT讲'],
      en: ['manual reports', 'Excel pivot tables', 'weekly reports by hand', 'lack of visualisation', 'spreadsheet jockeys', 'a few head-office dashboards'],
    },
    4: {
      zh: ['BI全面部署', '各层级看板', '管理驾驶舱', '预测性分析', '诊断分析', '分析流程规范', '自助分析', 'Tableau', 'Quick BI', '帆软', '实时看板', '分析支撑决策', '全员能看看板', '业务自己拉数', '分析方法齐全', '伙伴还看不到', '看板全公司推开'],
      en: ['BI rolled out company-wide', 'management cockpit', 'predictive and diagnostic analytics', 'self-service BI', 'dashboards for all levels', 'self-service analysis for all staff', 'not yet shared with partners'],
    },
    5: {
      zh: ['洞察赋能伙伴', '经销商也能看数', '全员自助洞察', '一线员工看数据', '智能推荐洞察', '指标异常自动预警', '全链路可视化', '洞察驱动决策', '店长手机看板', '供应商共享看板', '洞察直推到一线', '系统自动给建议', '伙伴也能自己看数', '决策建议嵌在系统'],
      en: ['insights shared with partners', 'frontline self-service insights', 'automated anomaly alerts', 'insight-driven decisions across the chain', 'recommendations embedded in decisions'],
    },
  },
  '5.2': { // 业务场景赋能
    1: {
      zh: ['不懂AI', '不知道从哪用', '没有智能应用', '业务很单一', '觉得AI没用', '找不到切入点', '全靠人工判断', '业务场景少', 'AI离我们很远', '没想过用AI', '智能化没概念', '不知道AI能干啥'],
      en: ['no AI awareness', 'no use case identified', 'simple business model', 'all manual', 'never considered AI'],
    },
    2: {
      zh: ['智能客服试点', '客服机器人', '试了一个AI场景', '单点尝试', '聊天机器人', '试用OCR', 'AI试点项目', '小范围试用', '先在服务环节试', '只在客服试了', '买了个AI小工具', '一个部门在试AI', '试点没推广'],
      en: ['chatbot pilot', 'single AI use case', 'intelligent customer service trial', 'OCR trial', 'AI tried in one department'],
    },
    3: {
      zh: ['部分核心业务用AI', '效果有限', '贴合度不高', '像个噱头', '送货机器人', '智能推荐试用', '用起来不顺', '价值还不明显', '和业务两张皮', 'AI用来做展示', '几条业务线在用AI', '用了但帮助不大', '还得人工兜底', '只在总部用'],
      en: ['AI in some core processes', 'limited value', 'poor fit with business', 'gimmicky', 'AI with human fallback'],
    },
    4: {
      zh: ['智能选品', '智能组货', '智能补货', '销量预测', '大部分场景用AI', '智能定价', '智能排产', 'AI融入流程', '智能营销', '精准推荐', '智能排班', '营销供应链都用AI', '门店普遍用AI', 'AI帮忙做决定', '复杂场景还不行'],
      en: ['AI-driven assortment', 'demand forecasting', 'smart replenishment', 'AI in most scenarios', 'AI across most scenarios, not yet complex ones'],
    },
    5: {
      zh: ['AI无处不在', '离不开AI', '复杂场景智能化', '大量场景应用', 'AI成核心能力', '智能决策中枢', '全链路智能', '生成式AI普及', 'AIGC内容生产', '智能体规模应用', '各个环节都有AI', '复杂决策靠AI', '没有AI转不动', '上下游都用AI'],
      en: ['AI indispensable', 'AI across complex scenarios', 'pervasive AI', 'AI agents at scale', 'AI embedded in every link'],
    },
  },
  '5.3': { // 知识构架与迭代
    1: {
      zh: ['经验在老员工脑子里', '人走经验就没了', '知识散落', '没有知识库', '靠师傅带徒弟', '文档找不到', '没有沉淀', '各存各的文件', '知识不共享', '口口相传', '问题只能问老师傅', '资料都在个人电脑', '没有文档'],
      en: ['knowledge in people\'s heads', 'no knowledge base', 'lost when staff leave', 'tribal knowledge', 'no documentation'],
    },
    2: {
      zh: ['开始梳理知识', '建了知识库', '用语雀', 'Wiki试用', '共享盘整理', '试着收集案例', '知识管理试点', '整理SOP', '文档中心初建', '一个部门建知识库', '试着把经验写下来', '知识库刚搭好', '文档整理中'],
      en: ['building a wiki', 'first knowledge base', 'organising SOPs', 'knowledge management pilot', 'single-team wiki'],
    },
    3: {
      zh: ['部门有知识积累', '部门各有知识库', '初步知识架构', '没有知识图谱', '不能推理', '知识没法共享', '部门知识孤岛', '只能搜文档', '知识挖掘没做', '各部门一套', '有目录体系了', '跨部门找不到', '知识没关联起来', '总部知识库齐全'],
      en: ['department knowledge bases', 'no knowledge graph', 'knowledge not shared', 'search only', 'knowledge not linked'],
    },
    4: {
      zh: ['知识图谱', '知识抽取', '实体关系', '商品知识图谱', '知识融合', '知识建模', '统一构建图谱', '内外部数据入图谱', 'NLP抽取', '图数据库', '图谱覆盖核心业务', '自动抽取知识', '图谱更新靠人工', '图谱应用还不多'],
      en: ['knowledge graph', 'entity extraction', 'knowledge fusion', 'graph database', 'product knowledge graph', 'graph updated manually'],
    },
    5: {
      zh: ['企业级统一图谱', '知识持续更新', '应用产生新知识', '知识驱动决策', '图谱持续迭代', '智能问答', '企业大脑', 'RAG知识问答', '知识运营体系', '知识闭环', '图谱支撑多个应用', '新知识自动入库', '员工伙伴共用知识', '知识越用越多'],
      en: ['enterprise-wide knowledge graph', 'continuously updated', 'knowledge-driven apps', 'enterprise brain', 'knowledge loop', 'knowledge grows with use'],
    },
  },
  '5.4': { // 模型构建与优化
    1: {
      zh: ['没有算法人员', '没有数据科学家', '不会建模', '数据不够', '没有模型', '全靠经验', '招不到算法人才', '预测靠拍脑袋', '没有样本', '没人会算法', '没想过用模型', '不知道模型是啥'],
      en: ['no data scientists', 'no models', 'insufficient data', 'rule-of-thumb forecasting', 'no modelling skills'],
    },
    2: {
      zh: ['做POC', '概念验证', '试做推荐模型', '试做预测', '招了第一个算法', '和厂商试点', '模型在实验室', '还没上线', '在积累数据', '外包试模型', '一两个场景试模型', '刚开始招算法', '模型只做演示'],
      en: ['proof of concept', 'first data scientist hired', 'lab-only models', 'vendor-led pilot', 'demo models only'],
    },
    3: {
      zh: ['部分模型上线', '销量预测在用', '局部领域有积累', '有小算法团队', '带来一定增量', '个别场景落地', '人才储备有限', '模型效果还行', '只在一条业务线', '有几个模型在跑', '某个品类用预测', '模型靠人维护', '团队就几个人'],
      en: ['some models in production', 'incremental value', 'small algorithm team', 'one business line', 'a few models live'],
    },
    4: {
      zh: ['核心业务用模型', '推荐预测都上了', '模型流程不完善', '不能自动迭代', '重训靠人工', '上线模型多', '效果监控不全', '算法团队成型', '模型不能自闭环', '决策模型应用', '补货定价都用模型', '模型多但流程散', '效果下降才重训', '反馈没回流'],
      en: ['models in core business', 'manual retraining', 'no closed-loop optimisation', 'incomplete model process', 'retrain only when performance drops'],
    },
    5: {
      zh: ['模型闭环迭代', '自动重训练', '在线学习', '业务反馈回流', '建模流程规范', 'A/B测试持续优化', '需求驱动建模', '模型价值评估', '数据飞轮', '模型自我优化', '效果数据自动回流', '建模全流程定义', '按业务目标建模', '模型持续评估'],
      en: ['closed-loop model iteration', 'automated retraining', 'online learning', 'defined model lifecycle', 'data flywheel', 'business feedback drives retraining'],
    },
  },
  '5.5': { // 技术平台支撑
    1: {
      zh: ['没有平台', '笔记本上跑模型', '本地训练', '重复造轮子', '代码互相拷', '靠人协作', '没有GPU', '模型靠邮件传', '各写各的', '没有共享代码', '全靠个人能力', '算法没人复用'],
      en: ['models built on laptops', 'reinventing the wheel', 'no ML platform', 'manual collaboration', 'no shared code'],
    },
    2: {
      zh: ['试用各种工具', 'Jupyter', '试了几个平台', '靠研发人员协调', '没有生命周期管理', '工具不统一', '开源框架自己搭', '模型版本靠人记', '还在选平台', '每人一套环境', '平台还在试用', '靠口头交接模型'],
      en: ['trying different tools', 'Jupyter notebooks', 'lifecycle depends on developers', 'no standard toolchain', 'everyone has their own environment'],
    },
    3: {
      zh: ['部分环节用平台', '训练用平台', '部署还手工', '没覆盖全流程', '特征靠手写', '局部用平台', '监控没工具', '链路不完整', '平台只管训练', '部分团队用平台', '上线要手动', '特征没复用', '平台覆盖一半'],
      en: ['platform for parts of the pipeline', 'manual deployment', "tools don't cover full lifecycle", 'no model monitoring', 'half the lifecycle on a platform'],
    },
    4: {
      zh: ['机器学习平台', 'PAI', '一站式建模平台', '特征平台', '模型训练平台', '在线预测服务', '模型评估', '全链路研发平台', '特征工程平台化', '数据处理到部署', '算法团队都用平台', '特征能复用', '模型上线自助', '最佳实践还没沉淀'],
      en: ['machine learning platform', 'feature store', 'training and serving platform', 'end-to-end modelling pipeline', 'PAI', 'whole team on one ML platform'],
    },
    5: {
      zh: ['MLOps', '端到端平台', '支持TensorFlow', '兼容PyTorch', '主流框架兼容', '模型迭代最佳实践', '模型监控告警', 'AutoML', '大模型平台', '模型市场', '算法资产复用', '平台带最佳实践', '模型迭代自动化', '大小模型都支持', '平台持续升级'],
      en: ['MLOps', 'AutoML', 'supports TensorFlow and PyTorch', 'continuous model iteration best practice', 'model monitoring', 'platform with codified best practices'],
    },
  },
};
