import { and, eq } from 'drizzle-orm';
import { addDays, toDateString } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import { accounts } from '../accounts/accounts.schema';
import type { DemoRegion, DemoStation } from '../demo/generate';
import type { StationBasis } from './stations.labels';
import { stationChecklistItems, stationPlans, stationStaff, stations } from './stations.schema';
import { NINE_HAVES } from './stations.settings';

const THEMES: Array<[string, string]> = [
  ['新春走访慰问', '走访辖区困难家庭和老党员，听取群众对新一年民生实事的期盼'],
  ['优化营商环境', '邀请辖区企业座谈，收集企业在审批、用工、融资方面的困难'],
  ['垃圾分类', '走进小区查看分类投放点，听取居民对收运时间和点位设置的意见'],
  ['老旧小区改造', '实地查看改造进度，收集居民对施工安全、停车和绿化的意见'],
  ['养老服务', '走访社区长者食堂和日间照料中心，了解助餐、助浴服务情况'],
  ['食品安全', '联合市场监管部门检查校园周边和农贸市场食品安全'],
  ['防汛防台', '检查低洼小区排水设施，听取居民对汛期安全的意见建议'],
  ['未成年人保护', '走访学校和社区少年宫，关注暑期托管和校外培训规范'],
  ['美丽家园建设', '围绕背街小巷整治和口袋公园建设开展专题调研'],
  ['加装电梯', '召开加装电梯协调会，帮助居民化解低层住户意见分歧'],
  ['民生实事项目征集', '征集下一年度民生实事项目建议，开展代表票决前的意见收集'],
  ['代表述职评议', '组织进站代表向选民述职，接受群众评议'],
];

/** Local themes some stations choose instead of the common one of that month. */
const LOCAL_THEMES: Array<[string, string]> = [
  ['物业管理', '听取业主对物业服务和维修资金使用的意见，推动业委会规范运作'],
  ['停车难治理', '调研小区及周边停车资源，推动错峰共享停车'],
  ['就业创业服务', '走访就业服务站，了解困难人员就业帮扶情况'],
  ['平安社区建设', '检查消防通道和电动自行车充电设施安全'],
];

const DESCRIPTIONS: Record<DemoStation['kind'], string> = {
  home: '人大代表之家是代表学习培训、联系群众、开展活动的主阵地，每月固定接待日由进站代表轮流接待群众。',
  station: '人大代表联络站设在街道党群服务中心，定期组织代表接待选民、收集社情民意并跟踪办理。',
  point: '人大代表联系点设在居民区，方便代表就近听取居民意见，做到“民有所呼、我有所应”。',
  micro: '人大代表联络微站设在企业园区，服务园区企业和职工，及时反映企业发展中的困难和诉求。',
  collection: '民情收集点设在社区邻里中心，群众可随时留言反映意见，联络员每周整理转交代表。',
};

/** Which basis each demo station has: mostly area-based, a few built on industry or enterprise. */
function basisOf(s: DemoStation, i: number): StationBasis {
  if (s.kind === 'micro') return 'enterprise';
  if (s.kind === 'point') return i % 2 === 0 ? 'industry_chain' : 'profession';
  return 'area';
}

/**
 * Station details the base generator leaves out: basis, desk phone, description, the liaison link
 * of the demo account 'station1', checklist states with dates and this year's monthly plans.
 * Deterministic: everything derives from the station's position in the generated list.
 */
export async function seedStationsDemo(ctx: AppContext, tx: Executor, region: DemoRegion): Promise<void> {
  const rc = region.regionCode;
  const today = toDateString(ctx.clock.now());
  const year = Number(today.slice(0, 4));
  const currentMonth = Number(today.slice(5, 7));

  for (const [i, s] of region.stations.entries()) {
    await tx
      .update(stations)
      .set({
        basis: basisOf(s, i),
        phone: `021-64${String(100000 + ((i * 7919) % 900000)).padStart(6, '0')}`,
        description: DESCRIPTIONS[s.kind],
      })
      .where(and(eq(stations.regionCode, rc), eq(stations.id, s.id)));
  }

  const liaison = region.staff.find((a) => a.username === 'station1');
  const home = region.stations.find((s) => s.jurisdictionCode === liaison?.roles[0]?.scopeCode);
  if (liaison && home) {
    const [account] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.username, 'station1'));
    if (account)
      await tx.insert(stationStaff).values({ regionCode: rc, stationId: home.id, accountId: account.id });
  }

  const checks = region.stations.flatMap((s, i) => {
    // Between five and all nine items met; the station run by 'station1' is fully up to standard.
    const metCount = s === home ? NINE_HAVES.length : NINE_HAVES.length - (i % 5);
    return NINE_HAVES.map((item, k) => ({
      regionCode: rc,
      stationId: s.id,
      itemKey: item.key,
      met: k < metCount,
      evidenceUrl: k < metCount ? `/uploads/stations/${s.id}/${item.key}.jpg` : null,
      note: k < metCount ? null : '整改中，预计下季度完成',
      checkedOn: addDays(today, -(20 + ((i * 9 + k * 4) % 90))),
    }));
  });
  if (checks.length) await tx.insert(stationChecklistItems).values(checks);

  const plans = region.stations.flatMap((s, i) => {
    // Most stations plan the whole year; some only as far as a few months ahead.
    const months = i % 3 === 2 ? Math.min(12, currentMonth + 3) : 12;
    return Array.from({ length: months }, (_, m) => {
      const local = m > 0 && m < 11 && m !== 6 && (i + m) % 4 === 0;
      const [theme, description] = local ? LOCAL_THEMES[(i + m) % LOCAL_THEMES.length]! : THEMES[m]!;
      return {
        regionCode: rc,
        id: uuidv7(),
        stationId: s.id,
        year,
        month: m + 1,
        theme,
        description,
      };
    });
  });
  for (let k = 0; k < plans.length; k += 500) await tx.insert(stationPlans).values(plans.slice(k, k + 500));
}
