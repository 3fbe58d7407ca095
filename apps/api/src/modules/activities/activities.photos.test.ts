import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog } from '../../kernel/db/kernel.schema';
import { deputy1, jpegWithExif, tinyPng } from '../opinions/opinions.fixtures';
import { activities, activityPhotos } from './activities.schema';

// Monday 2026-03-02; the district congress is 310112, 莘庄镇 is 310112101 and 七宝镇 310112102.
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const C = '310112';
let xinzhuang: Client;
let qibao: Client;
let deputy: Client;
let me: Awaited<ReturnType<typeof deputy1>>;

const dataUrl = (mime: string, b: Buffer) => `data:${mime};base64,${b.toString('base64')}`;
const has = (buf: Buffer, s: string) => buf.includes(Buffer.from(s, 'latin1'));
/** Every file stored for activities (uploads/activities/<region>/…). */
const storedFiles = (): string[] => {
  const root = path.join(ctx.config.dataDir, 'uploads', 'activities');
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]) : [];
};
const photoRows = async () =>
  Number((await db.select({ n: sql<number>`count(*)` }).from(activityPhotos))[0]!.n);
const register = (c: Client, extra: Record<string, unknown>) =>
  c.post('/api/activities', {
    congressCode: C,
    jurisdictionCode: '310112101',
    kind: 'inspection',
    title: '视察莘庄镇老旧小区加装电梯',
    day: '2026-03-02',
    participants: [{ deputyId: me.id, attendance: 'present' }],
    ...extra,
  });

beforeAll(async () => {
  xinzhuang = await signedIn(app, 'xinzhuang');
  qibao = await signedIn(app, 'qibao');
  deputy = await signedIn(app, 'deputy1');
  me = await deputy1(env);
});

