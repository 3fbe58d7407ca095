import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import type { Clock } from '../../kernel/clock';
import type { AppContext } from '../../kernel/context';
import type { Database, Tx } from '../../kernel/db/client';
import { accounts } from '../accounts/accounts.schema';
import { actorFor, loadGrants } from '../accounts/sessions';
import { settings } from '../congresses/congresses.schema';
import type { DemoRegion } from '../demo/generate';
import { redactText } from '../opinions/disclosure.usecases';
import { voterReportRatings } from './activities.schema';
import { activityQuotas, quotaReminders, voterReportRatingDays } from './activities.settings';
import { chinaDay } from './quotas.engine';
import { markHeld, type Rating, scheduleReport } from './voter-reports.usecases';

const DAY = 86_400_000;

class DemoClock implements Clock {
  constructor(public t: number) {}
  now() {
    return new Date(this.t);
  }
}

/** [days from now, how many ratings (satisfied, basically, dissatisfied)] per report. */
const PLAN: Array<[number, [number, number, number]]> = [
  [-40, [18, 5, 2]], // held, window closed
  [-6, [9, 3, 1]], // held, rating open
  [12, [0, 0, 0]], // scheduled
];
const COMMENTS: Record<Rating, string[]> = {
  satisfied: ['加装电梯的事一直在跟进，点赞', '经常来社区听大家意见，很满意', '报告实在，说到做到'],
  basically_satisfied: ['总体不错，希望停车问题也多关注', '建议多到老小区走走'],
  dissatisfied: ['我们小区的噪音问题还没有解决，希望继续跟进'],
};

/**
 * 述职评议 and 履职要求 for the demo: the district congress sets its quotas explicitly (the same
 * as the defaults, reminders from mid-period, a 30-day rating window); three deputies — deputy1
 * first — have a report held 40 days ago (window closed, results in), one held 6 days ago (rating
 * open) and one scheduled in 12 days, at their station. Through the real commands on a clock moved
 * to each day; ratings are deterministic demo phones (blind-indexed only). Deterministic.
 */
export async function seedVoterReportsDemo(ctx: AppContext, tx: Tx, region: DemoRegion): Promise<number> {
  const rc = region.regionCode;
  const start = ctx.clock.now().getTime();
  const clock = new DemoClock(start);
  const dctx: AppContext = {
    ...ctx,
    clock,
    database: { ...ctx.database, db: tx as unknown as Database['db'] },
  };
  const now = ctx.clock.now();
  for (const [def, value] of [
    [activityQuotas, activityQuotas.defaultValue],
    [quotaReminders, { enabled: true, fromShare: 0.5, sms: true }],
    [voterReportRatingDays, 30],
  ] as const)
    await tx
      .insert(settings)
      .values({ regionCode: rc, jurisdictionCode: rc, key: def.key, value, updatedAt: now })
      .onConflictDoNothing();

  const actorOf = async (username: string): Promise<Actor | null> => {
    const [a] = await tx.select().from(accounts).where(eq(accounts.username, username));
    return a ? actorFor(a, await loadGrants(tx, a)) : null;
  };
  const district = await actorOf('district');
  if (!district) return 0;
  const [me] = await tx
    .select({ d: accounts.deputyId })
    .from(accounts)
    .where(and(eq(accounts.regionCode, rc), eq(accounts.username, 'deputy1')));
  const county = new Set(
    region.deputies.filter((d) => d.mandates.some((m) => m.congressJurisdictionCode === rc)).map((d) => d.id),
  );
  const picks: Array<{ deputyId: string; stationId: string }> = [];
  const stationOf = (id: string) => region.stations.find((s) => s.deputyIds.includes(id));
  if (me?.d && stationOf(me.d)) picks.push({ deputyId: me.d, stationId: stationOf(me.d)!.id });
  for (const s of region.stations) {
    if (picks.length >= 3) break;
    const d = s.deputyIds.find((id) => county.has(id) && !picks.some((p) => p.deputyId === id));
    if (d) picks.push({ deputyId: d, stationId: s.id });
  }
  let phone = 0;
  let n = 0;
  for (const [i, p] of picks.entries()) {
    const deputy = region.deputies.find((d) => d.id === p.deputyId)!;
    const [ago, counts] = PLAN[i % PLAN.length]!;
    // Scheduled a fortnight before its day (or today for the future one).
    clock.t = Math.min(start, start + (ago - 14) * DAY);
    const day = chinaDay(new Date(start + ago * DAY));
    const r = await scheduleReport(dctx, district, {
      deputyId: p.deputyId,
      congressCode: rc,
      stationId: p.stationId,
      scheduledOn: day,
      startTime: '14:30',
      title: `${deputy.name}代表${Number(day.slice(0, 4)) - 1}年度履职情况报告`,
      body: [
        '各位选民：',
        `一年来，我在区人大常委会和${stationOf(p.deputyId)?.name ?? '联络站'}的组织下，坚持每月进站接待选民、进网格走访群众，`,
        '围绕老旧小区加装电梯、社区养老服务、轨道交通站点周边交通组织等群众关心的问题开展调研，',
        '领衔和联名提出建议，并跟踪办理落实。现将履职情况报告如下，请大家评议。',
        '一、联系群众：参加接待日，走访网格，收集意见建议并跟进办理。',
        '二、提出建议：围绕民生实事提出建议，与承办单位面商，推动问题解决。',
        '三、不足与打算：走访覆盖面还不够，下一步将增加进网格频次，及时反馈办理结果。',
      ].join('\n'),
    });
    n++;
    if (ago >= 0) continue;
    clock.t = start + ago * DAY;
    await markHeld(tx, rc, r.id, clock.now());
    const ratings: Rating[] = [
      ...Array<Rating>(counts[0]).fill('satisfied'),
      ...Array<Rating>(counts[1]).fill('basically_satisfied'),
      ...Array<Rating>(counts[2]).fill('dissatisfied'),
    ];
    for (const [k, rating] of ratings.entries()) {
      phone++;
      const comment = k % 3 === 0 ? COMMENTS[rating][k % COMMENTS[rating].length]! : null;
      await tx.insert(voterReportRatings).values({
        regionCode: rc,
        reportId: r.id,
        phoneHash: ctx.vault.blindIndex(`1370000${String(phone).padStart(4, '0')}`),
        accountId: null,
        rating,
        comment: comment ? redactText(comment) : null,
        ratedAt: new Date(start + (ago + 1 + (k % 5)) * DAY),
      });
    }
  }
  return n;
}
