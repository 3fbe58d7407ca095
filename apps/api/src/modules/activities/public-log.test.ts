import { eq, isNotNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, startTestServer } from '../../../test/harness';
import { JobRunner } from '../../kernel/jobs/runner';
import { accounts } from '../accounts/accounts.schema';
import { deputy1 } from '../opinions/opinions.fixtures';
import { opinions } from '../opinions/opinions.schema';
import { bookings } from '../receptions/receptions.schema';

const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const runner = new JobRunner(ctx);
let me: Awaited<ReturnType<typeof deputy1>>;

beforeAll(async () => {
  await runner.drain();
  me = await deputy1(env);
  const district = await signedIn(app, 'district');
  const r = await district.post('/api/activities', {
    congressCode: '310112',
    kind: 'contact',
    title: '走访网格内独居老人',
    content: '走访独居老人，了解助餐需求，老人留下联系电话13900001111请代表转达社区',
    place: '莘庄镇莘松一村',
    day: '2026-03-01',
    participants: [{ deputyId: me.id, attendance: 'present' }],
  });
  expect(r.statusCode, r.body).toBe(201);
  await runner.drain();
});

describe('履职日志 (public): factual, allow-listed, nothing about citizens, no points', () => {
  it('lists confirmed activities, suggestions and reports of the year', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/public/deputies/${me.code}/log?year=2026` });
    expect(r.statusCode, r.body).toBe(200);
    const log = r.json();
    expect(log.deputy.code).toBe(me.code);
    const visit = log.activities.find((a: { title: string }) => a.title === '走访网格内独居老人');
    expect(visit).toMatchObject({ kindName: '联系选民', day: '2026-03-01', place: '莘庄镇莘松一村' });
    expect(visit.content).not.toContain('13900001111');
    expect(log.activities.length).toBeGreaterThan(1);
    for (const s of log.suggestions) if (!s.published) expect(s.answerCategory).toBeNull();
  });

  it('the response carries no phone, no citizen name or address, no points or ranks', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/public/deputies/${me.code}/log?year=2026` });
    expect(r.statusCode, r.body).toBe(200);
    const text = r.body;
    // A mobile number standing alone (not digits inside an id such as a UUID).
    expect(text).not.toMatch(/(?<![0-9A-Za-z-])1[3-9]\d{9}(?![0-9A-Za-z])/);
    expect(text).not.toContain(me.phone);
    expect(text).not.toMatch(/"(points|score|total|rank|formula|phone\w*|accountId|deputyId)"/);
    const citizenData = new Set<string>();
    for (const o of await db.select().from(opinions).where(isNotNull(opinions.contactNameEnc)))
      citizenData.add(ctx.vault.decrypt(o.contactNameEnc!));
    for (const o of await db.select().from(opinions).where(isNotNull(opinions.addressEnc)))
      citizenData.add(ctx.vault.decrypt(o.addressEnc!));
    for (const b of await db.select().from(bookings)) citizenData.add(ctx.vault.decrypt(b.nameEnc));
    for (const a of await db.select().from(accounts).where(eq(accounts.kind, 'citizen')))
      if (a.phoneEnc) citizenData.add(ctx.vault.decrypt(a.phoneEnc));
    expect(citizenData.size).toBeGreaterThan(0);
    for (const v of citizenData) if ([...v].length >= 2) expect(text, v).not.toContain(v);
  });

  it('an unknown or inactive deputy has no log', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/public/deputies/ZZZZ9999/log' });
    expect(r.statusCode).toBe(404);
  });
});
