import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../kernel/auth/actor';
import { toDateString } from '../../kernel/calendar/calendar';
import type { Clock } from '../../kernel/clock';
import type { AppContext } from '../../kernel/context';
import type { Database, Tx } from '../../kernel/db/client';
import { outbox } from '../../kernel/db/kernel.schema';
import { EventBus } from '../../kernel/events';
import { accounts } from '../accounts/accounts.schema';
import { actorFor, loadGrants } from '../accounts/sessions';
import type { DemoRegion } from '../demo/generate';
import { registerActivitySubscribers } from './activities.subscribers';
import { type ActivityInput, type Attendance, registerActivity, reviewActivity } from './activities.usecases';

const DAY = 86_400_000;

class DemoClock implements Clock {
  constructor(public t: number) {}
  now() {
    return new Date(this.t);
  }
}

/** Staff-registered activities of the district congress: [days ago, kind, title, place, how many deputies]. */
const DISTRICT: Array<[number, string, string, string, number]> = [
  [300, 'session', '区人民代表大会会议', '区会议中心', 0],
  [250, 'inspection', '视察老旧小区综合治理工作', '古美路街道', 12],
  [200, 'research', '“一老一小”服务设施专题调研', '区民政局', 10],
  [150, 'training', '代表履职学习培训班', '区人大常委会', 40],
  [90, 'law_enforcement', '《上海市生活垃圾管理条例》执法检查', '莘庄镇', 9],
  [60, 'session', '区人民代表大会会议', '区会议中心', 0],
  [45, 'inspection', '视察轨道交通站点周边交通组织', '莘庄地铁站', 14],
  [30, 'research', '优化营商环境专题调研', '莘庄工业区', 11],
  [21, 'meeting', '列席区人大常委会会议', '区人大常委会', 6],
  [14, 'inspection', '视察加装电梯推进情况', '莘庄镇', 10],
  [7, 'mediation', '参与社区物业纠纷调解', '莘庄镇', 3],
];

/**
 * Demo activities (履职登记) so the points screens mean something on a fresh `npm start`: district
 * staff register sessions, inspections, research, trainings and hearings over the past months with
 * attendance (a few excused, one unexcused absence); every station's deputies do a 进站履职; deputy1
 * registers their own (two pending, one confirmed, one rejected with a reason). All through the real
 * commands on a clock moved to each day, so the evidence comes from the `activities.changed` events.
 *
 * The opinions demo marks its past events handled (so no texts go out at start-up); the activities
 * listener is run here over those events (field notes, 满意 ratings) so their evidence exists too.
 * Call inside the demo seed transaction after the opinions and suggestions demos.
 */
