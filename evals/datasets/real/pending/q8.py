"""Eighth session: real questions drafted with gold ids read from a dump of buildPassages() (throwaway helper)."""
import json, os
D = "2026-12-03"
R = "llm-engineer-1 (rubric descriptors only)"
G = "https://github.com/"
rows = [
 # (lang, split, query, gold, need, url, title, author, tags)
 ("zh","dev","新入职员工在适应工作流程、技术栈和团队协作方式时可能遇到一定挑战，例如：缺乏系统化培训：部分新人入职后需要自行摸索，公司缺少统一的培训材料或指导流程。… 缺乏明确的反馈机制：新人在适应期内可能不清楚自己的学习和工作进度是否符合预期，也不清楚应如何改进。",
  ["bn:organization:2","elem:organization","ind:3.3"],"新员工培训与知识传承", G+"atomeocean/job-compass/issues/74",
  "优化新人入职培训流程及应对可能挑战","kokanhan",["zh","long"]),
 ("zh","test","工作审批流：类似jira7.2之后的版本，可以配置一个流程中必须由某些角色审核通过之后才能往下进行 … 审核人审批成功进入下一步，审核不通过，任务结束",
  ["sol:3:organization","ind:3.2","lvl:3.2:3"],"审批流程在线化", G+"gopeak/dectask/issues/414",
  "工作审批流","fddOs",["zh","tool-level"]),
 ("zh","dev","请教下大家，自己电脑不行，有其他的办法可以训练模型不 求网上推荐的租用GPU的网站",
  ["ind:5.5","lvl:5.5:2","prod:5"],"模型训练算力与平台", G+"jingyaogong/minimind/issues/433",
  "请教下大家，自己电脑不行，有其他的办法可以训练模型不","dengyunsheng250",["zh","short"]),
 ("zh","test","商品价格设置，能不能加一个加价模版，一键设置价格，现在要每个商品配置参数，单独配置每个会员等级的价格，工作量极大 … 尤其对接商品，每个商品都要手动重新计算价格和会员价格",
  ["sol:2:brand","bn:retail:2"],"商品批量调价与定价", G+"lizhipay/acg-faka/issues/798",
  "商品价格设置，能不能加一个加价模版，一键设置价格，现在要每个商品配置参数，单独配置每个会员等级的价格，工作量极大，加价模板可以解决这个问题。","zzszuoshuang",["zh","tool-level"]),
 ("zh","test","好奇，这种呼叫项目这么多人用吗。我司也用了这种模式 … 也支持了智能外呼，坐席辅助这种，商业价值怎么样",
  ["ind:2.5","sol:3:service","lvl:2.5:4"],"触点投入的商业价值", G+"caoliang1918/contact-center/issues/20",
  "商业价值问题","Egbert8527",["zh","short"]),
 ("zh","dev","需要针对自己的用户进行分类和用户积分奖励机制 场景说明:一个讲师注册我们的系统,新注册就是新会员,在我们官网观看课程,并完善自己的信息,变成忠实会员,然后在系统观看课程视频,同时进行答辩,那就变成我们中级讲师",
  ["sol:3:marketing","bn:service:3","bn:service:2"],"会员等级与积分运营", G+"halo-dev/halo/issues/7346",
  "希望有用户会员等级和积分体系","Ecolin3",["zh","long"]),
 ("zh","test","请问智能客服功能完善了吗？可以作为智能客服来使用吗？",
  ["lvl:5.2:2","sol:4:service","ind:5.2"],"智能客服试点", G+"zhaoyingjun/chatbot/issues/164",
  "请问智能客服功能完善了吗？可以作为智能客服来使用吗？",None,["zh","short"]),
 ("zh","dev","我用一套数据训练了一个LR模型，然后我要用新数据再对这个模型进行训练，这个任务要怎么建立？",
  ["ind:5.4","lvl:5.4:5"],"模型迭代训练", G+"FederatedAI/FATE/issues/5789",
  "模型如何进行迭代训练","123fei1",["zh","tool-level"]),
 ("zh","test","运维学件是已经训练好的，使用自己的样本训练会不会导致学件退化",
  ["ind:5.4","lvl:5.4:5"],"模型退化与更新", G+"Tencent/Metis/issues/26",
  "运维学件是已经训练好的，使用自己的样本训练会不会导致学件退化",None,["zh","tool-level","short"]),
 ("zh","dev","其实，我真正关心的是，用或者不用微服务架构，其先决条件有哪些。成功是成功在哪里，失败是失败在什么地方。有了参考才知道合不合适。",
  ["ind:3.4","lvl:3.4:4","lvl:3.4:5"],"系统架构选型", G+"lanlin/notes/issues/61",
  "选择单体应用 or 微服务？ (Monolith or Microservices)","lanlin",["zh"]),
 ("zh","test","现也需要建设数据仓库，但对数据仓库的数据库选型还无定论；… 看大部分的数据仓库都是hive来实现，但我现在计算层已搭建了spark计算引擎，想说直接使用sparksql来实现Hive层的sql查询，底层用parquet来存储，计算用spark来计算。这样子我就无需再去引入hive组件增加等等成本。不知是否可以？可以的话有什么弊端吗？",
  ["ind:4.4","lvl:4.4:4"],"数据仓库技术选型", G+"dantezhao/data-warehouse/issues/1",
  "数据仓库选型","suhenhappy",["zh","tool-level","long"]),
 ("zh","dev","请问是否能提供一个入门级的大数据指导方案",
  ["ind:4.4","lvl:4.4:2"],"大数据工具入门", G+"memect/hao/issues/33",
  "＠猴山寨主找夫人 请问是否能提供一个入门级的大数据指导方案",None,["zh","short"]),
 ("en","dev","I have been getting average want to improve my recommendations any tips from the seniors will be helpful? Grid Search , More Features of Item or Users, Increase the size of No of Components????",
  ["ind:5.4","lvl:5.4:5"],"推荐模型优化", G+"lyst/lightfm/issues/361",
  "Any tips for making strong LightFM model??","hammadkhann",["en","tool-level"]),
 ("en","test","I need to know when and how many I have purchased from supplier to decide should I pay and how much to pay. How to manage supplier in our software?",
  ["ind:3.1","dir:finance"],"供应商采购与对账", G+"emreeren/SambaPOS-3/issues/184",
  "How to manage supplier in our software?","shuxingliu",["en","tool-level"]),
 ("en","test","I'm trying to understand how the planning features are implemented in OdooMRP, because there is a pressing requirement for production forcecasting from my users. On one hand there is a sales forecast, which can generate procurements based on past sales, right?",
  ["bn:manufacturing:2","sol:5:logistics"],"产销协同与生产预测", G+"odoomrp/odoomrp-wip/issues/728",
  "Clarification needed on MPA and sale plans","clonedagain",["en","tool-level"]),
 ("en","dev","how to add a distributor person on sale invoice and in report filter with distributor … i am distributor and i have many supplier and i need to check the stock given to the supplier",
  ["sol:3:channel","bn:logistics:2"],"分销与库存查看", G+"opensourcepos/opensourcepos/issues/608",
  "How to add distributor ?","imranwe",["en","tool-level"]),
 ("en","test","I am developing training infrastructure where, new data will be added periodically lets say every month. … After one month I received new data so want to train the model (will start training on weights trained in first step) again with new data. What data should be given to training in step 2.........?",
  ["ind:5.4","lvl:5.4:5","ind:5.5"],"模型定期迭代训练", G+"AlexeyAB/darknet/issues/8141",
  "Iterative training on periodic new data addon","mitesh741",["en","tool-level","long"]),
 ("en","dev","Heat-map to check where most traders generally trade As a trader, I wish to be able to check where most users stay e.g Toa Payoh area, so that I will have a general idea where potential customers might rent from or where I would rent from.",
  ["bn:channel:3","sol:5:channel","elem:channel"],"选址与客群分布", G+"tjandy98/digital_platform_waffle/issues/14",
  "Insight on most active location","tjandy98",["en"]),
]
n = {"zh": 88, "en": 72}
out = []
for lang, split, q, gold, need, url, title, author, tags in rows:
    i = n[lang]; n[lang] += 1
    src = {"url": url, "title": title, "kind": "issue"}
    if author: src["author"] = author
    out.append({"id": f"realq-{lang}-{i:03d}", "lang": lang, "query": q, "gold": gold, "need": need, "source": src,
                "rated_by": R, "rated_at": D, "split": split, "tags": tags})
p = os.path.join(os.path.dirname(__file__), "questions8.jsonl")
with open(p, "w") as f:
    for o in out: f.write(json.dumps(o, ensure_ascii=False) + "\n")
print(len(out), sum(o["lang"] == "zh" for o in out), {s: sum(o["split"] == s for o in out) for s in ("dev", "test")})
