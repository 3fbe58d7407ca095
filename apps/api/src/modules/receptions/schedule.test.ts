import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { notifications } from '../../kernel/db/kernel.schema';
import { accounts } from '../accounts/accounts.schema';
import { citizen, monthly10th, stationWithRule, xinzhuangStation } from './receptions.fixtures';
import { bookings } from './receptions.schema';

// The clock starts on Monday 2026-03-02 09:00 China time.
const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;
const [deputy1] = await db.select().from(accounts).where(eq(accounts.username, 'deputy1'));
const { station, deputyIds } = await xinzhuangStation(env);
const rota = [deputy1!.deputyId!, ...deputyIds.filter((d) => d !== deputy1!.deputyId).slice(0, 2)];
const { ruleId, staff } = await stationWithRule(env, rota);

describe('rules and the rota', () => {
  it('lists rules with a Chinese description and the rota by name', async () => {
    const res = await staff.get(`/api/receptions/rules?station=${station.id}`);
    expect(res.statusCode).toBe(200);
    const [rule] = res.json().items;
    expect(rule.description).toBe('每月10日（遇节假日顺延至下一个工作日）');
    expect(rule.rotaDeputies.map((d: { id: string }) => d.id)).toEqual(rota);
  });

  it('computes days with times, deputies in turn and slots', async () => {
    const res = await staff.get(`/api/receptions/days?station=${station.id}&from=2026-01-01&to=2026-06-30`);
    const days = res.json().items;
    // 01-10 is a Saturday → 01-12; 05-10 a Sunday → 05-11.
    expect(days.map((d: { day: string }) => d.day)).toEqual([
      '2026-01-12',
      '2026-02-10',
      '2026-03-10',
      '2026-04-10',
      '2026-05-11',
      '2026-06-10',
    ]);
    expect(days.map((d: { deputies: Array<{ id: string }> }) => d.deputies[0]!.id)).toEqual([
      ...rota,
      ...rota,
    ]);
    expect(days[0]).toMatchObject({
      startTime: '09:00',
      endTime: '11:30',
      capacity: 15,
      booked: 0,
      cancelled: false,
    });
    expect(days[0].slots).toHaveLength(5);
    expect(
      errorCode(await staff.get(`/api/receptions/days?station=${station.id}&from=2026-01-01&to=2027-06-30`)),
    ).toBe('receptions.range_too_long');
  });

  it('previews a rule being edited', async () => {
    const res = await staff.post('/api/receptions/rules/preview', {
      rule: { kind: 'nthWeekday', n: 3, weekday: 2 },
      holidayPolicy: 'next_working_day',
      validFrom: '2026-01-01',
      validTo: null,
    });
    expect(res.json().description).toBe('每月第三个星期二（遇节假日顺延至下一个工作日）');
    expect(
      res
        .json()
        .next.slice(0, 2)
        .map((d: { day: string }) => d.day),
    ).toEqual(['2026-03-17', '2026-04-21']);
  });

  it('validates rules in Chinese and scopes them to the station jurisdiction', async () => {
    const bad = await staff.post(`/api/receptions/stations/${station.id}/rules`, {
      ...monthly10th(rota),
      endTime: '08:00',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('结束时间应晚于开始时间');
    const unknown = await staff.post(`/api/receptions/stations/${station.id}/rules`, {
      ...monthly10th(['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b']),
    });
    expect(errorCode(unknown)).toBe('receptions.unknown_deputy');
    const qibao = await signedIn(app, 'qibao');
    expect(errorCode(await qibao.get(`/api/receptions/rules?station=${station.id}`))).toBe(
      'auth.out_of_scope',
    );
    expect(errorCode(await qibao.put(`/api/receptions/rules/${ruleId}`, monthly10th(rota)))).toBe(
      'auth.out_of_scope',
    );
    const district = await signedIn(app, 'district');
    expect((await district.get(`/api/receptions/rules?station=${station.id}`)).statusCode).toBe(200);
    const station1 = await signedIn(app, 'station1');
    expect((await station1.get(`/api/receptions/rules?station=${station.id}`)).statusCode).toBe(200);
    const deputy = await signedIn(app, 'deputy1');
    expect(errorCode(await deputy.get(`/api/receptions/rules?station=${station.id}`))).toBe('auth.forbidden');
    const picker = (await staff.get('/api/receptions/stations')).json().items;
    expect(picker.map((s: { id: string }) => s.id)).toContain(station.id);
    expect(
      picker.every((s: { jurisdictionCode: string }) => s.jurisdictionCode.startsWith('310112101')),
    ).toBe(true);
  });
});

describe('day overrides', () => {
  it('puts other deputies on duty for one day', async () => {
    const res = await staff.put('/api/receptions/overrides', {
      ruleId,
      day: '2026-04-10',
      deputyIds: [rota[2]],
      note: '代表调班',
    });
    expect(res.statusCode).toBe(200);
    const days = (
      await staff.get(`/api/receptions/days?station=${station.id}&from=2026-04-01&to=2026-05-31`)
    ).json().items;
    expect(days[0]).toMatchObject({ overridden: true, note: '代表调班' });
    expect(days[0].deputies.map((d: { id: string }) => d.id)).toEqual([rota[2]]);
    // The rota of the other days does not shift.
    expect(days[1].deputies[0].id).toBe(rota[1]);
    expect(
      errorCode(await staff.put('/api/receptions/overrides', { ruleId, day: '2026-04-11', cancelled: true })),
    ).toBe('receptions.not_a_reception_day');
  });

  it('cancelling a day cancels its bookings, frees seats and texts the citizens', async () => {
    const c = await citizen(env, '13700001111');
    const booked = await c.post('/api/public/bookings', {
      stationCode: station.publicCode,
      day: '2026-03-10',
      slotStart: '10:00',
      topic: '道路积水',
      name: '王五',
    });
    expect(booked.statusCode).toBe(201);
    const res = await staff.put('/api/receptions/overrides', {
      ruleId,
      day: '2026-03-10',
      cancelled: true,
      note: '场地检修',
    });
    expect(res.json()).toEqual({ cancelledBookings: 1 });
    const [b] = await db.select().from(bookings).where(eq(bookings.id, booked.json().id));
    expect(b!.status).toBe('cancelled');
    const sms = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.template, 'receptions.day_cancelled')));
    expect(sms).toHaveLength(1);
    const pub = (
      await new Client(app).get(`/api/public/stations/${station.publicCode}/reception-days`)
    ).json();
    expect(pub.days.map((d: { day: string }) => d.day)).toEqual(['2026-04-10']);
    expect(
      errorCode(
        await c.post('/api/public/bookings', {
          stationCode: station.publicCode,
          day: '2026-03-10',
          slotStart: '10:00',
          topic: '道路积水',
          name: '王五',
        }),
      ),
    ).toBe('receptions.day_cancelled');
    // A rule with bookings is kept for the record.
    expect(errorCode(await staff.request('DELETE', `/api/receptions/rules/${ruleId}`))).toBe(
      'receptions.rule_in_use',
    );
  });
});