export async function seedActivitiesDemo(ctx: AppContext, tx: Tx, region: DemoRegion): Promise<number> {
  const rc = region.regionCode;
  const start = ctx.clock.now().getTime();
  const clock = new DemoClock(start);
  const dctx: AppContext = {
    ...ctx,
    clock,
    database: { ...ctx.database, db: tx as unknown as Database['db'] },
  };
  const actor = async (username: string): Promise<Actor | null> => {
    const [a] = await tx.select().from(accounts).where(eq(accounts.username, username));
    return a ? actorFor(a, await loadGrants(tx, a)) : null;
  };
  const district = await actor('district');
  const deputy = await actor('deputy1');
  if (!district || !deputy) return 0;
  const onDay = (daysAgo: number) => {
    // The same time of day as now, that many days back.
    clock.t = Math.min(start, start - daysAgo * DAY);
    return toDateString(clock.now());
  };
  const countyDeputies = region.deputies.filter((d) =>
    d.mandates.some((m) => m.congressJurisdictionCode === rc),
  );
  let n = 0;
  const register = async (who: Actor, daysAgo: number, input: Omit<ActivityInput, 'day'>) => {
    const day = onDay(daysAgo);
    n++;
    return registerActivity(dctx, who, { ...input, day });
  };

  for (const [i, [ago, kind, title, place, size]] of DISTRICT.entries()) {
    // Sessions: every district deputy (two excused, the last absent without leave); others: a rotating group.
    const group =
      size === 0
        ? countyDeputies
        : Array.from({ length: size }, (_, k) => countyDeputies[(i * 7 + k * 3) % countyDeputies.length]!);
    const participants = [...new Map(group.map((d) => [d.id, d])).values()].map((d, k, all) => ({
      deputyId: d.id,
      attendance: (size === 0 && k === all.length - 1
        ? 'absent'
        : (size === 0 && k % 40 === 5) || k === 4
          ? 'excused'
          : 'present') as Attendance,
    }));
    await register(district, ago, {
      congressCode: rc,
      kind,
      title,
      place,
      mode: '集中活动',
      content: `${title}，参加代表听取情况介绍并提出意见建议。`,
      opinionsCollected: Math.round(size / 2),
      participants,
    });
  }

  // 进站履职: the deputies stationed at each station, once, spread over the past weeks.
  for (const [i, s] of region.stations.entries()) {
    const ids = s.deputyIds.filter((id) => countyDeputies.some((d) => d.id === id));
    if (ids.length === 0) continue;
    await register(district, 10 + ((i * 5) % 50), {
      congressCode: rc,
      jurisdictionCode: s.jurisdictionCode,
      kind: 'station_duty',
      title: `${s.name}代表进站履职`,
      place: s.address,
      mode: '进站接待',
      stationId: s.id,
      citizensReceived: 3 + (i % 6),
      opinionsCollected: 2 + (i % 4),
      problemsSolved: i % 3,
      participants: ids.map((deputyId) => ({ deputyId, attendance: 'present' as const })),
    });
  }

  // deputy1's own entries: pending, confirmed, rejected with a reason.
  const own: Array<[number, string, string, 'pending' | 'confirm' | 'reject']> = [
    [40, 'contact', '走访网格内独居老人', 'confirm'],
    [18, 'volunteer', '参加社区垃圾分类志愿服务', 'reject'],
    [5, 'contact', '到网格联系群众，了解停车难问题', 'pending'],
    [2, 'volunteer', '参加“代表在身边”便民服务活动', 'pending'],
  ];
  for (const [ago, kind, title, end] of own) {
    const a = await register(deputy, ago, {
      congressCode: rc,
      kind,
      title,
      mode: '个人走访',
      citizensReceived: 6,
      opinionsCollected: 2,
      participants: [],
    });
    clock.t += 3600_000;
    if (end === 'confirm') await reviewActivity(dctx, district, a.id, { confirm: true });
    if (end === 'reject')
      await reviewActivity(dctx, district, a.id, {
        confirm: false,
        reason: '未附活动照片或签到记录，请补充后重新登记',
      });
  }

  await replayOpinionEvidence(dctx, tx, rc);
  clock.t = start;
  return n;
}

/** Runs the activities listener (only it) over the opinion events the opinions demo marked handled. */
async function replayOpinionEvidence(ctx: AppContext, tx: Tx, regionCode: string) {
  const bus = new EventBus();
  registerActivitySubscribers({ ...ctx, events: bus });
  const rows = await tx
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.regionCode, regionCode),
        eq(outbox.status, 'done'),
        inArray(outbox.topic, ['opinions.opened', 'opinions.rate']),
      ),
    )
    .orderBy(asc(outbox.id));
  for (const row of rows) {
    const event = {
      id: row.id,
      regionCode: row.regionCode,
      topic: row.topic,
      aggregateType: row.aggregateType,
      aggregateId: row.aggregateId,
      payload: row.payload as Record<string, unknown>,
      createdAt: row.createdAt,
    };
    for (const sub of bus.subscribersFor(row.topic))
      if (sub.name === 'activities-opinions') await sub.fn(event, tx, ctx);
  }
}
