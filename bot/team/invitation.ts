import { planQueue } from '../session.js';
import type { Campaign, JoinCode } from './types.js';

/** The ready-to-forward invitation: Chinese, for DingTalk users on their phones. */
export function invitation(org: string, c: Campaign, code: JoinCode): string {
  const n = planQueue(c.plan.mode, c.plan.pillar).length;
  const minutes = Math.max(3, Math.round(n * 0.8));
  const roles = c.roles.map((r, i) => `${i + 1}. ${r}`).join('  ');
  return [
    `【${org}】数智化成熟度评估邀请${c.wave > 1 ? `（第${c.wave}轮复评）` : ''}`,
    `各位同事好！我们正在做一次数智化成熟度评估，想听听你对公司现状的看法。共${n}题，大约${minutes}分钟，用手机即可完成。`,
    '',
    '参与步骤（钉钉）：',
    '1. 打开钉钉，在工作台或群里找到「五音」机器人（单聊它，或在群里 @五音）；',
    `2. 发送：加入 ${code.code}`,
    `3. 回复你的角色序号：${roles}`,
    '4. 每题回复 1–5，或用一两句话描述实际情况，五音会给出判断请你确认；',
    '5. 答完会看到你自己的小结，评估结束前可以发「修改 1.1」修改某题。',
    '',
    `邀请码有效期至 ${code.expiresAt.slice(0, 10)}。你的回答只有你自己和评估负责人能看到，团队结果按角色汇总，人数少于${c.minGroup}人的角色不单独显示。随时发「删除我的数据」可删除你的全部回答。`,
  ].join('\n');
}