describe('deputy workbench', () => {
  it('shows my mandates, stations and reception days with masked bookings', async () => {
    const c = await citizen(env, '13700002222');
    await c.post('/api/public/bookings', {
      stationCode: station.publicCode,
      day: '2026-04-10',
      slotStart: '09:00',
      topic: '菜场噪音',
      name: '赵六',
    });
    // deputy1 is first on the rota: 01-12, 04-10 (overridden to someone else), 06-10 … none in 60 days
    // except by override; put deputy1 on 04-10 alongside.
    await staff.put('/api/receptions/overrides', {
      ruleId,
      day: '2026-04-10',
      deputyIds: [rota[0], rota[2]],
    });
    const deputy = await signedIn(app, 'deputy1');
    const res = await deputy.get('/api/workbench/me');
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.deputy.id).toBe(rota[0]);
    expect(me.mandates.length).toBeGreaterThan(0);
    expect(me.mandates[0].levelLabel).toMatch(/人大代表|议政代表/);
    expect(me.receptionDays.map((d: { day: string }) => d.day)).toEqual(['2026-04-10']);
    const day = me.receptionDays[0];
    expect(day.stationName).toBe(station.name);
    expect(day.coDeputies).toHaveLength(1);
    expect(day.bookings).toEqual([
      expect.objectContaining({ nameMasked: '赵*', topic: '菜场噪音', slotStart: '09:00' }),
    ]);
    expect(res.body).not.toContain('13700002222');
    expect(errorCode(await staff.get('/api/workbench/me'))).toBe('auth.forbidden');
  });
});
