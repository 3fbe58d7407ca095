import zlib from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { Client, type TestEnv } from '../../../test/harness';
import { uuidv7 } from '../../kernel/ids';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { createSession } from '../accounts/sessions';
import { departments } from '../congresses/congresses.schema';
import { deputies } from '../deputies/deputies.schema';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A real w×h RGB PNG; `exif` adds an eXIf chunk (as phones write GPS into PNGs too). */
export function tinyPng(w = 4, h = 4, exif?: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h, 0x80);
  for (let y = 0; y < h; y++) raw[y * (w * 3 + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(exif ? [chunk('eXIf', exif)] : []),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal JPEG-shaped file: APP0 (JFIF), APP1 (Exif with a GPS tag), a comment, then SOS data. */
export function jpegWithExif(): Buffer {
  const seg = (marker: number, data: Buffer) => {
    const len = Buffer.alloc(2);
    len.writeUInt16BE(data.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), len, data]);
  };
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.from('Exif\0\0GPSLatitude=31.1123;GPSLongitude=121.3812', 'latin1')),
    seg(0xfe, Buffer.from('taken at home', 'latin1')),
    seg(0xdb, Buffer.alloc(65, 1)),
    Buffer.from([0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0x11, 0x22, 0x33, 0xff, 0xd9]),
  ]);
}

/** A signed-in client for an account (session created directly, as after a login). */
export async function clientFor(env: TestEnv, account: typeof accounts.$inferSelect, ip: string) {
  const s = await createSession(env.ctx, env.ctx.database.db, account, ip);
  const c = new Client(env.app, ip);
  c.cookies.set('lx_sid', s.token);
  c.cookies.set('lx_csrf', s.csrfToken);
  c.csrf = s.csrfToken;
  return c;
}

let ipSeq = 10;
/** A handler account of another district unit (区市场监管局 by default). */
export async function otherDepartmentHandler(env: TestEnv, name = '区市场监管局') {
  const { db } = env.ctx.database;
  const [d] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.regionCode, '310112'), eq(departments.name, name)));
  const now = env.ctx.clock.now();
  const [a] = await db
    .insert(accounts)
    .values({
      regionCode: '310112',
      id: uuidv7(now.getTime()),
      kind: 'staff',
      username: `handler${ipSeq}`,
      displayName: `${name}经办人`,
      departmentId: d!.id,
      createdAt: now,
    })
    .returning();
  await db.insert(roleGrants).values({
    regionCode: '310112',
    id: uuidv7(now.getTime()),
    accountId: a!.id,
    role: 'department_handler',
    scopeCode: '310112',
    createdAt: now,
  });
  return { client: await clientFor(env, a!, `10.2.0.${ipSeq++}`), departmentId: d!.id, accountId: a!.id };
}

export async function deputy1(env: TestEnv) {
  const { db } = env.ctx.database;
  const [d] = await db
    .select({
      id: deputies.id,
      code: deputies.publicCode,
      phoneEnc: deputies.phoneEnc,
      accountId: accounts.id,
    })
    .from(deputies)
    .innerJoin(
      accounts,
      and(eq(accounts.regionCode, deputies.regionCode), eq(accounts.deputyId, deputies.id)),
    )
    .where(eq(accounts.username, 'deputy1'));
  return { ...d!, phone: env.ctx.vault.decrypt(d!.phoneEnc!) };
}

export async function accountId(env: TestEnv, username: string) {
  const [a] = await env.ctx.database.db.select().from(accounts).where(eq(accounts.username, username));
  return a!;
}

/** A signed-in client for the citizen account that owns this phone (as after SMS sign-in). */
export async function citizenByPhone(env: TestEnv, phone: string) {
  const [a] = await env.ctx.database.db
    .select()
    .from(accounts)
    .where(and(eq(accounts.kind, 'citizen'), eq(accounts.phoneHash, env.ctx.vault.blindIndex(phone))));
  return clientFor(env, a!, `10.3.0.${ipSeq++}`);
}
