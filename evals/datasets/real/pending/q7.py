"""Seventh session: real questions drafted with gold ids read from a dump of buildPassages() (throwaway helper)."""
import json, os
D = "2026-12-03"
R = "llm-engineer-1 (rubric descriptors only)"
G = "https://github.com/"
rows = [
 # (lang, split, query, gold, need, url, title, author, tags)
 ("zh","dev","主备机房双向同步配置，主机房A故障切换到机房B，故障恢复，切换回到机房A，故障期间机房B产生的变更数据，机房A可以追上机房B吗？",
  ["ind:1.5","lvl:1.5:4","lvl:1.5:5"],"灾备切换与回切", G+"alibaba/otter/issues/1131",
  "主备机房双向同步配置，主机房A故障切换到机房B，故障恢复，切换回到机房A，故障期间机房B产生的变更数据，机房A可以追上机房B吗？","KangXuechao",["zh","tool-level","long"]),
 ("zh","test","目前想在线上做2个机房的灾备方案，关于FastDFS的同步方案，在灾备机房，部署2个storage节点到一个GROUP内，只同步数据，不提供数据读写服务。",
  ["ind:1.5","lvl:1.5:4","sol:1:all"],"双机房灾备", G+"happyfish100/fastdfs/issues/739",
  "灾备机房同步问题，可否设置灾备机房的storage节点只同步数据，不提供读写服务","yangwping",["zh","tool-level","mixed"]),
 ("zh","dev","如果部门属于技术的录入了一条信息,我只想技术自己看到,并且B部门主管能看到技术和行政的,B部门的能看到B部门下所有的,这种怎么配置数据权限.",
  ["ind:4.3","lvl:4.3:5","lvl:4.3:3"],"数据权限管控", G+"jeecgboot/JeecgBoot/issues/412",
  "数据权限使用问题","fatemimipang",["zh","tool-level"]),
 ("zh","test","数据权限控制哪里，我分别建立了两个账号，建立了2个角色 一个角色属于开发部 一个属于运维部 然后给他们相同的菜单权限，他们分别建立数据，但是我登录这两个账号，按理说他们只能看到本部门的数据但是他们看到确是全部的数据，数据权限这一块需要怎么配置吗 是我配置不对还是这地方就没有做",
  ["ind:4.3","lvl:4.3:5","lvl:4.3:3"],"按部门的数据权限", G+"YunaiV/yudao-cloud/issues/110",
  "数据权限控制哪里，我分别建立了两个账号，建立了2个角色 一个角色属于开发部 一个属于运维部 然后给他们相同的菜单权限，他们分别建立数据，但是我登录这两个账号，按理说他们只能看到本部门的数据但是他们看到确是全部的数据，数据权限这一块需要怎么配置吗 是我配置不对还是这地方就没有做","gsdong",["zh","tool-level","long"]),
 ("zh","test","后台设置 客户管理角色 数据权限为本人 但是商业智能 模版所有数据都是对应部门的所有人的统计分析",
  ["lvl:4.3:3","lvl:4.3:5","ind:4.3"],"数据权限与使用控制", G+"WuKongOpenSource/WukongCRM-9.0-JAVA/issues/17",
  "商业智能 数据权限","wuwu955",["zh","tool-level"]),
 ("zh","dev","虽然openid可以作为一个软件应用的用户唯一标识，但是openid不具有夸应用的特性，这样会导致同一公众号下的两个应用获取到的openid不同，无法将用户统一。",
  ["lvl:4.3:4","bn:channel:1","bn:marketing:1"],"跨触点统一客户身份", G+"node-webot/wechat-oauth/issues/38",
  "没有UnionID机制，无法获取用户唯一标识","Priccc",["zh","tool-level","mixed"]),
 ("zh","dev","请问人流统计，人头计数 有什么很出名的算法吗？",
  ["sol:2:retail","bn:retail:2","elem:retail"],"门店客流识别", G+"WebPrague/PedestrianDetectionSystem/issues/29",
  "请问人流统计，人头计数 有什么很出名的算法吗？",None,["zh","short"]),
 ("zh","test","数据库被删除怎么办 ？有原来的备份的zip文件",
  ["ind:1.5","lvl:1.5:2","lvl:1.1:1"],"数据备份与恢复", G+"otale/tale/issues/450",
  "数据库被删除怎么办 ？有原来的备份的zip文件",None,["zh","short","tool-level"]),
 ("zh","dev","机器人客服，可以设置成2个问题没有回答上，或者监听用户输入 人工服务，转人工，人工客服，自动转接为人工客服吗？",
  ["sol:4:service","lvl:5.2:2","elem:service"],"智能客服与人工转接", G+"cskefu/cskefu/issues/527",
  "标题用一句话陈机器人客服，可以设置成2个问题没有回答上，或者监听用户输入 人工服务，转人工，人工客服，自动转接为人工客服吗？述，言简意赅，比如问题简述及 root cause 日志语句，更容易获得帮助","lihang2016",["zh","tool-level"]),
 ("zh","test","1.增加支持【转人工客服】按键，对接人工客服处理。 2.增加后台监控统计 3.对人工已经回答过的问题，结束对话或，支持一键【沉淀到知识库】功能 … 对知识库无法回答的情况增加人工客服处理并记录对话",
  ["elem:service","sol:4:service","lvl:5.3:2"],"客服知识沉淀", G+"chaitin/PandaWiki/issues/362",
  "[功能建议] 增加[转人工]功能，增加后台统计功能","luchatex",["zh","tool-level","long"]),
 ("zh","test","手机端没办法用吗？ 钉钉对接从哪里设置呢 谢谢",
  ["sol:2:organization","lvl:3.3:3","ind:3.3"],"移动办公与协同", G+"WuKongOpenSource/WukongCRM-9.0-PHP/issues/24",
  "手机端没办法用吗？ 钉钉对接从哪里设置呢 谢谢",None,["zh","short","tool-level"]),
 ("zh","dev","我们有一个核心应用需要上线的时候做好check工作.  目前我们的做法是手工发完一批, 人肉去check一边.  所以想问下如何暂定发布, 等check ok之后,在恢复发布. 可以理解为成批发布. 2. 如何灰度发布",
  ["ind:1.4","lvl:1.4:3","lvl:1.4:4"],"持续交付与灰度发布", G+"meolu/walle-web/issues/303",
  "线上发布","linlihai",["zh","tool-level","mixed"]),
 ("zh","dev","使用v1.1.1版本构建本地知识库，出现模型提取实体和关系的质量还行，但最终构建的图谱质量很差的情况，大部分实体和关系都遗漏了。",
  ["ind:5.3","lvl:5.3:4","lvl:5.3:3"],"知识图谱构建", G+"HKUDS/LightRAG/issues/941",
  "[Question]: <title>模型提取实体和关系的质量还行，但最终构建的图谱质量很差","huangjw2001",["zh","tool-level","mixed"]),
 ("zh","test","请问一下政务知识图谱怎么从非结构化书记中抽取出来的呢 … 大佬好，请问一下，在文档中是怎么定义抽取实体关系，属性的呢，能分享一些资料吗",
  ["lvl:5.3:4","ind:5.3"],"知识抽取与建模", G+"Clarence-Kong/QABasedOnPolicyKnowledgeGraph/issues/1",
  "请问一下政务知识图谱怎么从非结构化书记中抽取出来的呢","listwebit",["zh","tool-level"]),
 ("zh","dev","多仓库相关的，比如采购单进指定仓库，仓库间调货，分仓库计算成本等功能，目前看似乎是没有，是否有这方面升级计划？",
  ["bn:logistics:2","dir:logistics"],"多仓库存与调拨", G+"a6678696/JXC/issues/12",
  "多仓库是否支持？","mulburry",["zh","tool-level"]),
 ("en","test","I have several restaurants in two cities. I need to manage these businesses in my office.The follow is my requirement: 1) Every restaurant has its own database since it cann't connect to headquarter due to not good VPN network; 2)Restaurant should sent its data to headquarter every day.",
  ["ind:4.1","lvl:4.1:4","ind:1.2"],"门店数据汇总到总部", G+"emreeren/SambaPOS-3/issues/152",
  "How to manage several restaurants in one headquarter?","shuxingliu",["en","tool-level","long"]),
 ("en","test","I would like to do reports across multiple stores at some stage but I could not. Can we have that options as standard? One example is I want to see my staffs across all stores performance and I have to do it manually which is taking more time.",
  ["lvl:5.1:3","bn:organization:3","ind:5.1"],"跨门店报表与员工绩效洞察", G+"Repair-DeskPOS/RepairDesk-BUGS-IMPROVEMENTS/issues/373",
  "Make multiple locations selection as standard","quangc",["en","tool-level"]),
 ("en","test","As a Operations Manager, I need to be able to forecast week by week production, or month by month production to drive planning activities throughout the business. … As a Supply Chain Manager, I need to be able to see shortages against planned production volumes weeks and months in advance to understand the impact of long lead times",
  ["bn:manufacturing:2","dir:manufacturing","sol:5:logistics"],"需求预测驱动排产", G+"crbnos/carbon/issues/274",
  "Demand Forecasting","barbinbrad",["en","long"]),
 ("en","dev","Dealing With Turnover … What are the available tools to deal with it? Types/methods of trainings, types of project docs? Any best practices?",
  ["bn:organization:2","lvl:5.3:1"],"人员流动下的知识传承", G+"LefterisXris/CodeTour/issues/7",
  "Dealing With Turnover","LefterisXris",["en"]),
 ("en","dev","Is it not possible to receive or make transfer/Purchase order in Store(RSSU), in Offline?.",
  ["lvl:2.2:5","ind:2.2"],"门店断网作业", G+"MicrosoftDocs/dynamics-365-unified-operations-public/issues/700",
  "Transfer or Purchase will not receive on store in offline?","liamneesangamer",["en","tool-level","short"]),
 ("en","dev","Currently i’m using Holt winter model for daily sales forecasting. I have two different type of data. One is restaurant data and another one is lifestyle store data. When I’ve forecasted restaurant data and match with actual data then prediction is approximately same but same model not work on lifestyle store data, the difference between actual sell and predicted sell is very large for lifestyle store data. Please tell me how to improve this model",
  ["ind:5.4","lvl:5.4:5","lvl:5.4:3"],"销量预测模型优化", G+"influxdata/docs.influxdata.com-ARCHIVE/issues/1439",
  "How to improve forecast efficiency.","sushilcmd",["en","tool-level","long"]),
 ("en","test","As an inventory manager, I want to be able to visualize the current shipments that are en-route.",
  ["sol:4:logistics","bn:logistics:3","dir:logistics"],"在途物流可视化", G+"IBM-Cloud/logistics-wizard-webui/issues/11",
  "Visualize Shipments","jakepeyser",["en","short"]),
 ("en","test","Does the app support third party integrations via any sort of API. An integration for patient data or tests results from an external provider for example. If so, is there any documentation or where is the best place to begin with this?",
  ["ind:4.5","lvl:4.5:3","lvl:4.5:2"],"开放接口与外部数据对接", G+"open-osp/Open-O/issues/130",
  "API for integrations and documentation","prees1",["en","tool-level"]),
 ("en","test","Problem occured after exposing an admin account via RDP overnight. In the morning, almost all files files are encrypted in the form `myfile.extension.id-xxxx.[openpgp@foxmail.com].pgp`. Also all files in USB attached drive and network shared drives were encrypted.",
  ["ind:1.3","lvl:1.3:1","ind:1.5"],"安全防护与备份恢复", G+"dragokas/hijackthis/issues/93",
  "Ransomware. Help with Log Analysis","frakman1",["en","failure-story"]),
 ("en","dev","If I keep my own physical inventory and need to order it, how can I get a daily report on what to order? Also, I sell goods in store. How do I show those as sales vs just importing an Excel sheet with negative values to adjust the quantity on hand?",
  ["bn:logistics:2","bn:channel:1","dir:logistics"],"补货与门店线上库存统一", G+"shuup/shuup/issues/2137",
  "How to generate a stock replenish report?","Isaiahtm",["en","tool-level"]),
 ("en","dev","Sometimes publishers forget to participate in the trolley work. It would be good to remind them sometimes via automatic scheduled shifts. … It would be great if the allocation of shifts was done automatically on the basis of availability information and the users could accept/reject the shift.",
  ["sol:5:organization","elem:organization"],"自动排班", G+"JWManagement/JWManagement/issues/352",
  "Automatic allocation of shifts","bcourageous",["en"]),
]
n = {"zh": 73, "en": 61}
out = []
for lang, split, q, gold, need, url, title, author, tags in rows:
    i = n[lang]; n[lang] += 1
    src = {"url": url, "title": title, "kind": "issue"}
    if author: src["author"] = author
    out.append({"id": f"realq-{lang}-{i:03d}", "lang": lang, "query": q, "gold": gold, "need": need, "source": src,
                "rated_by": R, "rated_at": D, "split": split, "tags": tags})
p = os.path.join(os.path.dirname(__file__), "questions7.jsonl")
with open(p, "w") as f:
    for o in out: f.write(json.dumps(o, ensure_ascii=False) + "\n")
print(len(out), sum(o["lang"] == "zh" for o in out), {s: sum(o["split"] == s for o in out) for s in ("dev", "test")})
