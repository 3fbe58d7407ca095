import { describe, expect, it } from 'vitest';
import { dummyPasswordHash, hashPassword, passwordProblems, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('Lianxin@2026');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain('Lianxin@2026');
    expect(await verifyPassword('Lianxin@2026', stored)).toBe(true);
    expect(await verifyPassword('Lianxin@2027', stored)).toBe(false);
    expect(await verifyPassword('lianxin@2026', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('Same#Password1'), hashPassword('Same#Password1')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Same#Password1', a)).toBe(true);
    expect(await verifyPassword('Same#Password1', b)).toBe(true);
  });

  it('normalises Unicode (NFKC) so full-width input matches', async () => {
    const stored = await hashPassword('Lianxin@2026');
    expect(await verifyPassword('Ｌｉａｎｘｉｎ＠２０２６', stored)).toBe(true);
  });

  it('refuses stored values in other formats', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$32768$8$1$')).toBe(false);
    const dummy = await dummyPasswordHash();
    expect(dummy.startsWith('scrypt$')).toBe(true);
    expect(await dummyPasswordHash()).toBe(dummy);
  });
});

describe('password complexity (等保 level 3)', () => {
  it('accepts a strong password', () => {
    expect(passwordProblems('Strong#Pass2026', 'newstaff')).toEqual([]);
    expect(passwordProblems('lianxin2026!')).toEqual([]); // lower + digit + symbol
  });

  it('explains every problem in Chinese', () => {
    expect(passwordProblems('Ab1!')).toEqual(['密码至少 10 位']);
    expect(passwordProblems('passwordpassword')).toEqual([
      '密码须包含大写字母、小写字母、数字和符号中的至少三种',
    ]);
    expect(passwordProblems('password')).toEqual([
      '密码至少 10 位',
      '密码须包含大写字母、小写字母、数字和符号中的至少三种',
    ]);
    expect(passwordProblems('Xinzhuang#2026', 'xinzhuang')).toEqual(['密码不能包含用户名']);
    for (const p of passwordProblems('abc', 'abc')) expect(p).toMatch(/[\u4e00-\u9fa5]/);
  });
});
