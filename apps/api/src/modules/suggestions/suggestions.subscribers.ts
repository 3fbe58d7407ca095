import { and, asc, eq, inArray } from 'drizzle-orm';
import { toDateString } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { cases } from '../../kernel/db/kernel.schema';
import type { DomainEvent } from '../../kernel/events';
import { notify } from '../../kernel/notifications/notify';
import type { TemplateName } from '../../kernel/notifications/templates';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { departments } from '../congresses/congresses.schema';
import { departmentAccounts } from '../congresses/departments.repository';
import { FOLLOW_UP_DUE, missedReportOn, onFollowUpTimer } from './followup';
import { JOINT_REMIND, pendingJointTimer } from './joint';
import { KEY_REPORT_DUE, KEY_REPORT_REMIND, onKeyReportTimer } from './keyreports';
import { suggestionAssignments, suggestions } from './suggestions.schema';

async function load(tx: Tx, e: DomainEvent) {
  const [row] = await tx
    .select({ c: cases, s: suggestions, dept: departments.name })
    .from(cases)
    .innerJoin(
      suggestions,
      and(eq(suggestions.regionCode, cases.regionCode), eq(suggestions.caseId, cases.id)),
    )
    .leftJoin(
      departments,
      and(
        eq(departments.regionCode, suggestions.regionCode),
        eq(departments.id, suggestions.leadDepartmentId),
      ),
    )
    .where(and(eq(cases.regionCode, e.regionCode), eq(cases.id, String(e.payload.caseId))));
  return row;
}

/** The congress staff of the suggestion's congress. */
/** Congress staff holding a grant over exactly this jurisdiction (the suggestion's congress). */
export async function congressStaff(tx: Tx, c: { regionCode: string; jurisdictionCode: string }) {
  const rows = await tx
    .select({ id: roleGrants.accountId })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.regionCode, c.regionCode),
        eq(roleGrants.role, 'congress_staff'),
        inArray(roleGrants.scopeCode, [c.jurisdictionCode]),
      ),
    );
  return rows.map((r) => r.id);
}

const departmentName = async (tx: Tx, regionCode: string, id: string) =>
  (
    await tx
      .select({ name: departments.name })
      .from(departments)
      .where(and(eq(departments.regionCode, regionCode), eq(departments.id, id)))
  )[0]?.name ?? '会办单位';

/** In-app notices to these accounts, once per event and account (dedupe key). */
export const inapp = async (
  tx: Tx,
  ctx: AppContext,
  e: DomainEvent,
  ids: Iterable<string>,
  template: TemplateName,
  params: Record<string, string>,
) => {
  for (const id of new Set(ids))
    await notify(
      tx,
      ctx,
      e.regionCode,
      { channel: 'inapp', accountId: id },
      template,
      params,
      `${template}:${e.id}:${id}`,
    );
};

/**
 * Tells the units of their assignments, reminders and 督办, and the lead deputy of an answer
 * (in-app; the deputy's workbench). Idempotent through dedupe keys.
 */
