import * as M from './messages.js';
import type { ReportLinkStore } from './store/report-links.js';
import type { Locale, Reply } from './types.js';

/**
 * 撤销报告链接 / revoke report links: the person a report is about withdraws every link to their
 * reports (whoever they were forwarded to). Opening one then answers 404, like an unknown link. Only
 * one's own links: the operator revokes anyone's with `wuyin links revoke`.
 */
const WORDS = /^\s*(?:撤销|收回|取消|作废)(?:我的)?(?:报告)?链接\s*$|^\s*revoke\s+(?:my\s+)?(?:report\s+)?links?\s*$/iu;

export function isRevokeLinks(text: string): boolean {
  return WORDS.test(text);
}

export async function revokeLinksReply(links: ReportLinkStore, userId: string, loc: Locale): Promise<Reply> {
  const n = await links.revokeUser(userId);
  return M.info(loc, n
    ? { zh: `已撤销你的 ${n} 个报告链接：它们已无法打开。需要时再回复「报告」生成新的。`, en: `Revoked ${n} link(s) to your reports: they no longer open. Reply "report" for a new one when you need it.` }
    : { zh: '你没有仍然有效的报告链接。', en: 'You have no live report links.' });
}
