import type { Role } from '@lianxin/contracts';
import { and, eq } from 'drizzle-orm';
import { type Actor, assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { congresses } from '../congresses/congresses.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { type PrintContext, renderCards, renderPoster } from './print.layout';
import { deputyProfile, deputyProfiles, stationProfile } from './public.usecases';
import { reachErrors } from './reach.errors';

/** Who may print cards and posters: congress staff and station liaison staff, within their area. */
export const PRINT_ROLES: readonly Role[] = ['congress_staff', 'station_staff'];
export const MAX_CARDS = 500;

async function printContext(ctx: AppContext, regionCode: string): Promise<PrintContext> {
  const [c] = await ctx.database.db
    .select({ name: congresses.name })
    .from(congresses)
    .where(and(eq(congresses.regionCode, regionCode), eq(congresses.jurisdictionCode, regionCode)));
  const region = c ? undefined : await findJurisdiction(ctx.database.db, regionCode);
  return {
    publicBaseUrl: ctx.config.publicBaseUrl,
    congressName: c?.name ?? `${region?.name ?? ''}人大常委会`,
  };
}

async function assertCovers(ctx: AppContext, actor: Actor, jurisdictionCode: string): Promise<void> {
  const j = await findJurisdiction(ctx.database.db, jurisdictionCode);
  assertCan(actor, PRINT_ROLES, j?.path ?? `/${jurisdictionCode}/`);
}

export async function printDeputyCard(ctx: AppContext, actor: Actor, deputyId: string) {
  const profile = await deputyProfile(ctx, actor.regionCode, { id: deputyId });
  await assertCovers(ctx, actor, profile.jurisdictionCode);
  return {
    pdf: await renderCards([profile], await printContext(ctx, actor.regionCode)),
    filename: `代表联系卡-${profile.name}.pdf`,
  };
}

/** Every active deputy of a township, one card per page, in one file. */
export async function printTownshipCards(ctx: AppContext, actor: Actor, townshipCode: string) {
  const town = await findJurisdiction(ctx.database.db, townshipCode);
  if (town?.level !== 'township' || town.regionCode !== actor.regionCode) {
    throw reachErrors.township_not_found();
  }
  assertCan(actor, PRINT_ROLES, town.path);
  const profiles = await deputyProfiles(ctx, actor.regionCode, { township: town.code }, MAX_CARDS + 1);
  if (profiles.length > MAX_CARDS) throw reachErrors.too_many_cards({ max: MAX_CARDS });
  return {
    pdf: await renderCards(profiles, await printContext(ctx, actor.regionCode)),
    filename: `代表联系卡-${town.name}.pdf`,
    count: profiles.length,
  };
}

export async function printStationPoster(ctx: AppContext, actor: Actor, stationId: string) {
  const profile = await stationProfile(ctx, actor.regionCode, { id: stationId });
  await assertCovers(ctx, actor, profile.jurisdictionCode);
  return {
    pdf: await renderPoster(profile, await printContext(ctx, actor.regionCode)),
    filename: `海报-${profile.name}.pdf`,
  };
}
