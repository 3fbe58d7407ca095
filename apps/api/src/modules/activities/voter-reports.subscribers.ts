import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import { timers } from '../../kernel/db/kernel.schema';
import { notify } from '../../kernel/notifications/notify';
import { accounts } from '../accounts/accounts.schema';
import { deputies } from '../deputies/deputies.schema';
import { stations } from '../stations/stations.schema';
import { voterReports } from './activities.schema';
import { upsertEventActivity } from './activities.subscribers';
import { markHeld, REPORT_DAY_TIMER } from './voter-reports.usecases';

/**
 * 述职评议 side effects, all from events: the report-day timer marks a report held; a held report
 * is a 述职 activity of the deputy (idempotent on the report, so points follow if the rule set
 * prices `activity.report`); the deputy is told when a report is scheduled.
 */
export function registerVoterReportSubscribers(ctx: AppContext): void {
  ctx.events.subscribe('timers.fired', 'activities-voter-report-day', async (e, tx) => {
    if (e.payload.kind !== REPORT_DAY_TIMER) return;
    const [t] = await tx
      .select({ payload: timers.payload })
      .from(timers)
      .where(and(eq(timers.regionCode, e.regionCode), eq(timers.id, String(e.payload.timerId))));
    const reportId = (t?.payload as { reportId?: string } | undefined)?.reportId;
    if (reportId) await markHeld(tx, e.regionCode, reportId, e.createdAt);
  });

  ctx.events.subscribe('activities.voter_report_held', 'activities-voter-report-activity', async (e, tx) => {
    const [r] = await tx
      .select()
      .from(voterReports)
      .where(and(eq(voterReports.regionCode, e.regionCode), eq(voterReports.id, String(e.payload.reportId))));
    if (!r) return;
    await upsertEventActivity(tx, e, {
      deputyId: r.deputyId,
      congressCode: r.congressCode,
      jurisdictionCode: r.jurisdictionCode,
      jurisdictionPath: r.jurisdictionPath,
      kind: 'report',
      title: r.title,
      day: r.scheduledOn,
      stationId: r.stationId,
      sourceType: 'voter_report',
      sourceId: r.id,
    });
  });

  ctx.events.subscribe(
    'activities.voter_report_scheduled',
    'activities-voter-report-notice',
    async (e, tx) => {
      const [row] = await tx
        .select({ r: voterReports, name: deputies.name, station: stations.name })
        .from(voterReports)
        .innerJoin(
          deputies,
          and(eq(deputies.regionCode, voterReports.regionCode), eq(deputies.id, voterReports.deputyId)),
        )
        .leftJoin(
          stations,
          and(eq(stations.regionCode, voterReports.regionCode), eq(stations.id, voterReports.stationId)),
        )
        .where(
          and(eq(voterReports.regionCode, e.regionCode), eq(voterReports.id, String(e.payload.reportId))),
        );
      if (row?.r.status !== 'scheduled') return;
      const params = {
        name: row.name,
        date: `${row.r.scheduledOn}${row.r.startTime ? ` ${row.r.startTime}` : ''}`,
        place: row.station ?? row.r.place ?? '指定地点',
        title: row.r.title,
      };
      const acc = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.regionCode, e.regionCode), eq(accounts.deputyId, row.r.deputyId)));
      for (const a of acc)
        await notify(
          tx,
          ctx,
          e.regionCode,
          { channel: 'inapp', accountId: a.id },
          'activities.voter_report_scheduled',
          params,
          `activities.voter_report_scheduled:${e.id}:${a.id}`,
        );
    },
  );
}
