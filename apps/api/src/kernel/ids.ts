import crypto from 'node:crypto';

let lastMs = -1;
let counter = 0;

/**
 * Cryptographically random bytes served from a pooled buffer that the CSPRNG refills 4 KB at a
 * time (what crypto.randomUUID does internally): one call into OpenSSL per few hundred ids and
 * IVs instead of one each — several microseconds a request on the portal's intake path
 * (docs/PERFORMANCE.md). The bytes are the same quality as crypto.randomBytes; each is handed out once.
 */
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let poolAt = POOL_BYTES;
export function pooledRandomBytes(n: number): Buffer {
  if (n > POOL_BYTES / 4) return crypto.randomBytes(n);
  if (poolAt + n > POOL_BYTES) {
    crypto.randomFillSync(pool);
    poolAt = 0;
  }
  const out = Buffer.allocUnsafe(n);
  pool.copy(out, 0, poolAt, poolAt + n);
  pool.fill(0, poolAt, poolAt + n);
  poolAt += n;
  return out;
}

/**
 * UUIDv7: time-ordered, so B-tree inserts stay local even at millions of rows. Within one process
 * ids are strictly increasing: ids made in the same millisecond carry a 12-bit counter (RFC 9562
 * method 1), so ordering rows by id (e.g. outbox events) keeps the order they were created in.
 */
export function uuidv7(now = Date.now()): string {
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      ms = ++lastMs;
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastMs = ms;
  const bytes = pooledRandomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Hex SHA-256 of a string, one-shot (`crypto.hash` is ~3× cheaper than a Hash object for short input). */
export function sha256(s: string): string {
  return crypto.hash('sha256', s, 'hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
