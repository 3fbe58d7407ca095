import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog, notifications, smsOutbox } from '../../kernel/db/kernel.schema';
import { citizen, stationWithRule } from './receptions.fixtures';
import { bookingSlots, bookings } from './receptions.schema';

// The clock starts on Monday 2026-03-02 09:00 China time; the rule gives Tuesday 2026-03-10.
const env = await startTestServer();
const { app, ctx, clock } = env;
const { db } = ctx.database;
const DAY = '2026-03-10';
let code: string;
let stationId: string;
let staff: Client;
const seen: string[] = [];
const phones: string[] = [];

async function book(c: Client, slotStart: string, name = '张三') {
  const res = await c.post('/api/public/bookings', {
    stationCode: code,
    day: DAY,
    slotStart,
    topic: '小区加装电梯',
    name,
  });
  seen.push(res.body);
  return res;
}

let n = 0;
async function newCitizen() {
  const phone = `139${String(10_000_000 + n++).padStart(8, '0')}`;
  phones.push(phone);
  return citizen(env, phone);
}

beforeAll(async () => {
  const s = await stationWithRule(env);
  code = s.station.publicCode;
  stationId = s.station.id;
  staff = s.staff;
});

describe('public reception days', () => {
  it('lists upcoming days with deputies by name only and remaining seats', async () => {
    const res = await new Client(app).get(`/api/public/stations/${code}/reception-days`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.horizonDays).toBe(60);
    expect(body.days.map((d: { day: string }) => d.day)).toEqual(['2026-03-10', '2026-04-10']);
    const first = body.days[0];
    expect(first.deputies).toHaveLength(1);
    expect(Object.keys(first.deputies[0])).toEqual(['name']);
    expect(first.slots.map((s: { start: string }) => s.start)).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
    ]);
    expect(first.slots[0]).toEqual({ start: '09:00', end: '09:30', capacity: 3, remaining: 3 });
    expect(errorCode(await new Client(app).get('/api/public/stations/nosuchcode/reception-days'))).toBe(
      'receptions.station_not_found',
    );
  });
});

describe('booking', () => {
  it('books a slot with a 6-digit code, texts it, audits, and allows one booking per day', async () => {
    const c = await newCitizen();
    const res = await book(c, '09:00');
    expect(res.statusCode).toBe(201);
    expect(res.json().checkInCode).toMatch(/^\d{6}$/);
    const sms = await db.select().from(notifications).where(eq(notifications.template, 'receptions.booked'));
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain(res.json().checkInCode);
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'receptions.booked'));
    expect(audit).toHaveLength(1);
    expect(errorCode(await book(c, '10:00'))).toBe('receptions.already_booked');
    // Stored encrypted: no plaintext name or phone in the row.
    const [row] = await db.select().from(bookings).where(eq(bookings.id, res.json().id));
    expect(JSON.stringify(row)).not.toContain(phones[0]);
    expect(JSON.stringify(row)).not.toContain('张三');
    const mine = (await c.get('/api/public/bookings/mine')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ day: DAY, slotStart: '09:00', status: 'booked', canCancel: true });
  });

  it('refuses staff accounts, bad slots, days that are not reception days and days beyond the horizon', async () => {
    expect(errorCode(await book(staff, '09:00'))).toBe('auth.forbidden');
    const c = await newCitizen();
    expect(errorCode(await book(c, '09:15'))).toBe('receptions.slot_not_found');
    const notDay = await c.post('/api/public/bookings', {
      stationCode: code,
      day: '2026-03-11',
      slotStart: '09:00',
      topic: '事项内容',
      name: '李四',
    });
    expect(errorCode(notDay)).toBe('receptions.not_a_reception_day');
    const far = await c.post('/api/public/bookings', {
      stationCode: code,
      day: '2026-06-10',
      slotStart: '09:00',
      topic: '事项内容',
      name: '李四',
    });
    expect(errorCode(far)).toBe('receptions.outside_window');
    const anonymous = await new Client(app).post('/api/public/bookings', {});
    expect(anonymous.statusCode).toBe(401);
  });

  it('never oversells a slot under concurrent bookings', async () => {
    const clients = await Promise.all(Array.from({ length: 10 }, () => newCitizen()));
    const results = await Promise.all(clients.map((c) => book(c, '09:30')));
    const ok = results.filter((r) => r.statusCode === 201);
    expect(ok).toHaveLength(3);
    expect(results.filter((r) => errorCode(r) === 'receptions.slot_full')).toHaveLength(7);
    const [slot] = await db
      .select()
      .from(bookingSlots)
      .where(
        and(
          eq(bookingSlots.stationId, stationId),
          eq(bookingSlots.day, DAY),
          eq(bookingSlots.slotStart, '09:30'),
        ),
      );
    expect(slot).toMatchObject({ capacity: 3, booked: 3 });
    const codes = ok.map((r) => r.json().checkInCode);
    expect(new Set(codes).size).toBe(3);
  });

  it('cancellation by the citizen frees the seat', async () => {
    const [first] = await db
      .select()
      .from(bookings)
      .where(and(eq(bookings.day, DAY), eq(bookings.slotStart, '09:30')));
    const owner = await db.select().from(bookings).where(eq(bookings.id, first!.id));
    const other = await newCitizen();
    expect(errorCode(await other.post(`/api/public/bookings/${owner[0]!.id}/cancel`))).toBe(
      'receptions.booking_not_found',
    );
    expect(errorCode(await book(other, '09:30'))).toBe('receptions.slot_full');
    // Sign in as the owner: find the client by account (the fixture made a session per citizen).
    const ownerClient = await clientOf(owner[0]!.accountId!);
    expect((await ownerClient.post(`/api/public/bookings/${first!.id}/cancel`)).statusCode).toBe(200);
    expect(errorCode(await ownerClient.post(`/api/public/bookings/${first!.id}/cancel`))).toBe(
      'receptions.not_cancellable',
    );
    expect((await book(other, '09:30')).statusCode).toBe(201);
    const pub = (await new Client(app).get(`/api/public/stations/${code}/reception-days`)).json();
    expect(pub.days[0].slots[1].remaining).toBe(0);
  });
});

