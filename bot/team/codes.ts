import { randomBytes } from 'node:crypto';

/**
 * Join codes: 10 symbols of Crockford's base32 (no I, L, O, U, so nothing reads as 1/0) from the
 * system CSPRNG = 50 bits, written ABC-7KQ2-X4M so a phone user can type or paste it. People type
 * codes loosely, so the parser upper-cases, maps I/L → 1 and O → 0 and ignores spaces and dashes.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_BITS = 50;
export const CODE_TTL_DAYS = 60;

export function newJoinCode(): string {
  const bytes = randomBytes(7); // 56 bits read, the first 50 used
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[Number((bits >> BigInt(6 + i * 5)) & 31n)];
  return `${s.slice(0, 3)}-${s.slice(3, 7)}-${s.slice(7)}`;
}

/** The canonical form of a typed code, or undefined when it cannot be one. */
export function normaliseCode(typed: string): string | undefined {
  const s = typed.toUpperCase().replace(/[\s\-–—_]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(s)) return undefined;
  return `${s.slice(0, 3)}-${s.slice(3, 7)}-${s.slice(7)}`;
}

/** `加入 ABC-7KQ2-X4M` / `join abc7kq2x4m`: the typed code, or undefined when the text is no join. */
export function joinRequest(text: string): { typed: string } | undefined {
  // Only a code-like token counts: 加入数据中台 is a question, not a join.
  const m = /^\s*(?:加入|参加|join)\s*[:：]?\s*([A-Za-z0-9][A-Za-z0-9 \-–—_]{1,24}?)\s*$/iu.exec(text);
  return m ? { typed: m[1]! } : undefined;
}
