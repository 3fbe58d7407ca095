import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../../test/harness';
import { accounts } from '../../modules/accounts/accounts.schema';
import { notifications, outbox } from '../db/kernel.schema';
import { emit } from '../events';
import { notify } from '../notifications/notify';
import { dispatchOutbox } from './outbox';

const env = await startTestServer();
const { ctx, clock, database } = env;
const { db } = database;
const REGION = '310112';

async function emitEvent(topic: string, payload: Record<string, unknown> = {}): Promise<string> {
  return db.transaction((tx) => emit(tx, clock.now(), { regionCode: REGION, topic, payload }));
}

async function row(id: string) {
  const [r] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.regionCode, REGION), eq(outbox.id, id)));
  return r!;
}

// The demo seed leaves its own events pending: handle them first, so each test sees only its own.
beforeAll(async () => {
  while ((await dispatchOutbox(ctx, 500)) > 0);
});

describe('outbox dispatch', () => {
  it('retries a throwing subscriber with exponential backoff and parks the event as dead after 10 attempts', async () => {
    clock.set('2026-05-11T09:00:00+08:00');
    let calls = 0;
    ctx.events.subscribe('boom.always', 'always-fails', async () => {
      calls++;
      throw new Error('下游服务不可用');
    });
    const id = await emitEvent('boom.always');

    const attemptedAt = [clock.now().getTime()];
    await dispatchOutbox(ctx);
    expect(calls).toBe(1);
    let r = await row(id);
    expect(r).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: '下游服务不可用',
      processedAt: null,
    });

    // Not retried before the backoff has passed.
    clock.advance({ seconds: 9 });
    await dispatchOutbox(ctx);
    expect(calls).toBe(1);

    while (r.status === 'pending') {
      clock.set(r.availableAt);
      await dispatchOutbox(ctx);
      attemptedAt.push(clock.now().getTime());
      r = await row(id);
    }
    const gaps = attemptedAt.slice(1).map((t, i) => t - attemptedAt[i]!);
    // 5 s × 2^attempts between attempts: 10 s, 20 s, … 2 560 s.
    expect(gaps).toEqual([10, 20, 40, 80, 160, 320, 640, 1280, 2560].map((s) => s * 1000));
    expect(calls).toBe(10);
    expect(r).toMatchObject({ status: 'dead', attempts: 10, lastError: '下游服务不可用' });

    // A dead event stays dead.
    clock.advance({ days: 30 });
    await dispatchOutbox(ctx);
    expect(calls).toBe(10);
    expect((await row(id)).status).toBe('dead');
  });

  it('keeps processing other events while one of them fails', async () => {
    clock.set('2026-05-12T09:00:00+08:00');
    const seen: string[] = [];
    ctx.events.subscribe('boom.once', 'fails', async () => {
      throw new Error('暂时失败');
    });
    ctx.events.subscribe('fine.*', 'records', async (e) => {
      seen.push(String(e.payload.n));
    });
    const bad = await emitEvent('boom.once');
    const good1 = await emitEvent('fine.one', { n: 1 });
    const good2 = await emitEvent('fine.two', { n: 2 });

    await dispatchOutbox(ctx);
    // Events of the same millisecond have no defined order (uuidv7 ends in random bits).
    expect(seen.sort()).toEqual(['1', '2']);
    expect(await row(good1)).toMatchObject({ status: 'done', attempts: 1, processedAt: clock.now() });
    expect(await row(good2)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await row(bad)).toMatchObject({ status: 'pending', attempts: 1 });

    // Done events are not delivered again.
    clock.advance({ minutes: 5 });
    await dispatchOutbox(ctx);
    expect(seen).toHaveLength(2);
  });

  it('commits a subscriber’s writes together with the acknowledgement, and rolls them back when a later subscriber fails', async () => {
    clock.set('2026-05-13T09:00:00+08:00');
    const [district] = await db.select().from(accounts).where(eq(accounts.username, 'district'));
    let failSecond = true;
    ctx.events.subscribe('pair.happened', 'writes-notice', async (e, tx) => {
      await notify(tx, ctx, e.regionCode, { channel: 'inapp', accountId: district!.id }, 'system.message', {
        title: '测试',
        body: String(e.payload.text),
      });
    });
    ctx.events.subscribe('pair.happened', 'fails-first', async () => {
      if (failSecond) throw new Error('第二个订阅者失败');
    });
    const id = await emitEvent('pair.happened', { text: '订阅者写入的消息' });
    const notices = () =>
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.accountId, district!.id), eq(notifications.body, '订阅者写入的消息')));

    await dispatchOutbox(ctx);
    expect(await notices()).toEqual([]);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1 });

    failSecond = false;
    clock.advance({ seconds: 11 });
    await dispatchOutbox(ctx);
    expect(await notices()).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'done', attempts: 2 });
  });
});
