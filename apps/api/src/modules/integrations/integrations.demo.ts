import { eq } from 'drizzle-orm';
import { systemActor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import type { DemoRegion } from '../demo/generate';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { insertApiClient } from './integrations.usecases';

/**
 * The demo region's Open311 key. Fixed and published (README, start-up banner) so a demo can be
 * driven with curl; a real deployment issues its keys in the console (接口密钥) and never seeds one.
 */
export const DEMO_OPEN311_KEY = 'lxk_03110d3e_Minhang-Open311-Demo-Key-2026';
const DEMO_OPEN311_PREFIX = 'lxk_03110d3e';

export async function seedIntegrationsDemo(ctx: AppContext, tx: Tx, region: DemoRegion): Promise<void> {
  const [top] = await tx
    .select({ code: jurisdictions.code, path: jurisdictions.path })
    .from(jurisdictions)
    .where(eq(jurisdictions.code, region.regionCode));
  if (!top) return;
  await insertApiClient(tx, systemActor(region.regionCode, '系统初始化'), ctx.clock.now(), {
    kind: 'open311',
    name: `${region.regionName}随手拍（演示 Open311 客户端）`,
    jurisdictionCode: top.code,
    jurisdictionPath: top.path,
    key: DEMO_OPEN311_KEY,
    prefix: DEMO_OPEN311_PREFIX,
    contact: null,
  });
}
