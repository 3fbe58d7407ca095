import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { addDays, type CivilDay } from '../../kernel/calendar/calendar';
import { loadCalendar } from '../../kernel/calendar/service';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { cases, timers } from '../../kernel/db/kernel.schema';
import { uuidv7 } from '../../kernel/ids';
import { notify } from '../../kernel/notifications/notify';
import { resolveSetting } from '../../kernel/settings';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { jurisdictions } from '../jurisdictions/jurisdictions.schema';
import { opinionCase } from './opinions.case';
import { opinions } from './opinions.schema';
import { acceptRemindBeforeDays, assignRemindBeforeDays, remindBeforeDays } from './opinions.settings';

type CaseRow = typeof cases.$inferSelect;
export const REMIND = 'reply_remind';

const openTimer = (c: CaseRow, kind: string) =>
  and(
    eq(timers.regionCode, c.regionCode),
    eq(timers.caseId, c.id),
    eq(timers.kind, kind),
    eq(timers.status, 'open'),
  );

/**
 * After any command that moves the reply deadline (交办, 改派, 延期, 重办): mirror the open
 * `reply_due` onto the opinion row (ledgers, supervision board) and re-arm the reminder that
 * fires `opinions.remindBeforeDays` working days before it, at 09:00 China time (none when that
 * moment has passed or the setting is 0).
 */
export async function syncDue(tx: Tx, ctx: AppContext, c: CaseRow): Promise<void> {
  const [due] = await tx.select().from(timers).where(openTimer(c, 'reply_due'));
  await tx
    .update(opinions)
    .set({ replyDueAt: due?.dueAt ?? null })
    .where(and(eq(opinions.regionCode, c.regionCode), eq(opinions.caseId, c.id)));
  const day = (due?.payload as { day?: CivilDay } | undefined)?.day;
  const lead = await resolveSetting(tx, c.regionCode, c.jurisdictionPath, remindBeforeDays);
  await armReminder(tx, ctx, c, REMIND, due && day ? day : null, lead);
}

/**
 * Cancels the open reminder timer `kind` of a case and, given the deadline's day, arms it again
 * `lead` working days before that day at 09:00 China time (none when that moment has passed or
 * `lead` is 0). Shared by the case modules that remind units before a deadline.
 */
export async function armReminder(
  tx: Tx,
  ctx: AppContext,
  c: CaseRow,
  kind: string,
  day: CivilDay | null,
  lead: number,
): Promise<void> {
  const now = ctx.clock.now();
  await tx.update(timers).set({ status: 'cancelled', cancelledAt: now }).where(openTimer(c, kind));
  if (!day || lead <= 0) return;
  const calendar = await loadCalendar(tx);
  let d = day;
  for (let n = 0; n < lead; ) {
    d = addDays(d, -1);
    if (calendar.isWorkingDay(d)) n++;
  }
  const at = new Date(`${d}T09:00:00+08:00`);
  if (at <= now) return;
  await tx.insert(timers).values({
    regionCode: c.regionCode,
    id: uuidv7(now.getTime()),
    caseId: c.id,
    kind,
    dueAt: at,
    payload: { onDue: null, day },
    createdAt: now,
  });
}

/**
 * Reminders before the intake deadlines: 受理 (`accept_due`, opened with the case) and 交办
 * (`assign_due`, opened by 受理 and by 退回). Each remind timer mirrors its deadline timer: armed
 * `opinions.acceptRemindBeforeDays` / `opinions.assignRemindBeforeDays` working days before it at
 * 09:00 China time while the deadline is open, cancelled once it is not (受理, 交办, 不予受理, 并单).
 */
export const INTAKE_REMINDERS = [
  {
    due: 'accept_due',
    remind: 'accept_remind',
    state: 'submitted',
    action: 'accept',
    setting: acceptRemindBeforeDays,
  },
  {
    due: 'assign_due',
    remind: 'assign_remind',
    state: 'accepted',
    action: 'assign',
    setting: assignRemindBeforeDays,
  },
] as const;

