# throwaway helper of the sixth session: the new real questions with gold passage ids (chosen from a dump of buildPassages())
import json
R="llm-engineer-1 (rubric descriptors only)"; D="2026-12-02"
def q(id,lang,query,gold,need,url,title,author,split,tags):
    return dict(id=id,lang=lang,query=query,gold=gold,need=need,source=dict(url=url,title=title,kind="issue",**({"author":author} if author else {})),rated_by=R,rated_at=D,split=split,tags=tags)
Q=[
q("realq-zh-067","zh","希望manifest.js文件中小程序可填写多个appid，方便管理多个抖音小程序或者多个微信小程序 … 现状及问题 一套代码打包多个微信小程序或抖音小程序",
  ["ind:2.4","lvl:2.4:4","bn:technology:3"],"一套代码复制多个触点","https://github.com/dcloudio/uni-app/issues/4530","希望manifest.js文件中小程序可填写多个appid，方便管理多个抖音小程序或者多个微信小程序","ckyfighter","dev",["zh","tool-level","mixed-language"]),
q("realq-zh-068","zh","有支持多端的计划吗？比如支持支付宝小程序，抖音小程序等",
  ["ind:2.4","lvl:2.4:3","lvl:2.4:4"],"新触点接入/多端","https://github.com/vue-mini/vue-mini/issues/74","有支持多端的计划吗？比如支持支付宝小程序，抖音小程序等",None,"test",["zh","tool-level","short"]),
q("realq-zh-069","zh","希望增加智能体可指定某个，或者某一群客户可显示、可使用的功能 … 另外客户管理希望增加一个用户分组和标签功能，便于用户的管理",
  ["bn:marketing:2","ind:4.2","bn:channel:2"],"客户分群与标签","https://github.com/BidingCC/BuildingAI/issues/48","希望增加智能体可指定某个，或者某一群客户可显示、可使用的功能，与用户分组和标签功能","zsqf888","dev",["zh","tool-level","colloquial"]),
q("realq-zh-070","zh","主数据-商品-条形码需要添加重复限制 … 修改一个商品条形码为414，保存成功 再修改一个商品条形码为414，保存成功 … 商品条形码就重复了 … 期望的结果: 商品条形码唯一限制，不允许保存相同的条形码。",
  ["ind:4.3","lvl:4.3:4","bn:product:2"],"主数据唯一/编码重复","https://github.com/osbzr/gooderp_addons/issues/629","主数据-商品-条形码需要添加重复限制","ie-it","test",["zh","tool-level","plain-words"]),
q("realq-zh-071","zh","指标口径管理",
  ["ind:4.3","lvl:4.3:4","lvl:4.3:2"],"指标口径统一","https://github.com/MaloneTalk/DataAgent/issues/42","指标口径管理",None,"dev",["zh","short"]),
q("realq-zh-072","zh","这个开源版本支持发布应用到微信小程序和抖音商店么？",
  ["ind:2.4","lvl:2.4:4","ind:2.2"],"多渠道触点发布","https://github.com/coze-dev/coze-studio/issues/2386","这个开源版本支持发布应用到微信小程序和抖音商店么？",None,"test",["zh","tool-level","short"]),
q("realq-en-055","en","Ability to Archive old data (should be able to choose say 3/5/7 year old) from the database to another medium on frappecloud. This should improve performance as well as optimise cost.",
  ["ind:1.1","lvl:1.1:3","lvl:1.1:5"],"数据归档/存储生命周期","https://github.com/frappe/press/issues/2798","Feature Request - Database Data Archive feature","jpettan","test",["en","tool-level"]),
q("realq-en-056","en","I think the procedure will not delete any record from the online database after the summary data is generated in the datawarehouse. So I expect the database file to grow larger and larger as time goes by. … I am wondering what is the best practice to take care of the growing historical data. Can you suggest?",
  ["ind:1.1","lvl:1.1:3","lvl:1.1:5"],"历史数据增长/存储生命周期","https://github.com/cobub/razor/issues/62","what is the strategy to handle large volume of history data?","milkmeat","dev",["en","tool-level","long"]),
q("realq-en-057","en","Users are finding the \"Origin\" from order attribution to be helpful, but there's currently no way to see a report of order per origin. There's no Origin report under WooCommerce analytics, nor is there a filter for that or a column that can be enabled for other reporting sections.",
  ["ind:2.5","lvl:2.5:4","bn:marketing:2"],"渠道效果衡量","https://github.com/woocommerce/woocommerce/issues/44329","[Enhancement]: Add \"Origin\" report to WooCommerce Analytics","maxlaf","test",["en","tool-level"]),
q("realq-en-058","en","It would be great if Aiku could start tracking the source of sign-up when customers visit the website. … for marketing purposes, it’s crucial to measure these sources accurately in order to adjust marketing strategies, budgets, and campaigns.",
  ["ind:2.5","lvl:2.5:1","lvl:2.5:4"],"获客渠道投入产出衡量","https://github.com/Inikoo-Ltd/aiku/issues/1758","Aiku - First Party Data Tracking IDEA 1 - Customer Referral Source","PeterMxxxxx","dev",["en","long"]),
q("realq-en-059","en","Figure out best way to limit our operation data storage needs without comprising necessary data for historical purposes. … Can we find an archiving solution where we can restore historical data when needed?",
  ["ind:1.1","lvl:1.1:3"],"存储容量与归档","https://github.com/bcgov/wps/issues/4031","MoreCast: Archive/Prune DB","NicolasLivanos","dev",["en"]),
q("realq-en-060","en","Data is an important cornerstone of business development decision-making. … But most of the current data problems have been found by the production operation and business personnel and fed back to the technology for troubleshooting, which will lead to untimely discovery, time-consuming and labor-intensive data inspection, and high labor cost. Therefore, we hope to achieve a high demand for data monitoring and alarm prompt through a tool.",
  ["ind:4.3","lvl:4.3:1","ind:2.3"],"数据质量监控","https://github.com/apache/dolphinscheduler/issues/1306","[FEATURE]Data quality inspection component(数据质量检测组件)","chongchongzi","test",["en","tool-level","long"]),
]
ids={p.split('\t')[0] for p in open('/tmp/passages6.tsv')}
for x in Q: assert all(g in ids for g in x['gold']), x['id']
with open("questions6.jsonl","w") as f:
    for x in Q: f.write(json.dumps(x,ensure_ascii=False)+"\n")
print(len(Q))
