import { and, eq } from 'drizzle-orm';
import { Client, signedIn, type TestEnv } from '../../../test/harness';
import { uuidv7 } from '../../kernel/ids';
import { accounts } from '../accounts/accounts.schema';
import { createSession } from '../accounts/sessions';
import { stationDeputies, stations } from '../stations/stations.schema';
import { receptionRules } from './receptions.schema';

/** Test helpers: a citizen signed in as if by SMS code, and a 莘庄镇 station with a 每月10日 rule. */
export async function citizen(env: TestEnv, phone: string): Promise<Client> {
  const { ctx } = env;
  const now = ctx.clock.now();
  const [account] = await ctx.database.db
    .insert(accounts)
    .values({
      regionCode: ctx.config.REGION_CODE,
      id: uuidv7(now.getTime()),
      kind: 'citizen',
      displayName: '群众',
      phoneEnc: ctx.vault.encrypt(phone),
      phoneHash: ctx.vault.blindIndex(phone),
      createdAt: now,
    })
    .returning();
  const s = await createSession(ctx, ctx.database.db, account!, '10.0.0.9');
  const c = new Client(env.app, `10.0.${phone.slice(-4, -2)}.${Number(phone.slice(-2))}`);
  c.cookies.set('lx_sid', s.token);
  c.cookies.set('lx_csrf', s.csrfToken);
  c.csrf = s.csrfToken;
  return c;
}

export async function xinzhuangStation(env: TestEnv) {
  const { db } = env.ctx.database;
  const [station] = await db
    .select()
    .from(stations)
    .where(and(eq(stations.regionCode, '310112'), eq(stations.jurisdictionCode, '310112101')));
  // The demo seeds a reception rule for every station; these tests define their own schedule.
  await db
    .delete(receptionRules)
    .where(and(eq(receptionRules.regionCode, '310112'), eq(receptionRules.stationId, station!.id)));
  const stationed = await db
    .select({ id: stationDeputies.deputyId })
    .from(stationDeputies)
    .where(and(eq(stationDeputies.regionCode, '310112'), eq(stationDeputies.stationId, station!.id)));
  return { station: station!, deputyIds: stationed.map((d) => d.id) };
}

export const monthly10th = (rota: string[]) => ({
  rule: { kind: 'monthDay', day: 10 },
  holidayPolicy: 'next_working_day',
  validFrom: '2026-01-01',
  validTo: null,
  startTime: '09:00',
  endTime: '11:30',
  slotMinutes: 30,
  capacityPerSlot: 3,
  rotaDeputyIds: rota,
  deputiesPerDay: 1,
  theme: '听民意 解民忧',
});

/** Creates the rule as 莘庄镇 staff; returns the station, its rule and the staff client. */
export async function stationWithRule(env: TestEnv, rota?: string[]) {
  const { station, deputyIds } = await xinzhuangStation(env);
  const staff = await signedIn(env.app, 'xinzhuang');
  const res = await staff.post(
    `/api/receptions/stations/${station.id}/rules`,
    monthly10th(rota ?? deputyIds.slice(0, 3)),
  );
  if (res.statusCode !== 201) throw new Error(`rule: ${res.statusCode} ${res.body}`);
  return { station, deputyIds, ruleId: res.json().id as string, staff };
}