/** Re-arms (or cancels) the intake reminders of a case from its open deadline timers; idempotent. */
export async function syncIntakeReminders(tx: Tx, ctx: AppContext, c: CaseRow): Promise<void> {
  const open = await tx
    .select({ kind: timers.kind, payload: timers.payload })
    .from(timers)
    .where(
      and(
        eq(timers.regionCode, c.regionCode),
        eq(timers.caseId, c.id),
        eq(timers.status, 'open'),
        inArray(timers.kind, [...INTAKE_REMINDERS.flatMap((r) => [r.due, r.remind])]),
      ),
    );
  for (const r of INTAKE_REMINDERS) {
    const due = open.find((t) => t.kind === r.due);
    const day = (due?.payload as { day?: CivilDay } | undefined)?.day ?? null;
    const armed = open.find((t) => t.kind === r.remind);
    // Already armed for this very deadline: leave it (events of one case arrive more than once).
    if (armed && day && (armed.payload as { day?: string }).day === day) continue;
    if (!armed && !day) continue;
    const lead = day ? await resolveSetting(tx, c.regionCode, c.jurisdictionPath, r.setting) : 0;
    await armReminder(tx, ctx, c, r.remind, day, lead);
  }
}

/**
 * The staff responsible for a step of a case: those of the nearest level whose grant covers it
 * (a street's own staff for a case in the street; the district's only where the street has none),
 * in the roles that may take the step.
 */
export async function responsibleStaff(tx: Tx, c: CaseRow, action: string): Promise<string[]> {
  const roles = [...(opinionCase.actions[action]?.roles ?? [])].filter((r) => r !== 'citizen');
  if (roles.length === 0) return [];
  const rows = await tx
    .selectDistinct({ id: roleGrants.accountId, depth: sql<number>`length(${jurisdictions.path})` })
    .from(roleGrants)
    .innerJoin(jurisdictions, eq(jurisdictions.code, roleGrants.scopeCode))
    .innerJoin(
      accounts,
      and(eq(accounts.regionCode, roleGrants.regionCode), eq(accounts.id, roleGrants.accountId)),
    )
    .where(
      and(
        eq(roleGrants.regionCode, c.regionCode),
        inArray(roleGrants.role, roles),
        sql`${c.jurisdictionPath} like ${jurisdictions.path} || '%'`,
        eq(accounts.status, 'active'),
      ),
    )
    .orderBy(desc(sql`length(${jurisdictions.path})`));
  const nearest = rows[0]?.depth;
  return [...new Set(rows.filter((r) => r.depth === nearest).map((r) => r.id))];
}

/** The events after which an intake deadline may have opened or closed. */
const SYNC_ON = new Set(
  ['opened', 'accept', 'reject', 'merge', 'assign', 'return'].map((a) => `opinions.${a}`),
);

/** Side effects of the intake deadlines: keep the reminders in step, and send them when they fire. */
export function registerDeadlineSubscribers(ctx: AppContext): void {
  ctx.events.subscribe('opinions.*', 'opinions-intake-reminders', async (e, tx) => {
    const fired = e.topic === 'opinions.timer_fired';
    const r = fired ? INTAKE_REMINDERS.find((x) => x.remind === e.payload.kind) : undefined;
    if (fired ? !r : !SYNC_ON.has(e.topic)) return;
    const [c] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.regionCode, e.regionCode), eq(cases.id, String(e.payload.caseId))));
    if (!c) return;
    if (!r) {
      await syncIntakeReminders(tx, ctx, c);
      return;
    }
    if (c.state !== r.state) return;
    const [t] = await tx
      .select({ payload: timers.payload })
      .from(timers)
      .where(and(eq(timers.regionCode, c.regionCode), eq(timers.id, String(e.payload.timerId))));
    const due = String((t?.payload as { day?: string } | undefined)?.day ?? '');
    for (const id of await responsibleStaff(tx, c, r.action))
      await notify(
        tx,
        ctx,
        e.regionCode,
        { channel: 'inapp', accountId: id },
        r.remind === 'accept_remind' ? 'opinions.accept_due_soon' : 'opinions.assign_due_soon',
        { trackingNo: c.trackingNo, title: c.title, due },
        `${r.remind}:${e.id}:${id}`,
      );
  });
}
