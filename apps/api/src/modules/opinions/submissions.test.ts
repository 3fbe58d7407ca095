import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signedIn, startTestServer } from '../../../test/harness';
import type { Actor } from '../../kernel/auth/actor';
import { cases } from '../../kernel/db/kernel.schema';
import { accounts } from '../accounts/accounts.schema';
import { deputies } from '../deputies/deputies.schema';
import { citizen } from '../receptions/receptions.fixtures';
import { deputy1 } from './opinions.fixtures';
import { opinionSubmissions, opinions } from './opinions.schema';
import { filePendingSubmissions, type SubmissionRow, SubmissionWriter, submitOpinion } from './submissions';

// Production mode: accept in one statement, file in the background.
const env = await startTestServer({ env: { INTAKE_MODE: 'queued' } });
const { app, ctx, clock } = env;
const { db } = ctx.database;

const form = {
  title: '春申路人行道护栏损坏',
  description: '春申路近莘松路口人行道护栏被撞坏，断口锋利，行人经过有危险，请尽快修复。',
  areaCode: '310112101',
};
const followPath = (url: string) => {
  const u = new URL(url, 'http://x');
  return `/api/public/opinions/follow/${u.pathname.split('/').pop()}?k=${u.searchParams.get('k')}`;
};
const citizenActor = async (phone: string) => {
  const client = await citizen(env, phone);
  const [a] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.kind, 'citizen'), eq(accounts.phoneHash, ctx.vault.blindIndex(phone))));
  const actor: Actor = { kind: 'citizen', accountId: a!.id, regionCode: '310112', label: '群众', grants: [] };
  return { client, actor };
};

