import { phonePattern } from '@lianxin/contracts';
import { and, asc, eq, ilike, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { maskPhone } from '../../kernel/crypto/pii';
import type { Executor } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import { findJurisdiction, findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { deputiesErrors } from './deputies.model';
import { deputies, observerDeputies, observers } from './deputies.schema';
import {
  codeInSubtree,
  contains,
  jurisdictionInScope,
  READ_ROLES,
  resolveScope,
  WRITE_ROLES,
} from './deputies.scope';

export const observerKinds = ['grid_worker', 'police', 'volunteer', 'lawyer', 'other'] as const;
export const observerKindLabels: Record<(typeof observerKinds)[number], string> = {
  grid_worker: '网格员',
  police: '社区民警',
  volunteer: '志愿者',
  lawyer: '律师',
  other: '其他',
};

export const observerInput = z.object({
  jurisdictionCode: z.string().regex(/^\d{2,15}$/, '请选择所属辖区'),
  name: z.string().trim().min(1, '请输入姓名').max(30, '姓名不超过 30 字'),
  kind: z.enum(observerKinds, { message: '请选择观察员类别' }),
  organisation: z.string().trim().max(100, '所在单位不超过 100 字').nullable().optional(),
  phone: z.string().trim().regex(phonePattern, '请输入正确的 11 位手机号码').nullable().optional(),
  status: z.enum(['active', 'inactive']).default('active'),
});
export type ObserverInput = z.infer<typeof observerInput>;

export async function listObservers(ctx: AppContext, actor: Actor, q: { scope?: string; q?: string }) {
  const { db } = ctx.database;
  const scope = await resolveScope(db, actor, READ_ROLES, q.scope);
  const rows = await db
    .select()
    .from(observers)
    .where(
      and(
        eq(observers.regionCode, actor.regionCode),
        codeInSubtree(observers.jurisdictionCode, scope.path),
        q.q ? ilike(observers.name, contains(q.q)) : undefined,
      ),
    )
    .orderBy(asc(observers.jurisdictionCode), asc(observers.name))
    .limit(500);
  const pairs = rows.length
    ? await db
        .select({ observerId: observerDeputies.observerId, id: deputies.id, name: deputies.name })
        .from(observerDeputies)
        .innerJoin(
          deputies,
          and(
            eq(deputies.regionCode, observerDeputies.regionCode),
            eq(deputies.id, observerDeputies.deputyId),
          ),
        )
        .where(
          and(
            eq(observerDeputies.regionCode, actor.regionCode),
            inArray(
              observerDeputies.observerId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  const names = await findJurisdictions(db, [...new Set(rows.map((r) => r.jurisdictionCode))]);
  return rows.map((o) => ({
    id: o.id,
    jurisdictionCode: o.jurisdictionCode,
    jurisdictionName: names.get(o.jurisdictionCode)?.name ?? o.jurisdictionCode,
    name: o.name,
    kind: o.kind,
    kindLabel: observerKindLabels[o.kind],
    organisation: o.organisation,
    phoneMasked: o.phoneEnc ? maskPhone(ctx.vault.decrypt(o.phoneEnc)) : null,
    status: o.status,
    deputies: pairs.filter((p) => p.observerId === o.id).map(({ id, name }) => ({ id, name })),
  }));
}

async function observerInScope(exec: Executor, actor: Actor, id: string) {
  const [o] = await exec
    .select()
    .from(observers)
    .where(and(eq(observers.regionCode, actor.regionCode), eq(observers.id, id)));
  if (!o) throw deputiesErrors.observer_not_found();
  const j = await findJurisdiction(exec, o.jurisdictionCode);
  assertCan(actor, WRITE_ROLES, j?.path ?? '');
  return o;
}

function fields(ctx: AppContext, input: ObserverInput) {
  return {
    jurisdictionCode: input.jurisdictionCode,
    name: input.name,
    kind: input.kind,
    organisation: input.organisation ?? null,
    status: input.status,
    ...(input.phone === undefined
      ? {}
      : input.phone === null
        ? { phoneEnc: null, phoneHash: null }
        : { phoneEnc: ctx.vault.encrypt(input.phone), phoneHash: ctx.vault.blindIndex(input.phone) }),
  };
}

export async function saveObserver(ctx: AppContext, actor: Actor, input: ObserverInput, id?: string) {
  const { db } = ctx.database;
  await jurisdictionInScope(db, actor, WRITE_ROLES, input.jurisdictionCode);
  if (id) await observerInScope(db, actor, id);
  const now = ctx.clock.now();
  const observerId = id ?? uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    if (id) {
      await tx
        .update(observers)
        .set(fields(ctx, input))
        .where(and(eq(observers.regionCode, actor.regionCode), eq(observers.id, id)));
    } else {
      await tx
        .insert(observers)
        .values({ ...fields(ctx, input), regionCode: actor.regionCode, id: observerId, createdAt: now });
    }
    await appendAudit(tx, actor, now, {
      action: id ? 'observers.update' : 'observers.create',
      targetType: 'observer',
      targetId: observerId,
      jurisdictionCode: input.jurisdictionCode,
      details: { name: input.name, kind: input.kind, status: input.status },
    });
  });
  return { id: observerId };
}

/** Replaces the deputies an observer is paired with; every deputy must be in the actor's scope. */
export async function pairObserver(ctx: AppContext, actor: Actor, id: string, deputyIds: string[]) {
  const { db } = ctx.database;
  const o = await observerInScope(db, actor, id);
  const ids = [...new Set(deputyIds)];
  const found = ids.length
    ? await db
        .select({ id: deputies.id, code: deputies.jurisdictionCode })
        .from(deputies)
        .where(and(eq(deputies.regionCode, actor.regionCode), inArray(deputies.id, ids)))
    : [];
  const paths = await findJurisdictions(
    db,
    found.map((f) => f.code),
  );
  for (const d of ids) {
    const f = found.find((x) => x.id === d);
    if (!f) throw deputiesErrors.not_found({ id: d });
    assertCan(actor, WRITE_ROLES, paths.get(f.code)?.path ?? '');
  }
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await tx
      .delete(observerDeputies)
      .where(and(eq(observerDeputies.regionCode, actor.regionCode), eq(observerDeputies.observerId, id)));
    if (ids.length) {
      await tx
        .insert(observerDeputies)
        .values(ids.map((deputyId) => ({ regionCode: actor.regionCode, observerId: id, deputyId })));
    }
    await appendAudit(tx, actor, now, {
      action: 'observers.pair',
      targetType: 'observer',
      targetId: id,
      jurisdictionCode: o.jurisdictionCode,
      details: { deputyIds: ids },
    });
  });
}
