import { and, eq, isNull, ne } from 'drizzle-orm';
import { expect } from 'vitest';
import { type Client, signedIn, type TestEnv } from '../../../test/harness';
import { uuidv7 } from '../../kernel/ids';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { departments } from '../congresses/congresses.schema';
import { deputyMandates } from '../deputies/deputies.schema';
import { clientFor, otherDepartmentHandler } from '../opinions/opinions.fixtures';

let seq = 0;

/** A signed-in deputy (a new workbench account) holding a seat in this congress, other than deputy1. */
export async function deputyOf(env: TestEnv, congressCode = '310112', skip = 0) {
  const { db } = env.ctx.database;
  const [d1] = await db.select().from(accounts).where(eq(accounts.username, 'deputy1'));
  const seats = await db
    .select({ deputyId: deputyMandates.deputyId })
    .from(deputyMandates)
    .where(
      and(
        eq(deputyMandates.congressJurisdictionCode, congressCode),
        isNull(deputyMandates.endedOn),
        ne(deputyMandates.deputyId, d1!.deputyId!),
      ),
    )
    .orderBy(deputyMandates.deputyId)
    .limit(skip + 1);
  const deputyId = seats[skip]!.deputyId;
  const now = env.ctx.clock.now();
  const [a] = await db
    .insert(accounts)
    .values({
      regionCode: '310112',
      id: uuidv7(now.getTime()),
      kind: 'staff',
      username: `sgdeputy${seq++}`,
      displayName: '测试代表',
      deputyId,
      createdAt: now,
    })
    .returning();
  await db.insert(roleGrants).values({
    regionCode: '310112',
    id: uuidv7(now.getTime()),
    accountId: a!.id,
    role: 'deputy',
    scopeCode: congressCode,
    createdAt: now,
  });
  return { client: await clientFor(env, a!, `10.4.0.${seq}`), deputyId, accountId: a!.id };
}

export async function departmentIdOf(env: TestEnv, username: string) {
  const [a] = await env.ctx.database.db.select().from(accounts).where(eq(accounts.username, username));
  return a!.departmentId!;
}

export async function departmentNamed(env: TestEnv, name: string) {
  const [d] = await env.ctx.database.db.select().from(departments).where(eq(departments.name, name));
  return d!.id;
}

export const as = (env: TestEnv, u: string) => signedIn(env.app, u);
export { otherDepartmentHandler };

let n = 0;
/** A suggestion drafted by `deputy` and submitted; returns its id. */
export async function submitted(deputy: Client, extra: Record<string, unknown> = {}): Promise<string> {
  n++;
  const res = await deputy.post('/api/suggestions', {
    title: `关于加快老旧小区加装电梯的建议${n}`,
    body: '我区多个老旧小区居民加装电梯意愿强烈，但审批流程长、低层住户协调难，建议简化审批并设立专项补贴。',
    category: '城乡建设',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const s = await deputy.post(`/api/suggestions/${id}/submit`);
  expect(s.statusCode, s.body).toBe(200);
  return id;
}

/** Submitted, registered and assigned (to dept1's unit unless told otherwise). */
export async function assigned(
  env: TestEnv,
  deputy: Client,
  input: { departmentId?: string; jointDepartmentIds?: string[]; difficult?: boolean } = {},
): Promise<string> {
  const id = await submitted(deputy);
  const staff = await as(env, 'district');
  expect((await staff.post(`/api/suggestions/${id}/register`)).statusCode).toBe(200);
  const departmentId = input.departmentId ?? (await departmentIdOf(env, 'dept1'));
  const a = await staff.post('/api/suggestions/assign', { ids: [id], ...input, departmentId });
  expect(a.statusCode, a.body).toBe(200);
  return id;
}
