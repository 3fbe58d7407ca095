import { and, arrayContains, asc, eq, ilike, inArray, ne, sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Executor, Tx } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import { resolveSetting } from '../../kernel/settings';
import { findJurisdiction, findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { stationDeputies, stations } from '../stations/stations.schema';
import {
  type DeputyInput,
  deputiesErrors,
  type ListQuery,
  professionalGroupsSetting,
  type statusChangeInput,
} from './deputies.model';
import { findDeputy, loadRelations, presentDeputy } from './deputies.repository';
import { deputies, deputyGrids, deputyMandates } from './deputies.schema';
import {
  codeInSubtree,
  congressCodeFor,
  contains,
  jurisdictionInScope,
  READ_ROLES,
  resolveScope,
  WRITE_ROLES,
} from './deputies.scope';

/** One page of the roster: a count, the page, then mandates/grids/stations in one query each. */
export async function listDeputies(ctx: AppContext, actor: Actor, q: ListQuery) {
  const { db } = ctx.database;
  const scope = await resolveScope(db, actor, READ_ROLES, q.scope);
  const where = and(
    eq(deputies.regionCode, actor.regionCode),
    codeInSubtree(deputies.jurisdictionCode, scope.path),
    q.status ? eq(deputies.status, q.status) : undefined,
    q.group ? arrayContains(deputies.professionalGroups, [q.group]) : undefined,
    q.tag ? arrayContains(deputies.expertise, [q.tag]) : undefined,
    q.q ? ilike(deputies.name, contains(q.q)) : undefined,
    q.level
      ? sql`exists (select 1 from ${deputyMandates} m where m.region_code = ${deputies.regionCode} and m.deputy_id = ${deputies.id} and m.level = ${q.level})`
      : undefined,
  );
  const [count] = await db.select({ n: sql<number>`count(*)` }).from(deputies).where(where);
  const rows = await db
    .select()
    .from(deputies)
    .where(where)
    .orderBy(asc(deputies.jurisdictionCode), asc(deputies.name), asc(deputies.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const rel = await loadRelations(
    db,
    actor.regionCode,
    rows.map((r) => r.id),
  );
  const names = await findJurisdictions(db, [...new Set(rows.map((r) => r.jurisdictionCode))]);
  return {
    total: Number(count?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((d) => presentDeputy(ctx, d, rel, names.get(d.jurisdictionCode)?.name)),
  };
}

async function loadInScope(exec: Executor, actor: Actor, id: string, roles = READ_ROLES) {
  const d = await findDeputy(exec, actor.regionCode, id);
  if (!d) throw deputiesErrors.not_found();
  const j = await findJurisdiction(exec, d.jurisdictionCode);
  assertCan(actor, roles, j?.path ?? '');
  return { d, j };
}

export async function getDeputy(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const { d, j } = await loadInScope(db, actor, id);
  const rel = await loadRelations(db, actor.regionCode, [d.id]);
  return presentDeputy(ctx, d, rel, j?.name);
}

/** Grids must be grid-level jurisdictions the actor covers; stations must exist in its scope. */
async function checkLinks(exec: Executor, actor: Actor, input: DeputyInput, path: string) {
  const grids = await findJurisdictions(exec, input.gridCodes);
  for (const code of input.gridCodes) {
    const g = grids.get(code);
    if (g?.level !== 'grid') throw deputiesErrors.invalid_grid({ code });
    assertCan(actor, WRITE_ROLES, g.path);
  }
  if (input.stationIds.length > 0) {
    const found = await exec
      .select({ id: stations.id, path: jurisdictions.path })
      .from(stations)
      .innerJoin(jurisdictions, eq(jurisdictions.code, stations.jurisdictionCode))
      .where(and(eq(stations.regionCode, actor.regionCode), inArray(stations.id, input.stationIds)));
    for (const id of input.stationIds) {
      const s = found.find((f) => f.id === id);
      if (!s) throw deputiesErrors.invalid_station({ id });
      assertCan(actor, WRITE_ROLES, s.path);
    }
  }
  const allowed = await resolveSetting(exec, actor.regionCode, path, professionalGroupsSetting);
  const bad = input.professionalGroups.filter((g) => !allowed.includes(g));
  if (bad.length > 0) throw deputiesErrors.invalid_group({ groups: bad, allowed });
}

async function assertPhoneFree(exec: Executor, regionCode: string, hash: string, exceptId?: string) {
  const [taken] = await exec
    .select({ id: deputies.id })
    .from(deputies)
    .where(
      and(
        eq(deputies.regionCode, regionCode),
        eq(deputies.phoneHash, hash),
        exceptId ? ne(deputies.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw deputiesErrors.phone_taken();
}

/** Replaces mandates, grids and stations of one deputy. */
async function writeLinks(tx: Tx, regionCode: string, id: string, input: DeputyInput, path: string) {
  const byDeputy = (t: typeof deputyMandates | typeof deputyGrids | typeof stationDeputies) =>
    and(eq(t.regionCode, regionCode), eq(t.deputyId, id));
  await tx.delete(deputyMandates).where(byDeputy(deputyMandates));
  await tx.delete(deputyGrids).where(byDeputy(deputyGrids));
  await tx.delete(stationDeputies).where(byDeputy(stationDeputies));
  await tx.insert(deputyMandates).values(
    input.mandates.map((m) => ({
      ...m,
      regionCode,
      id: uuidv7(),
      deputyId: id,
      congressJurisdictionCode: congressCodeFor(m.level, path),
    })),
  );
  if (input.gridCodes.length > 0) {
    await tx
      .insert(deputyGrids)
      .values([...new Set(input.gridCodes)].map((gridCode) => ({ regionCode, deputyId: id, gridCode })));
  }
  if (input.stationIds.length > 0) {
    await tx
      .insert(stationDeputies)
      .values([...new Set(input.stationIds)].map((stationId) => ({ regionCode, stationId, deputyId: id })));
  }
}

function profile(input: DeputyInput) {
  return {
    jurisdictionCode: input.jurisdictionCode,
    name: input.name,
    gender: input.gender,
    ethnicity: input.ethnicity,
    birthYear: input.birthYear ?? null,
    party: input.party ?? null,
    occupationCategory: input.occupationCategory ?? null,
    workplace: input.workplace ?? null,
    duties: input.duties ?? null,
    expertise: [...new Set(input.expertise)],
    professionalGroups: [...new Set(input.professionalGroups)],
    contactPrefs: input.contactPrefs,
  };
}

export async function createDeputy(ctx: AppContext, actor: Actor, input: DeputyInput) {
  const { db } = ctx.database;
  const j = await jurisdictionInScope(db, actor, WRITE_ROLES, input.jurisdictionCode);
  await checkLinks(db, actor, input, j.path);
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  await db.transaction(async (tx) => {
    const phone = input.phone ?? null;
    const phoneHash = phone ? ctx.vault.blindIndex(phone) : null;
    if (phoneHash) await assertPhoneFree(tx, actor.regionCode, phoneHash);
    await tx.insert(deputies).values({
      ...profile(input),
      regionCode: actor.regionCode,
      id,
      phoneEnc: phone ? ctx.vault.encrypt(phone) : null,
      phoneHash,
      createdAt: now,
      updatedAt: now,
    });
    await writeLinks(tx, actor.regionCode, id, input, j.path);
    await appendAudit(tx, actor, now, {
      action: 'deputies.create',
      targetType: 'deputy',
      targetId: id,
      jurisdictionCode: j.code,
      details: { name: input.name, levels: input.mandates.map((m) => m.level) },
    });
  });
  return getDeputy(ctx, actor, id);
}

export async function updateDeputy(ctx: AppContext, actor: Actor, id: string, input: DeputyInput) {
  const { db } = ctx.database;
  const { d } = await loadInScope(db, actor, id, WRITE_ROLES);
  const j = await jurisdictionInScope(db, actor, WRITE_ROLES, input.jurisdictionCode);
  await checkLinks(db, actor, input, j.path);
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const phoneChange =
      input.phone === undefined
        ? {}
        : input.phone === null
          ? { phoneEnc: null, phoneHash: null }
          : { phoneEnc: ctx.vault.encrypt(input.phone), phoneHash: ctx.vault.blindIndex(input.phone) };
    if (phoneChange.phoneHash) await assertPhoneFree(tx, actor.regionCode, phoneChange.phoneHash, id);
    await tx
      .update(deputies)
      .set({ ...profile(input), ...phoneChange, updatedAt: now })
      .where(and(eq(deputies.regionCode, actor.regionCode), eq(deputies.id, id)));
    await writeLinks(tx, actor.regionCode, id, input, j.path);
    await appendAudit(tx, actor, now, {
      action: 'deputies.update',
      targetType: 'deputy',
      targetId: id,
      jurisdictionCode: j.code,
      details: {
        fromJurisdiction: d.jurisdictionCode === j.code ? undefined : d.jurisdictionCode,
        phoneChanged: input.phone !== undefined,
        levels: input.mandates.map((m) => m.level),
      },
    });
  });
  return getDeputy(ctx, actor, id);
}

/** 在任/辞职/罢免/终止 with its date and reason; the audit keeps the before and after. */
export async function changeDeputyStatus(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: typeof statusChangeInput._output,
) {
  const { db } = ctx.database;
  const { d } = await loadInScope(db, actor, id, WRITE_ROLES);
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(deputies)
      .set({ status: input.status, statusChangedOn: input.date, statusReason: input.reason, updatedAt: now })
      .where(and(eq(deputies.regionCode, actor.regionCode), eq(deputies.id, id)));
    await appendAudit(tx, actor, now, {
      action: 'deputies.status',
      targetType: 'deputy',
      targetId: id,
      jurisdictionCode: d.jurisdictionCode,
      details: { before: d.status, after: input.status, date: input.date, reason: input.reason },
    });
  });
  return getDeputy(ctx, actor, id);
}