/** A fresh session for an existing citizen account. */
async function clientOf(accountId: string): Promise<Client> {
  const { accounts } = await import('../accounts/accounts.schema');
  const { createSession } = await import('../accounts/sessions');
  const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  const s = await createSession(ctx, db, a!, '10.0.0.8');
  const c = new Client(app, '10.0.0.8');
  c.cookies.set('lx_sid', s.token);
  c.cookies.set('lx_csrf', s.csrfToken);
  c.csrf = s.csrfToken;
  return c;
}

describe('staff day view, check-in, reminders and no-shows', () => {
  it('shows the day bookings masked; reveal is audited', async () => {
    const res = await staff.get(`/api/receptions/bookings?station=${stationId}&day=${DAY}`);
    expect(res.statusCode).toBe(200);
    seen.push(res.body);
    const items = res.json().items;
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items[0]).toMatchObject({ nameMasked: '张*', slotStart: '09:00', status: 'booked' });
    expect(items[0].phoneMasked).toMatch(/^139\*{4}\d{4}$/);
    const qibao = await signedIn(app, 'qibao');
    expect(errorCode(await qibao.get(`/api/receptions/bookings?station=${stationId}&day=${DAY}`))).toBe(
      'auth.out_of_scope',
    );
    const reveal = await staff.post(`/api/receptions/bookings/${items[0].id}/reveal`, {
      purpose: '电话确认到访',
    });
    expect(reveal.json()).toEqual({ name: '张三', phone: phones[0] });
    const views = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'pii.view'), eq(auditLog.targetId, items[0].id)));
    expect(views).toHaveLength(2);
  });

  it('sends the reminder exactly once the day before, none for cancelled bookings', async () => {
    const cancelled = await db.select().from(bookings).where(eq(bookings.status, 'cancelled'));
    expect(cancelled).toHaveLength(1);
    clock.set('2026-03-09T08:59:00+08:00');
    await env.server.runner.drain();
    expect(
      await db.select().from(notifications).where(eq(notifications.template, 'receptions.reminder')),
    ).toHaveLength(0);
    clock.set('2026-03-09T09:00:01+08:00');
    await env.server.runner.drain();
    await env.server.runner.drain();
    const reminders = await db
      .select()
      .from(notifications)
      .where(eq(notifications.template, 'receptions.reminder'));
    const active = await db.select().from(bookings).where(eq(bookings.status, 'booked'));
    expect(reminders).toHaveLength(active.length);
    expect(new Set(reminders.map((r) => r.dedupeKey))).toEqual(
      new Set(active.map((b) => `receptions.reminder:${b.id}`)),
    );
    const cancelledPhone = ctx.vault.decrypt(cancelled[0]!.phoneEnc);
    const outbox = await db.select().from(smsOutbox);
    const reminderTexts = outbox.filter((m) => m.body.includes('提醒'));
    expect(reminderTexts).toHaveLength(active.length);
    expect(reminderTexts.map((m) => ctx.vault.decrypt(m.phoneEnc))).not.toContain(cancelledPhone);
  });

  it('checks in by code, once, within scope', async () => {
    clock.set('2026-03-10T09:05:00+08:00');
    staff = await signedIn(app, 'xinzhuang'); // the old session idled out while the clock moved
    const [b] = await db
      .select()
      .from(bookings)
      .where(and(eq(bookings.slotStart, '09:00'), eq(bookings.status, 'booked')));
    const body = { station: stationId, day: DAY, code: b!.checkInCode };
    const res = await staff.post('/api/receptions/check-in', body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'checked_in', nameMasked: '张*' });
    seen.push(res.body);
    expect(errorCode(await staff.post('/api/receptions/check-in', body))).toBe('receptions.not_checkable');
    const wrong = b!.checkInCode === '000000' ? '000001' : '000000';
    expect(errorCode(await staff.post('/api/receptions/check-in', { ...body, code: wrong }))).toBe(
      'receptions.code_invalid',
    );
    const qibao = await signedIn(app, 'qibao');
    expect(errorCode(await qibao.post('/api/receptions/check-in', body))).toBe('auth.out_of_scope');
  });

  it('marks no-shows by hand and at the end of the day', async () => {
    const [one] = await db
      .select()
      .from(bookings)
      .where(and(eq(bookings.slotStart, '09:30'), eq(bookings.status, 'booked')));
    const manual = await staff.post(`/api/receptions/bookings/${one!.id}/no-show`);
    expect(manual.json().status).toBe('no_show');
    expect(errorCode(await staff.post(`/api/receptions/bookings/${one!.id}/no-show`))).toBe(
      'receptions.not_checkable',
    );
    clock.set('2026-03-11T00:00:01+08:00');
    await env.server.runner.drain();
    const rows = await db.select().from(bookings).where(eq(bookings.day, DAY));
    const byStatus = (s: string) => rows.filter((r) => r.status === s).length;
    expect(byStatus('booked')).toBe(0);
    expect(byStatus('checked_in')).toBe(1);
    expect(byStatus('cancelled')).toBe(1);
    expect(byStatus('no_show')).toBe(rows.length - 2);
  });

  it('never puts a citizen phone number in plaintext in a response', () => {
    expect(phones.length).toBeGreaterThan(10);
    const all = seen.join('\n');
    for (const p of phones) expect(all).not.toContain(p);
  });
});