export function registerSuggestionSubscribers(ctx: AppContext): void {
  ctx.events.subscribe('suggestions.*', 'suggestions-notify', async (e, tx) => {
    const action = e.topic.slice('suggestions.'.length);
    if (!['assign', 'answer', 'escalate', 'timer_fired'].includes(action)) return;
    const row = await load(tx, e);
    if (!row) return;
    const { c, s } = row;
    const base = { registerNo: s.registerNo ?? c.trackingNo, title: c.title };
    const due = s.answerDueAt ? toDateString(s.answerDueAt) : '期限内';
    if (action === 'assign') {
      const lead = String(e.payload.departmentId);
      const joint = (e.payload.jointDepartmentIds as string[] | undefined) ?? [];
      await inapp(tx, ctx, e, await departmentAccounts(tx, e.regionCode, lead), 'suggestions.assigned', {
        ...base,
        role: '主办',
        due,
      });
      // The opinion's own due day (suggestions.jointOpinionMonths from 交办), not a fixed month.
      const dues = joint.length
        ? await tx
            .select({ d: suggestionAssignments.departmentId, dueAt: suggestionAssignments.opinionDueAt })
            .from(suggestionAssignments)
            .where(
              and(
                eq(suggestionAssignments.regionCode, e.regionCode),
                eq(suggestionAssignments.caseId, c.id),
                eq(suggestionAssignments.role, 'joint'),
                inArray(suggestionAssignments.departmentId, joint),
              ),
            )
            .orderBy(asc(suggestionAssignments.assignedAt))
        : [];
      const dueOf = new Map(dues.map((a) => [a.d, a.dueAt])); // the latest assignment wins
      for (const d of joint) {
        const dueAt = dueOf.get(d);
        const by = dueAt ? `请于 ${toDateString(dueAt)} 前` : '请按期';
        await inapp(tx, ctx, e, await departmentAccounts(tx, e.regionCode, d), 'suggestions.assigned', {
          ...base,
          role: `会办（${by}向主办单位提出会办意见）`,
          due,
        });
      }
    } else if (action === 'answer') {
      const deputyAccounts = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.regionCode, e.regionCode), eq(accounts.deputyId, s.deputyId)));
      await inapp(
        tx,
        ctx,
        e,
        deputyAccounts.map((a) => a.id),
        'suggestions.answered',
        { title: c.title, department: row.dept ?? '承办单位', category: String(e.payload.category ?? '') },
      );
    } else if (action === 'timer_fired' && e.payload.kind === 'answer_remind' && s.leadDepartmentId) {
      await inapp(
        tx,
        ctx,
        e,
        await departmentAccounts(tx, e.regionCode, s.leadDepartmentId),
        'suggestions.remind',
        {
          ...base,
          due,
        },
      );
    } else if (action === 'escalate') {
      const ids = s.leadDepartmentId ? await departmentAccounts(tx, e.regionCode, s.leadDepartmentId) : [];
      const staff = await congressStaff(tx, c);
      const missed =
        e.payload.timerKind === 'promise_due' && s.promisedOn && s.answeredAt
          ? await missedReportOn(tx, c, s.promisedOn, toDateString(s.answeredAt))
          : null;
      const what =
        e.payload.timerKind === 'promise_due'
          ? `已过承诺完成日期（${s.promisedOn ?? ''}）${missed ? `，且未按期报送${missed}落实情况（回头看）` : ''}`
          : e.payload.timerKind === FOLLOW_UP_DUE
            ? `未按期报送${String(e.payload.period ?? '')}落实情况（回头看）`
            : '已超过答复期限';
      await inapp(tx, ctx, e, [...ids, ...staff], 'suggestions.escalated', {
        ...base,
        department: row.dept ?? '承办单位',
        what,
      });
    }
  });
  // 会办意见: the joint unit is reminded before its opinion is due; once due without it, the lead
  // unit and the congress staff are told.
  ctx.events.subscribe('suggestions.timer_fired', 'suggestions-joint', async (e, tx) => {
    const t = await pendingJointTimer(tx, e);
    if (!t) return;
    const row = await load(tx, e);
    if (!row) return;
    const { c, s } = row;
    const base = { registerNo: s.registerNo ?? c.trackingNo, title: c.title, due: t.day };
    if (t.kind === JOINT_REMIND) {
      await inapp(
        tx,
        ctx,
        e,
        await departmentAccounts(tx, e.regionCode, t.departmentId),
        'suggestions.joint_remind',
        {
          ...base,
          department: row.dept ?? '主办单位',
        },
      );
      return;
    }
    const lead = s.leadDepartmentId ? await departmentAccounts(tx, e.regionCode, s.leadDepartmentId) : [];
    await inapp(tx, ctx, e, [...lead, ...(await congressStaff(tx, c))], 'suggestions.joint_overdue', {
      ...base,
      jointDepartment: await departmentName(tx, e.regionCode, t.departmentId),
    });
  });
  // 重点督办: the lead unit is reminded of each period's progress report; a missing one is told to
  // the lead unit and the congress staff.
  ctx.events.subscribe('suggestions.timer_fired', 'suggestions-key-report', async (e, tx) => {
    if (e.payload.kind !== KEY_REPORT_DUE && e.payload.kind !== KEY_REPORT_REMIND) return;
    const row = await load(tx, e);
    if (!row) return;
    const p = await onKeyReportTimer(tx, ctx, e, row);
    if (!p) return;
    const base = { registerNo: row.s.registerNo ?? row.c.trackingNo, title: row.c.title, due: p.day };
    const unit = p.leadDepartmentId ? await departmentAccounts(tx, e.regionCode, p.leadDepartmentId) : [];
    if (p.kind === 'remind') await inapp(tx, ctx, e, unit, 'suggestions.key_report_remind', base);
    else
      await inapp(
        tx,
        ctx,
        e,
        [...unit, ...(await congressStaff(tx, row.c))],
        'suggestions.key_report_missed',
        {
          ...base,
          department: row.dept ?? '主办单位未定',
        },
      );
  });
  // 回头看: mid-year / year-end report reminders, and escalation of a missing report.
  ctx.events.subscribe('suggestions.timer_fired', 'suggestions-follow-up', (e, tx) =>
    onFollowUpTimer(tx, ctx, e, async (departmentId, p) => {
      const row = await load(tx, e);
      if (!row) return;
      await inapp(
        tx,
        ctx,
        e,
        await departmentAccounts(tx, e.regionCode, departmentId),
        'suggestions.followup_remind',
        {
          registerNo: row.s.registerNo ?? row.c.trackingNo,
          title: row.c.title,
          due: p.day,
          period: p.label,
        },
      );
    }),
  );
}
