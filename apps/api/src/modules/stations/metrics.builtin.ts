import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { groupBy } from '../../kernel/collections';
import type { Executor } from '../../kernel/db/client';
import { accounts } from '../accounts/accounts.schema';
import { deputies } from '../deputies/deputies.schema';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { bookings } from '../receptions/receptions.schema';
import { checklistSummary, checklistsOf } from './checklist.usecases';
import { type EvidenceItem, type MetricResult, registerStationMetric } from './metrics';
import { stationDeputies, stationPlans, stationStaff, stations } from './stations.schema';

/** The metrics the platform can already measure. Other modules register theirs the same way. */

export const stationLink = (id: string, tab: string) => `/console/stations?id=${id}&tab=${tab}`;
const receptionsLink = (id: string, day?: string) =>
  `/console/receptions?station=${id}${day ? `&day=${day}` : ''}`;

function perStation(ids: string[], f: (id: string) => MetricResult): Map<string, MetricResult> {
  return new Map(ids.map((id) => [id, f(id)]));
}

registerStationMetric(
  'checklist.completion',
  '规范化建设达标率',
  async (exec, regionCode, ids) => {
    const rows = ids.length
      ? await exec
          .select({ id: stations.id, path: jurisdictions.path })
          .from(stations)
          .innerJoin(jurisdictions, eq(jurisdictions.code, stations.jurisdictionCode))
          .where(and(eq(stations.regionCode, regionCode), inArray(stations.id, ids)))
      : [];
    const lists = await checklistsOf(exec, regionCode, rows);
    return perStation(ids, (id) => {
      const items = lists.get(id)?.items ?? [];
      const s = checklistSummary(items);
      return {
        value: s.total ? Math.round((s.met / s.total) * 1000) / 10 : 0,
        summary: `建设标准 ${s.total} 项中达标 ${s.met} 项`,
        items: items.map((i) => ({
          label: `${i.label}：${i.met ? '达标' : '未达标'}`,
          date: i.checkedOn ?? undefined,
          link: i.evidenceUrl ?? undefined,
        })),
        link: stationLink(id, 'checklist'),
      };
    });
  },
  { unit: '%' },
);

registerStationMetric(
  'plans.months',
  '有活动主题的月份',
  async (exec, regionCode, ids, year) => {
    const rows = ids.length
      ? await exec
          .select({ stationId: stationPlans.stationId, month: stationPlans.month, theme: stationPlans.theme })
          .from(stationPlans)
          .where(
            and(
              eq(stationPlans.regionCode, regionCode),
              inArray(stationPlans.stationId, ids),
              eq(stationPlans.year, year),
            ),
          )
          .orderBy(asc(stationPlans.month))
      : [];
    const by = groupBy(rows, (r) => r.stationId);
    return perStation(ids, (id) => {
      const plans = by.get(id) ?? [];
      return {
        value: plans.length,
        summary: `${year} 年有 ${plans.length} 个月制定了活动主题`,
        items: plans.map((p) => ({ label: `${p.month} 月：${p.theme}` })),
        link: stationLink(id, 'plans'),
      };
    });
  },
  { unit: '个月' },
);

registerStationMetric(
  'deputies.stationed',
  '进站代表',
  async (exec, regionCode, ids) => {
    const rows = ids.length
      ? await exec
          .select({ stationId: stationDeputies.stationId, name: deputies.name })
          .from(stationDeputies)
          .innerJoin(
            deputies,
            and(
              eq(deputies.regionCode, stationDeputies.regionCode),
              eq(deputies.id, stationDeputies.deputyId),
            ),
          )
          .where(
            and(
              eq(stationDeputies.regionCode, regionCode),
              inArray(stationDeputies.stationId, ids),
              eq(deputies.status, 'active'),
            ),
          )
          .orderBy(asc(deputies.name))
      : [];
    const by = groupBy(rows, (r) => r.stationId);
    return perStation(ids, (id) => {
      const list = by.get(id) ?? [];
      return {
        value: list.length,
        summary: `在任进站代表 ${list.length} 名`,
        items: list.map((d) => ({ label: d.name })),
        link: stationLink(id, 'deputies'),
      };
    });
  },
  { unit: '名' },
);