describe('queued portal intake (accept first, file after)', () => {
  it('answers with the tracking number at once; the background filer opens the case as of the submission', async () => {
    const me = await citizen(env, '13900008001');
    const res = await me.post('/api/public/opinions', { ...form, idempotencyKey: 'queued-1' });
    expect(res.statusCode, res.body).toBe(201);
    const { id, trackingNo, followUrl } = res.json();
    expect(trackingNo).toMatch(/^MY20260302\d{6}$/);
    // The follow link works whether or not it has been filed yet.
    expect((await app.inject({ url: followPath(followUrl) })).statusCode).toBe(200);
    // A retry (network error on the phone) returns the same submission.
    const again = await me.post('/api/public/opinions', { ...form, idempotencyKey: 'queued-1' });
    expect(again.json()).toMatchObject({ id, trackingNo, replayed: true });
    await expect
      .poll(async () => (await db.select().from(cases).where(eq(cases.id, id))).length, { timeout: 10_000 })
      .toBe(1);
    const [c] = await db.select().from(cases).where(eq(cases.id, id));
    const [s] = await db.select().from(opinionSubmissions).where(eq(opinionSubmissions.id, id));
    expect(c!.trackingNo).toBe(trackingNo);
    expect(c!.openedAt.toISOString()).toBe(s!.submittedAt.toISOString());
    expect(s!.status).toBe('filed');
    // Staff see it in the queue; the citizen's follow page shows the real case now.
    const district = await signedIn(app, 'district');
    expect((await district.get(`/api/opinions/${id}`)).json().state).toBe('submitted');
    expect((await app.inject({ url: followPath(followUrl) })).json().stateLabel).toBe('待受理');
    // Nothing of the form is stored in the clear while it waits.
    expect(s!.payloadEnc).not.toContain('护栏');
  });

  it('a pending submission shows as 已提交，正在登记 (follow link and 我的) until the poller files it', async () => {
    const { client, actor } = await citizenActor('13900008002');
    const r = await submitOpinion(ctx, actor, { ...form, title: '莘松路井盖缺失' }, { kick: false });
    const follow = await app.inject({ url: followPath(r.followUrl) });
    expect(follow.statusCode, follow.body).toBe(200);
    expect(follow.json()).toMatchObject({ trackingNo: r.trackingNo, stateLabel: '已提交，正在登记' });
    const mine = (await client.get('/api/public/opinions/mine')).json().items;
    expect(mine.map((i: { trackingNo: string }) => i.trackingNo)).toContain(r.trackingNo);
    // A wrong secret still learns nothing.
    expect(
      (await app.inject({ url: `/api/public/opinions/follow/${r.trackingNo}?k=AAAAAAAAAAAAAAAAAAAAAAAA` }))
        .statusCode,
    ).toBe(404);
    clock.advance({ minutes: 2 });
    expect(await filePendingSubmissions(ctx)).toBeGreaterThanOrEqual(1);
    expect((await db.select().from(cases).where(eq(cases.id, r.id))).length).toBe(1);
  });

  it('a code that stopped resolving before filing does not lose the opinion: filed without it', async () => {
    const { actor } = await citizenActor('13900008003');
    const deputy = await deputy1(env);
    const r = await submitOpinion(ctx, actor, { ...form, deputyCode: deputy.code }, { kick: false });
    await db.update(deputies).set({ status: 'resigned' }).where(eq(deputies.id, deputy.id));
    try {
      clock.advance({ minutes: 2 });
      await filePendingSubmissions(ctx);
      const [o] = await db
        .select()
        .from(opinions)
        .where(and(eq(opinions.regionCode, '310112'), eq(opinions.caseId, r.id)));
      expect(o).toMatchObject({ channel: 'qr_deputy', deputyId: null });
    } finally {
      await db.update(deputies).set({ status: 'active' }).where(eq(deputies.id, deputy.id));
    }
  });

  it('a burst goes in batched statements: every submission committed with its own number, retries within the burst replayed, a key taken by another citizen refused', async () => {
    const a = await citizenActor('13900008004');
    const b = await citizenActor('13900008005');
    const send = (who: typeof a, i: number, key?: string) =>
      submitOpinion(
        ctx,
        who.actor,
        { ...form, title: `护栏损坏第${i}次`, idempotencyKey: key ?? `burst-${who.actor.accountId}-${i}` },
        { kick: false },
      ).then(
        (r) => ({ ok: true as const, r }),
        (err: { code?: string }) => ({ ok: false as const, code: err.code }),
      );
    // 40 submissions in one turn of the event loop; #7 is sent three times (a phone retrying), and
    // citizen b reuses a's key of #3 at the same moment.
    const burst = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => send(a, i)),
      send(a, 7),
      send(a, 7),
      send(b, 99, `burst-${a.actor.accountId}-3`),
    ]);
    const firsts = burst.slice(0, 40);
    expect(firsts.every((x) => x.ok)).toBe(true);
    const numbers = firsts.map((x) => (x.ok ? x.r.trackingNo : ''));
    expect(new Set(numbers).size).toBe(40);
    const [retry1, retry2, foreign] = burst.slice(40);
    const seventh = firsts[7]!.ok ? firsts[7]!.r : undefined;
    for (const r of [retry1, retry2]) {
      expect(r!.ok && r!.r).toMatchObject({ id: seventh!.id, trackingNo: seventh!.trackingNo });
    }
    // Of the three sends of #7 exactly one created it; which one depends on the order in the batch.
    expect([firsts[7], retry1, retry2].filter((x) => x!.ok && !x!.r.replayed)).toHaveLength(1);
    expect(foreign).toMatchObject({ ok: false, code: 'opinions.idempotency_conflict' });
    const stored = await db
      .select({ id: opinionSubmissions.id, no: opinionSubmissions.trackingNo })
      .from(opinionSubmissions)
      .where(eq(opinionSubmissions.accountId, a.actor.accountId!));
    expect(stored.map((s) => s.no).sort()).toEqual([...numbers].sort());
  });

  it('a batch the database refuses is retried row by row: only the bad row fails, the others are written', async () => {
    const statements: string[][] = [];
    const writer = new SubmissionWriter(async (rows) => {
      statements.push(rows.map((r) => r.id));
      if (rows.some((r) => r.id === 'bad')) throw new Error('refused');
      return new Map(rows.filter((r) => r.id !== 'taken').map((r) => [r.id, r.trackingNo]));
    });
    const row = (id: string): SubmissionRow => ({
      regionCode: '310112',
      id,
      trackingNo: `MY-${id}`,
      accountId: 'a',
      idempotencyKey: id,
      payloadEnc: 'x',
      submittedAt: new Date(),
    });
    const out = await Promise.allSettled(['a', 'bad', 'taken', 'b'].map((id) => writer.write(row(id))));
    expect(out.map((o) => (o.status === 'fulfilled' ? o.value : 'error'))).toEqual([
      'MY-a',
      'error',
      null,
      'MY-b',
    ]);
    // One statement for the four, then one per row.
    expect(statements).toEqual([['a', 'bad', 'taken', 'b'], ['a'], ['bad'], ['taken'], ['b']]);
    // The writer goes on afterwards.
    expect(await writer.write(row('c'))).toBe('MY-c');
  });
});
