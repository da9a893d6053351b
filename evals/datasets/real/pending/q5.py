import json
R="llm-engineer-1 (rubric descriptors only)"; D="2026-12-02"
def q(id,lang,query,gold,need,url,title,author,split,tags):
    return dict(id=id,lang=lang,query=query,gold=gold,need=need,source=dict(url=url,title=title,kind="issue",author=author),rated_by=R,rated_at=D,split=split,tags=tags)
Q=[
q("realq-zh-057","zh","用户创建几个模板：1、订单导入 2、工序导入 3、根据订单与工序，生成工票 4、工单开工下达 5、用户使用手机扫码纸质工票二维码，进行选工序生产，记录开始、结束并报工，自动计算耗时、工时工资 6、品管使用手机扫码纸质工票二维码，进行质检填写，质检异常可选工单锁定，防止继续生成问题扩大",
  ["bn:manufacturing:3","sol:4:manufacturing","sol:3:manufacturing"],"车间报工/生产过程透明","https://github.com/ldbinac/smart_table/issues/28","增加手机工单功能","htcnokia","test",["zh","long","plain-words"]),
q("realq-zh-058","zh","CRM、ERP、MES数据打通问题：目前各个系统都是相互独立的，是否考虑弄个数据打通功能呢",
  ["ind:4.1","bn:technology:2","lvl:4.1:2"],"系统孤岛/数据打通","https://github.com/YunaiV/ruoyi-vue-pro/issues/1151","CRM、ERP、MES数据打通问题","xc1996777","test",["zh","tool-level","short","mixed-language"]),
q("realq-zh-059","zh","请问ERP和Mall能打通，比如ERP的库存同步商城下订单后库存的扣减；这个是合理需求么？一般有什么解决方案吗",
  ["bn:channel:1","bn:logistics:2","dir:logistics"],"线上商城与ERP库存打通","https://github.com/YunaiV/ruoyi-vue-pro/issues/653","请问ERP和Mall能打通，比如库存","AllenHxy","test",["zh","tool-level","mixed-language"]),
q("realq-zh-060","zh","今天和大家讨论了下实验室论文、数据、视频、PPT等文件存储的问题……我们的pdf论文等资料，放在哪里比较合适？OSS、语雀、NextCloud……其实自己用的话都还好，有个地方同步东西就行，各种网盘也都没问题，但团队用就是个问题……最后变得非常乱，各种文件都扔上去，就很难维护了。",
  ["bn:organization:2","ind:5.3","lvl:5.3:3"],"团队知识/文件共享","https://github.com/X-lab2017/open-research/issues/35","[Proposal] 关于文件存储服务的选择","will-ww","dev",["zh","tool-level","long","mixed-language"]),
q("realq-zh-061","zh","在saas应用中,数据需要做隔离.比如会员系统,每个店登陆后只能查询使用本店的数据.这中需求需要怎样来实现比较理想?",
  ["ind:4.3","lvl:4.3:3","lvl:4.3:5"],"数据权限/门店数据隔离","https://github.com/flipped-aurora/gin-vue-admin/issues/267","数据隔离","Q32611600","test",["zh","tool-level","mixed-language"]),
q("realq-zh-062","zh","希望增加数据权限功能，很通用，很重要，很吸引人。各种数据表，只要冗余userid就可以，在查询数据的时候，根据数据权限显示数据很重要。比如客户列表，销售只能看自己的，店长可以看本店的，经理可以看所有店面的，等等。",
  ["ind:4.3","lvl:4.3:3","lvl:4.3:5"],"数据权限管控","https://github.com/likeadmin-likeshop/likeadmin_php/issues/3","希望增加数据权限功能 ，很通用，很重要，很吸引人。","tlerbao","dev",["zh","tool-level","mixed-language"]),
q("realq-zh-063","zh","数据是否有自动备份，现在出现数据异常，能怎么恢复",
  ["ind:1.5","lvl:1.5:2","sol:1:all"],"备份与恢复","https://github.com/lxerxa/actionview/issues/214","数据是否有自动备份","Sunny1591719","dev",["zh","short","plain-words"]),
q("realq-zh-064","zh","生产单套监控跑的话，一旦某个组件出现故障，整个监控就处于无效状态了，不知道大家是怎样做高可用的？数据如何做到同步的？",
  ["ind:1.5","lvl:1.5:4","lvl:1.5:5"],"高可用/单点","https://github.com/ccfos/nightingale/issues/549","大家是怎么做高可用的","AlliotTech","test",["zh","tool-level"]),
q("realq-zh-065","zh","目前接入企业微信的场景，只能用于内部员工或者已添加的联系人使用应用，应用范围有限，而微信客服可以允许外部人员使用。实际使用场景：许多企业的客户都是通过微信客服找过来的，所以需要这样一个场景来提供AI服务。",
  ["sol:4:service","lvl:5.2:2","elem:service"],"智能客服/外部客户入口","https://github.com/1Panel-dev/MaxKB/issues/1704","[FEATURE]希望MaxKB应用支持对接微信客服","linfengjjj","dev",["zh","tool-level","long"]),
q("realq-zh-066","zh","很多公司或者个人都依赖现有微信生态圈，AI对话最重要的是解决不了时可以转人工或者提醒人工接入，比如客户购买意向，付款问题等等，当触发关键词，提示人工正在赶来的路上",
  ["sol:4:service","lvl:5.2:2","elem:service"],"智能客服/转人工","https://github.com/1Panel-dev/MaxKB/issues/810","一些优化建议！！！！！！","wangshanshan12345","dev",["zh","tool-level","colloquial"]),
q("realq-en-047","en","Is ospos supports multi store / multi location sales can be monitored centrally from one deployment. so that senior management can get a clear cut view of the store wise sales, performance in real time. How it can be implemented and if it is there already, then how to get benefit of it",
  ["ind:5.1","lvl:5.1:4","bn:channel:1"],"多门店销售集中看板","https://github.com/opensourcepos/opensourcepos/issues/1113","Multi Store Support","innovaerp","dev",["en","tool-level","long"]),
q("realq-en-048","en","For a Website Product only one Warehouse can be selected, the stock of the Product in which will be displayed on the site and taken into account when ordering to check availability. This does not allow displaying quantity of products in logical warehouses within one store, and makes impossible to use the application for a retail chain with several outlets (more than one).",
  ["bn:logistics:2","bn:channel:1","dir:logistics"],"多门店/多仓库存统一","https://github.com/frappe/webshop/issues/274","Need to display product stocks of website item in multiple warehouses","clevermind-me","test",["en","tool-level","long"]),
q("realq-en-049","en","Make an inventory of all personal data we hold as a data owner - Why are we holding it? - How did we obtain it? - Why was it originally gathered? - How long will we retain it? - How secure is it, both in terms of encryption and accessibility? - Do we ever share it with third parties and on what basis might we do so?",
  ["ind:4.3","lvl:4.3:5"],"客户隐私数据合规","https://github.com/D4H/D4H-GDPR-Compliance/issues/4","Make an inventory of all personal data we hold as a data owner","robinblandford","dev",["en","long"]),
q("realq-en-050","en","I see no backup or export option. On first pass entry we made numerous mistakes that could be corrected with Excel if we could copy the information to a spreadsheet. Is there a way to backup data and change it and reload corrected information? Of course backup/restore should also be a normal function for any database.",
  ["ind:1.5","lvl:1.5:2"],"备份与恢复","https://github.com/Librarika/Issues/issues/77","How do I backup my data?","Murrel","test",["en","long","plain-words"]),
q("realq-en-051","en","May I know if you do support ASP in MES for complexity factory line … those factories have high product variety, low production volume, frequent rush orders, and high changeover costs.",
  ["bn:manufacturing:2","dir:manufacturing","sol:5:manufacturing"],"产销协同/高级排产","https://github.com/SMEWebify/WebErpMesv2/issues/1070","[ASP] Advanced scheduling planning","alfredlu1986","test",["en","tool-level"]),
q("realq-en-052","en","I imagine this would be a single business/entity with multiple physical locations. This would allow the different branches to maintain their own inventory levels. Customers would be able to use one account across all locations/branches. … From the admin perspective, you would be able to see aggregated stats across all branches.",
  ["bn:channel:1","bn:logistics:2","elem:channel"],"多门店库存与会员打通","https://github.com/medusajs/medusa/issues/384","Multiple Stores Support","adrum","dev",["en","tool-level","long"]),
q("realq-en-053","en","I am particularly interested in schedule generation, where admin enters hours or dates which must be covered and employees select date ranges which are suitable for them. And the hours which are not selected is allocated automatically (since they must be covered by some employees anyway :)",
  ["sol:5:organization","elem:organization"],"智能排班","https://github.com/martinmicunda/employee-scheduling/issues/4","Feature list","justaskz","dev",["en","long","colloquial"]),
q("realq-en-054","en","New branches need to be added as a branch in the system and be able to access the same master data of the main branch. Group and branch level reports needs to be displayed thus allowing for aggregation.",
  ["ind:4.3","ind:5.1","lvl:4.3:4"],"多分支主数据共享/集团报表","https://github.com/buddhika75/prabhodha/issues/18","15.New branches need to be added as a branch in the system and be able to access the same master data","lahirumadushanka","test",["en"]),
]
with open("questions5.jsonl","w") as f:
    for x in Q: f.write(json.dumps(x,ensure_ascii=False)+"\n")
print(len(Q))