registerStationMetric(
  'staff.liaison',
  '联络员',
  async (exec, regionCode, ids) => {
    const rows = ids.length
      ? await exec
          .select({ stationId: stationStaff.stationId, name: accounts.displayName })
          .from(stationStaff)
          .innerJoin(
            accounts,
            and(eq(accounts.regionCode, stationStaff.regionCode), eq(accounts.id, stationStaff.accountId)),
          )
          .where(
            and(
              eq(stationStaff.regionCode, regionCode),
              inArray(stationStaff.stationId, ids),
              eq(accounts.status, 'active'),
            ),
          )
      : [];
    const by = groupBy(rows, (r) => r.stationId);
    return perStation(ids, (id) => {
      const list = by.get(id) ?? [];
      return {
        value: list.length,
        summary: `在岗联络员 ${list.length} 名`,
        items: list.map((a) => ({ label: a.name })),
        link: stationLink(id, 'staff'),
      };
    });
  },
  { unit: '名' },
);

/** Bookings of the year with a final status (served or no-show), one row per station, day and status. */
async function bookingOutcomes(exec: Executor, regionCode: string, ids: string[], year: number) {
  if (ids.length === 0) return new Map<string, Array<{ day: string; status: string; n: number }>>();
  const rows = await exec
    .select({
      stationId: bookings.stationId,
      day: bookings.day,
      status: bookings.status,
      n: sql<number>`count(*)`,
    })
    .from(bookings)
    .where(
      and(
        eq(bookings.regionCode, regionCode),
        inArray(bookings.stationId, ids),
        gte(bookings.day, `${year}-01-01`),
        lte(bookings.day, `${year}-12-31`),
        inArray(bookings.status, ['checked_in', 'no_show']),
      ),
    )
    .groupBy(bookings.stationId, bookings.day, bookings.status)
    .orderBy(asc(bookings.day));
  return groupBy(
    rows.map((r) => ({ ...r, n: Number(r.n) })),
    (r) => r.stationId,
  );
}

registerStationMetric(
  'receptions.days',
  '开展接待的天数',
  async (exec, regionCode, ids, year) => {
    const by = await bookingOutcomes(exec, regionCode, ids, year);
    return perStation(ids, (id) => {
      const days = (by.get(id) ?? []).filter((r) => r.status === 'checked_in');
      const items: EvidenceItem[] = days.map((d) => ({
        label: `接待群众 ${d.n} 人次`,
        date: d.day,
        link: receptionsLink(id, d.day),
      }));
      return {
        value: days.length,
        summary: `${year} 年有 ${days.length} 个接待日至少接待了一位预约群众（以签到为准）`,
        items,
        link: receptionsLink(id),
      };
    });
  },
  { unit: '天' },
);

registerStationMetric(
  'receptions.served',
  '接待预约群众',
  async (exec, regionCode, ids, year) => {
    const by = await bookingOutcomes(exec, regionCode, ids, year);
    return perStation(ids, (id) => {
      const n = (by.get(id) ?? []).filter((r) => r.status === 'checked_in').reduce((a, r) => a + r.n, 0);
      return { value: n, summary: `${year} 年已签到接待的预约 ${n} 人次`, link: receptionsLink(id) };
    });
  },
  { unit: '人次' },
);

registerStationMetric(
  'receptions.noShowRate',
  '预约爽约率',
  async (exec, regionCode, ids, year) => {
    const by = await bookingOutcomes(exec, regionCode, ids, year);
    return perStation(ids, (id) => {
      const rows = by.get(id) ?? [];
      const served = rows.filter((r) => r.status === 'checked_in').reduce((a, r) => a + r.n, 0);
      const missed = rows.filter((r) => r.status === 'no_show').reduce((a, r) => a + r.n, 0);
      const total = served + missed;
      return {
        value: total ? Math.round((missed / total) * 1000) / 10 : null,
        summary: total
          ? `${year} 年预约 ${total} 人次中签到 ${served}、爽约 ${missed}`
          : `${year} 年尚无已结束的预约`,
        link: receptionsLink(id),
      };
    });
  },
  { unit: '%', better: 'lower' },
);