describe('activity photos (履职情况登记表的照片)', () => {
  let id: string;
  let jpegId: string;

  it('registered with photos: EXIF/GPS stripped, served to staff of the area and the deputies who took part', async () => {
    const r = await register(xinzhuang, {
      photos: [
        dataUrl('image/jpeg', jpegWithExif()),
        dataUrl('image/png', tinyPng(2, 2, Buffer.from('MM\0*GPS 31.11,121.38', 'latin1'))),
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
    const photos = r.json().photos as Array<{ id: string; mime: string; bytes: number }>;
    expect(photos.map((p) => p.mime)).toEqual(['image/jpeg', 'image/png']);
    jpegId = photos[0]!.id;

    const got = await xinzhuang.get(`/api/activities/${id}/photos/${jpegId}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(has(got.rawPayload, 'GPSLatitude')).toBe(false);
    expect(has(got.rawPayload, 'taken at home')).toBe(false);
    expect(has(got.rawPayload, 'JFIF')).toBe(true);
    expect(got.rawPayload.length).toBe(photos[0]!.bytes);
    const png = await xinzhuang.get(`/api/activities/${id}/photos/${photos[1]!.id}`);
    expect(has(png.rawPayload, 'GPS')).toBe(false);
    // On disk too: what is stored is the stripped file.
    const [row] = await db.select().from(activityPhotos).where(eq(activityPhotos.id, jpegId));
    expect(has(fs.readFileSync(path.join(ctx.config.dataDir, row!.storagePath)), 'GPSLatitude')).toBe(false);
    expect(row!.storagePath).toMatch(/^uploads\/activities\/310112\/[0-9a-f]{2}\/[0-9a-f]{64}\.jpg$/);

    // The participating deputy and the district's staff see it too; the detail lists the photos.
    expect((await deputy.get(`/api/activities/${id}/photos/${jpegId}`)).statusCode).toBe(200);
    const district = await signedIn(app, 'district');
    expect((await district.get(`/api/activities/${id}`)).json().photos).toHaveLength(2);
    const list = await deputy.get(`/api/activities?congressCode=${C}&kind=inspection`);
    expect(list.json().items.find((a: { id: string }) => a.id === id).photos).toHaveLength(2);
  });

  it('another street’s staff cannot read, add or remove the photos (as if there were none)', async () => {
    const read = await qibao.get(`/api/activities/${id}/photos/${jpegId}`);
    expect(read.statusCode).toBe(404);
    expect(read.body).not.toContain('JFIF');
    expect(errorCode(read)).toBe('activities.not_found');
    const add = await qibao.post(`/api/activities/${id}/photos`, {
      photos: [dataUrl('image/png', tinyPng())],
    });
    expect(errorCode(add)).toBe('activities.not_found');
    expect(errorCode(await qibao.request('DELETE', `/api/activities/${id}/photos/${jpegId}`))).toBe(
      'activities.not_found',
    );
    expect(await photoRows()).toBe(2);
  });

  it('a non-image is refused with a Chinese error, and nothing is stored', async () => {
    const rows = await photoRows();
    const files = storedFiles().length;
    const fake = dataUrl(
      'image/jpeg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    );
    const r = await register(xinzhuang, {
      title: '不应登记的活动',
      photos: [dataUrl('image/png', tinyPng()), fake],
    });
    expect(r.statusCode).toBe(415);
    expect(r.json().error).toMatchObject({
      code: 'activities.photo_type',
      message: '照片只支持 JPEG、PNG、WebP 格式',
    });
    expect(await db.select().from(activities).where(eq(activities.title, '不应登记的活动'))).toEqual([]);
    // A truncated JPEG is refused the same way, also when added later.
    const cut = dataUrl('image/jpeg', jpegWithExif().subarray(0, 30));
    expect(errorCode(await xinzhuang.post(`/api/activities/${id}/photos`, { photos: [cut] }))).toBe(
      'activities.photo_type',
    );
    expect(await photoRows()).toBe(rows);
    expect(storedFiles().length).toBe(files);
  });

  it('photos change while the entry is open: the deputy until it is confirmed, staff until rejected', async () => {
    const own = await register(deputy, { kind: 'contact', title: '走访莘庄镇独居老人' });
    expect(own.statusCode, own.body).toBe(201);
    const ownId = own.json().id as string;
    expect(own.json()).toMatchObject({ status: 'pending', photos: [] });
    const added = await deputy.post(`/api/activities/${ownId}/photos`, {
      photos: [dataUrl('image/jpeg', jpegWithExif())],
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().photos).toHaveLength(1);
    // The same content as the first activity's JPEG: one file on disk, two rows.
    const [a, b] = await db
      .select()
      .from(activityPhotos)
      .where(sql`${activityPhotos.sha256} = (select sha256 from activity_photos where id = ${jpegId})`);
    expect(a!.storagePath).toBe(b!.storagePath);

    expect((await xinzhuang.post(`/api/activities/${ownId}/review`, { confirm: true })).statusCode).toBe(200);
    const locked = await deputy.post(`/api/activities/${ownId}/photos`, {
      photos: [dataUrl('image/png', tinyPng())],
    });
    expect(errorCode(locked)).toBe('activities.photos_locked');
    // The deputy may not touch the staff's registration either (only see it).
    expect(errorCode(await deputy.request('DELETE', `/api/activities/${id}/photos/${jpegId}`))).toBe(
      'activities.photos_locked',
    );

    // Staff remove the second copy: the file stays while the first activity still holds it.
    const ownPhoto = added.json().photos[0].id as string;
    const del = await xinzhuang.request('DELETE', `/api/activities/${ownId}/photos/${ownPhoto}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json().photos).toEqual([]);
    expect(errorCode(await xinzhuang.get(`/api/activities/${ownId}/photos/${ownPhoto}`))).toBe(
      'activities.photo_not_found',
    );
    expect(fs.existsSync(path.join(ctx.config.dataDir, a!.storagePath))).toBe(true);
    // Removing the last row removes the file.
    expect((await xinzhuang.request('DELETE', `/api/activities/${id}/photos/${jpegId}`)).statusCode).toBe(
      200,
    );
    expect(fs.existsSync(path.join(ctx.config.dataDir, a!.storagePath))).toBe(false);
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'activities.photo_removed'));
    expect(audit).toHaveLength(2);
  });

  it('at most nine photos an activity', async () => {
    const many = Array.from({ length: 9 }, (_, i) => dataUrl('image/png', tinyPng(2 + i, 2)));
    const r = await xinzhuang.post(`/api/activities/${id}/photos`, { photos: many });
    expect(errorCode(r)).toBe('activities.too_many_photos');
    expect(r.json().error.message).toBe('每项活动最多上传 9 张照片');
    expect((await xinzhuang.get(`/api/activities/${id}`)).json().photos).toHaveLength(1);
  });
});
