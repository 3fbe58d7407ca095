import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, otpauthUrl, totpCode, verifyTotp } from './totp';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const SEED = Buffer.from('12345678901234567890', 'ascii');
const SECRET = base32Encode(SEED);

describe('TOTP (RFC 6238, SHA-1)', () => {
  it('encodes the RFC seed as the well-known base32 secret', () => {
    expect(SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(SECRET).equals(SEED)).toBe(true);
    expect(base32Decode('gezdgnbv gy3tqojq gezdgnbv gy3tqojq').equals(SEED)).toBe(true);
    expect(() => base32Decode('GEZDG1')).toThrow(/base32/);
  });

  it('matches the RFC 6238 test vectors (last 6 of the 8 digits)', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, eight] of vectors) {
      expect(totpCode(SECRET, new Date(seconds * 1000))).toBe(eight.slice(-6));
    }
    expect(totpCode(SECRET, new Date(59_000))).toBe('287082');
  });

  it('accepts one step of clock drift either side, and nothing further', () => {
    const at = new Date(1_111_111_111_000);
    const step = Math.floor(at.getTime() / 30_000);
    const code = totpCode(SECRET, at);
    expect(verifyTotp(SECRET, code, at)).toBe(step);
    expect(verifyTotp(SECRET, code, new Date(at.getTime() + 30_000))).toBe(step);
    expect(verifyTotp(SECRET, code, new Date(at.getTime() - 30_000))).toBe(step);
    expect(verifyTotp(SECRET, code, new Date(at.getTime() + 90_000))).toBeNull();
    expect(verifyTotp(SECRET, code === '000000' ? '111111' : '000000', at)).toBeNull();
  });

  it('makes fresh 160-bit secrets and authenticator URLs', () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(s)).toHaveLength(20);
    expect(newTotpSecret()).not.toBe(s);
    const url = otpauthUrl(s, 'xinzhuang');
    expect(url).toBe(
      `otpauth://totp/${encodeURIComponent('连心:xinzhuang')}?secret=${s}&issuer=${encodeURIComponent('连心')}`,
    );
  });
});
