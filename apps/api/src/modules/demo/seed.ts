import { sql } from 'drizzle-orm';
import { appendAudit } from '../../kernel/audit/audit';
import { systemActor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { hashPassword } from '../../kernel/crypto/password';
import type { Executor } from '../../kernel/db/client';
import { inTransaction } from '../../kernel/db/tx';
import { uuidv7 } from '../../kernel/ids';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { seedVoterReportsDemo } from '../activities/activities.demo';
import { seedActivitiesDemo } from '../activities/activities.demo-activities';
import { congresses, departments } from '../congresses/congresses.schema';
import { seedDeputiesDemo } from '../deputies/deputies.demo';
import { deputies, deputyMandates } from '../deputies/deputies.schema';
import { seedIntegrationsDemo } from '../integrations/integrations.demo';
import { forgetJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { seedMediationDemo } from '../mediation/mediation.demo';
import { seedOpinionsDemo } from '../opinions/opinions.demo';
import { seedReceptionsDemo } from '../receptions/receptions.demo';
import { seedStationsDemo } from '../stations/stations.demo';
import { stationDeputies, stations } from '../stations/stations.schema';
import { seedSuggestionsDemo } from '../suggestions/suggestions.demo';
import { type DemoRegion, generateDemoRegion } from './generate';

/** Inserts in chunks: PostgreSQL takes at most 65,535 parameters per statement. */
async function insertChunked<T extends Record<string, unknown>>(
  exec: Executor,
  table: Parameters<Executor['insert']>[0],
  rows: T[],
  size = 500,
) {
  for (let i = 0; i < rows.length; i += size) {
    await exec.insert(table).values(rows.slice(i, i + size) as never);
  }
}

function buildPaths(region: DemoRegion): Map<string, string> {
  const paths = new Map<string, string>();
  for (const j of region.jurisdictions) {
    const parent = j.parentCode ? paths.get(j.parentCode) : '/';
    if (parent === undefined) throw new Error(`demo jurisdiction ${j.code} comes before its parent`);
    paths.set(j.code, `${parent}${j.code}/`);
  }
  return paths;
}

export async function isSeeded(exec: Executor, regionCode: string): Promise<boolean> {
  const rows = await exec
    .select({ n: sql<number>`count(*)` })
    .from(jurisdictions)
    .where(sql`${jurisdictions.code} = ${regionCode}`);
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Loads the deterministic demo district: jurisdictions, congresses, departments, deputies (phones
 * encrypted), stations and the documented demo accounts. One transaction: all or nothing.
 */
export async function seedDemoRegion(ctx: AppContext, exec: Executor = ctx.database.db): Promise<DemoRegion> {
  const region = await generateDemoRegion({ regionCode: ctx.config.REGION_CODE });
  const rc = region.regionCode;
  const now = ctx.clock.now();
  const paths = buildPaths(region);
  const depth = (code: string) => paths.get(code)!.split('/').filter(Boolean).length - 1;
  const passwordHashes = new Map<string, string>();
  for (const s of region.staff) {
    if (!passwordHashes.has(s.password)) passwordHashes.set(s.password, await hashPassword(s.password));
  }

  await inTransaction(exec, async (tx) => {
    await insertChunked(
      tx,
      jurisdictions,
      region.jurisdictions.map((j) => ({
        code: j.code,
        parentCode: j.parentCode,
        level: j.level,
        name: j.name,
        path: paths.get(j.code)!,
        depth: depth(j.code),
        regionCode: ['province', 'city'].includes(j.level) ? null : rc,
        sort: j.sort,
        lat: j.lat,
        lng: j.lng,
        createdAt: now,
      })),
    );
    await insertChunked(
      tx,
      congresses,
      region.congresses.map((c) => ({ ...c, regionCode: rc, createdAt: now })),
    );
    await insertChunked(
      tx,
      departments,
      region.departments.map((d) => ({ ...d, regionCode: rc, createdAt: now })),
    );
    await insertChunked(
      tx,
      deputies,
      region.deputies.map(({ mandates: _m, phone, ...d }) => ({
        ...d,
        regionCode: rc,
        phoneEnc: ctx.vault.encrypt(phone),
        phoneHash: ctx.vault.blindIndex(phone),
        createdAt: now,
      })),
    );
    await insertChunked(
      tx,
      deputyMandates,
      region.deputies.flatMap((d) =>
        d.mandates.map((m) => ({ ...m, regionCode: rc, id: uuidv7(), deputyId: d.id })),
      ),
    );
    await insertChunked(
      tx,
      stations,
      region.stations.map(({ deputyIds: _d, ...s }) => ({ ...s, regionCode: rc, createdAt: now })),
    );
    await insertChunked(
      tx,
      stationDeputies,
      region.stations.flatMap((s) =>
        s.deputyIds.map((deputyId) => ({ regionCode: rc, stationId: s.id, deputyId })),
      ),
    );
    for (const s of region.staff) {
      const id = uuidv7();
      await tx.insert(accounts).values({
        regionCode: rc,
        id,
        kind: 'staff',
        username: s.username,
        displayName: s.displayName,
        passwordHash: passwordHashes.get(s.password)!,
        passwordChangedAt: now,
        departmentId: s.departmentId ?? null,
        deputyId: s.deputyId ?? null,
        createdAt: now,
      });
      await tx.insert(roleGrants).values(
        s.roles.map((r) => ({
          regionCode: rc,
          id: uuidv7(),
          accountId: id,
          role: r.role,
          scopeCode: r.scopeCode,
          createdAt: now,
        })),
      );
    }
    // Each module enriches the demo with its own deterministic data (in this transaction).
    await seedDeputiesDemo(ctx, tx, region);
    await seedStationsDemo(ctx, tx, region);
    await seedReceptionsDemo(ctx, tx, region);
    await seedOpinionsDemo(ctx, tx, region);
    await seedSuggestionsDemo(ctx, tx, region);
    await seedMediationDemo(ctx, tx, region);
    await seedActivitiesDemo(ctx, tx, region);
    await seedIntegrationsDemo(ctx, tx, region);
    await seedVoterReportsDemo(ctx, tx, region);
    await appendAudit(tx, systemActor(rc, '系统初始化'), now, {
      action: 'demo.seed',
      details: {
        jurisdictions: region.jurisdictions.length,
        deputies: region.deputies.length,
        accounts: region.staff.length,
      },
    });
  });
  forgetJurisdictions();
  return region;
}
