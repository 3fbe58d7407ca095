import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createVault,
  maskAddress,
  maskIdNumber,
  maskName,
  maskPhone,
  parseKeyring,
  sm4Available,
} from './pii';

const hex = (seed: string) => crypto.createHash('sha256').update(seed).digest('hex');
const K1 = `k1:${hex('key one')}`;
const K2 = `k2:${hex('key two')}`;
const INDEX = hex('index key');

/** Flips one character of the base64url part at `index` (0-based among the six dot-separated parts). */
function tamper(token: string, index: number): string {
  const parts = token.split('.');
  const part = parts[index]!;
  const flipped = part[0] === 'A' ? 'B' : 'A';
  parts[index] = flipped + part.slice(1);
  return parts.join('.');
}

describe('PII vault (AES-256-GCM)', () => {
  const vault = createVault({ keys: K1, indexKey: INDEX });

  it('round-trips text, including Chinese and the empty string', () => {
    for (const plain of ['13812345678', '上海市闵行区莘庄镇莘松路 1 号 3 室', '', '欧阳娜娜']) {
      const token = vault.encrypt(plain);
      expect(token).not.toContain(plain || '\u0000');
      expect(token.startsWith('v1.aes-256-gcm.k1.')).toBe(true);
      expect(vault.decrypt(token)).toBe(plain);
    }
  });

  it('never produces the same ciphertext twice (random IV)', () => {
    const a = vault.encrypt('13812345678');
    const b = vault.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(a.split('.')[3]).not.toBe(b.split('.')[3]);
  });

  it('refuses tampered data, tags and IVs', () => {
    const token = vault.encrypt('13812345678');
    for (const part of [3, 4, 5]) expect(() => vault.decrypt(tamper(token, part))).toThrow();
    expect(() => vault.decrypt(token.replace('.k1.', '.k9.'))).toThrow(/undecryptable/);
    expect(() => vault.decrypt('13812345678')).toThrow(/undecryptable/);
    expect(() => vault.decrypt(token.replace('aes-256-gcm', 'rot13'))).toThrow();
  });

  it('rotates keys: the newest key encrypts, older keys still decrypt', () => {
    const old = createVault({ keys: K1, indexKey: INDEX });
    const oldToken = old.encrypt('13812345678');
    const rotated = createVault({ keys: `${K2},${K1}`, indexKey: INDEX });
    expect(rotated.decrypt(oldToken)).toBe('13812345678');
    expect(rotated.needsRotation(oldToken)).toBe(true);
    const fresh = rotated.encrypt('13812345678');
    expect(fresh.split('.')[2]).toBe('k2');
    expect(rotated.needsRotation(fresh)).toBe(false);
    // A vault that no longer holds k2 cannot read the new value.
    expect(() => old.decrypt(fresh)).toThrow();
    // Blind indexes do not depend on the encryption keys.
    expect(rotated.blindIndex('13812345678')).toBe(old.blindIndex('13812345678'));
  });

  it('rejects malformed keyrings', () => {
    expect(() => parseKeyring('k1:abcd')).toThrow(/PII_KEYS/);
    expect(() => parseKeyring(`bad id:${hex('x')}`)).toThrow(/PII_KEYS/);
    expect(parseKeyring(`${K2}, ${K1}`).map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it('keeps a stable, keyed blind index', () => {
    const a = vault.blindIndex('13812345678');
    expect(vault.blindIndex('13812345678')).toBe(a);
    expect(vault.blindIndex(' 13812345678 ')).toBe(a);
    expect(vault.blindIndex('13812345679')).not.toBe(a);
    expect(a).not.toContain('13812345678');
    const other = createVault({ keys: K1, indexKey: hex('another index key') });
    expect(other.blindIndex('13812345678')).not.toBe(a);
  });
});

describe.runIf(sm4Available())('PII vault (SM4 + HMAC-SM3)', () => {
  const vault = createVault({ keys: K1, indexKey: INDEX, cipher: 'sm4' });

  it('round-trips and marks the cipher', () => {
    const token = vault.encrypt('上海市闵行区七宝镇');
    expect(token.startsWith('v1.sm4.k1.')).toBe(true);
    expect(vault.decrypt(token)).toBe('上海市闵行区七宝镇');
    expect(vault.encrypt('x')).not.toBe(vault.encrypt('x'));
  });

  it('refuses tampered data', () => {
    const token = vault.encrypt('13812345678');
    for (const part of [3, 4, 5]) expect(() => vault.decrypt(tamper(token, part))).toThrow();
  });

  it('flags AES values for re-encryption, and an AES vault still reads SM4 values', () => {
    const aes = createVault({ keys: K1, indexKey: INDEX });
    const aesToken = aes.encrypt('13812345678');
    expect(vault.decrypt(aesToken)).toBe('13812345678');
    expect(vault.needsRotation(aesToken)).toBe(true);
    expect(vault.needsRotation(vault.encrypt('13812345678'))).toBe(false);
    expect(aes.decrypt(vault.encrypt('13812345678'))).toBe('13812345678');
  });
});

describe('masking', () => {
  it('masks phone numbers', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(' 13812341234 ')).toBe('138****1234');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('keeps only the surname', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('张')).toBe('*');
  });

  it('keeps an address only down to the street or town', () => {
    expect(maskAddress('上海市闵行区莘庄镇莘松路 1 号 3 室')).toBe('上海市闵行区莘庄镇***');
    expect(maskAddress('上海市闵行区江川路街道鹤庆路 100 弄')).toBe('上海市闵行区江川路街道***');
    expect(maskAddress('莘松路 1 号 3 室')).toBe('莘松路 1 ***');
    expect(maskAddress('上海市闵行区莘庄镇莘松路 1 号')).not.toContain('莘松路');
  });

  it('keeps the first 6 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('31011219900101123X')).toBe('310112********123X');
    expect(maskIdNumber('1234')).toBe('****');
  });
});
