import crypto from 'node:crypto';
import { pooledRandomBytes } from '../ids';

/**
 * Personal information (phone numbers, citizens' names, ID numbers, exact addresses) is encrypted
 * at rest with an authenticated cipher. Ciphertext format: `v1.<cipher>.<keyId>.<iv>.<tag>.<data>`
 * (base64url parts), so keys can rotate: the first key of the ring encrypts, any key decrypts,
 * and `needsRotation` tells a re-encryption job which values are still under an old key.
 */
/** `sm4` is SM4-CTR with an HMAC-SM3 tag (encrypt-then-MAC): Node's OpenSSL has no SM4-GCM. */
export type PiiCipher = 'aes-256-gcm' | 'sm4';

export interface PiiVault {
  encrypt(plain: string): string;
  decrypt(token: string): string;
  needsRotation(token: string): boolean;
  /** Keyed hash for exact lookups (by phone) without storing or indexing the plaintext. */
  blindIndex(value: string): string;
}

export function parseKeyring(spec: string): Array<{ id: string; key: Buffer }> {
  const ring = spec.split(',').map((part) => {
    const [id, hex] = part.trim().split(':');
    if (!id || !hex || !/^[0-9a-fA-F]{64}$/.test(hex) || !/^[a-zA-Z0-9_-]+$/.test(id)) {
      throw new Error('PII_KEYS must look like "keyId:<64 hex chars>[,keyId:<64 hex>…]"');
    }
    return { id, key: Buffer.from(hex, 'hex') };
  });
  if (ring.length === 0) throw new Error('PII_KEYS is empty');
  return ring;
}

export function sm4Available(): boolean {
  return crypto.getCiphers().includes('sm4-ctr') && crypto.getHashes().includes('sm3');
}

export function createVault(opts: { keys: string; indexKey: string; cipher?: PiiCipher }): PiiVault {
  const ring = parseKeyring(opts.keys);
  const cipher = opts.cipher ?? 'aes-256-gcm';
  if (cipher === 'sm4' && !sm4Available()) {
    throw new Error('PII_CIPHER=sm4 but this Node.js build has no SM4/SM3; use aes-256-gcm');
  }
  const indexKey = Buffer.from(opts.indexKey, 'hex');
  const current = ring[0]!;
  const b64 = (b: Buffer) => b.toString('base64url');

  // AES keys as KeyObjects made once: createCipheriv then skips preparing the raw key every call.
  const aesKeys = new Map(ring.map((k) => [k.id, crypto.createSecretKey(k.key)]));
  const seal = (c: string, keyId: string, key: Buffer, plain: string) => {
    if (c === 'sm4') {
      const iv = pooledRandomBytes(16);
      const e = crypto.createCipheriv('sm4-ctr', key.subarray(0, 16), iv);
      const data = Buffer.concat([e.update(plain, 'utf8'), e.final()]);
      const tag = crypto.createHmac('sm3', key.subarray(16)).update(iv).update(data).digest();
      return { iv, tag, data };
    }
    const iv = pooledRandomBytes(12);
    const e = crypto.createCipheriv('aes-256-gcm', aesKeys.get(keyId)!, iv, { authTagLength: 16 });
    const data = Buffer.concat([e.update(plain, 'utf8'), e.final()]);
    return { iv, tag: e.getAuthTag(), data };
  };
  const open = (c: string, keyId: string, key: Buffer, iv: Buffer, tag: Buffer, data: Buffer) => {
    if (c === 'sm4') {
      const expect = crypto.createHmac('sm3', key.subarray(16)).update(iv).update(data).digest();
      if (expect.length !== tag.length || !crypto.timingSafeEqual(expect, tag)) {
        throw new Error('personal data failed its integrity check');
      }
      const d = crypto.createDecipheriv('sm4-ctr', key.subarray(0, 16), iv);
      return Buffer.concat([d.update(data), d.final()]).toString('utf8');
    }
    if (c !== 'aes-256-gcm') throw new Error(`unknown cipher ${c}`);
    const d = crypto.createDecipheriv('aes-256-gcm', aesKeys.get(keyId)!, iv, { authTagLength: 16 });
    d.setAuthTag(tag);
    return Buffer.concat([d.update(data), d.final()]).toString('utf8');
  };

  return {
    encrypt(plain) {
      const { iv, tag, data } = seal(cipher, current.id, current.key, plain);
      return ['v1', cipher, current.id, b64(iv), b64(tag), b64(data)].join('.');
    },
    decrypt(token) {
      const [v, c, keyId, iv, tag, data] = token.split('.');
      const entry = ring.find((k) => k.id === keyId);
      if (v !== 'v1' || !c || !entry || iv === undefined || tag === undefined || data === undefined) {
        throw new Error('undecryptable personal data (unknown format or key)');
      }
      const buf = (x: string) => Buffer.from(x, 'base64url');
      return open(c, entry.id, entry.key, buf(iv), buf(tag), buf(data));
    },
    needsRotation(token) {
      const [, c, keyId] = token.split('.');
      return keyId !== current.id || c !== cipher;
    },
    blindIndex(value) {
      return crypto.createHmac('sha256', indexKey).update(value.normalize('NFKC').trim()).digest('base64url');
    },
  };
}

/** `13812341234` → `138****1234`. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length < 7) return '*'.repeat(p.length);
  return `${p.slice(0, 3)}****${p.slice(-4)}`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧阳**: keep the surname only. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  const keep = chars.length >= 4 ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

/** Keeps an address down to the street/town (街道/镇/乡) and drops the rest. */
export function maskAddress(address: string): string {
  const m = address.match(/^(.*?(?:街道|镇|乡))/);
  return m ? `${m[1]}***` : `${[...address].slice(0, 6).join('')}***`;
}

/** 18-digit resident ID: keep the first 6 and last 4 characters. */
export function maskIdNumber(id: string): string {
  return id.length > 10
    ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`
    : '*'.repeat(id.length);
}
