import { asc, eq } from 'drizzle-orm';
import { ZodError } from 'zod';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import { assertCan } from '../../kernel/auth/actor';
import { WorkingCalendar } from '../../kernel/calendar/calendar';
import {
  type CalendarYearInput,
  calendarYearInput,
  parseOfficialCalendarJson,
} from '../../kernel/calendar/calendar.schema-input';
import { officialYears } from '../../kernel/calendar/official-years';
import { forgetCalendar } from '../../kernel/calendar/service';
import type { AppContext } from '../../kernel/context';
import type { Executor } from '../../kernel/db/client';
import { calendarDays, calendarYears } from '../../kernel/db/kernel.schema';
import { inTransaction } from '../../kernel/db/tx';
import { AppError } from '../../kernel/errors';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';

function invalid(err: ZodError): AppError {
  return new AppError(
    'calendar.invalid_year',
    400,
    undefined,
    err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}

/** Accepts either the official file format (as published in shared/data/calendar) or our own shape. */
export function parseCalendarUpload(json: unknown, year: number): CalendarYearInput {
  try {
    const own = calendarYearInput.safeParse(json);
    if (own.success) {
      if (own.data.year !== year)
        throw new AppError(
          'calendar.invalid_year',
          400,
          `文件中的年份 ${own.data.year} 与所选年份 ${year} 不一致`,
        );
      return own.data;
    }
    return parseOfficialCalendarJson(json, year);
  } catch (err) {
    if (err instanceof ZodError) throw invalid(err);
    throw err;
  }
}

/** Replaces a year's schedule (loading a newly published year, or correcting one). */
export async function storeCalendarYear(
  exec: Executor,
  input: CalendarYearInput,
  loadedBy: string,
  at: Date,
): Promise<number> {
  const workingDays = new WorkingCalendar([{ year: input.year, days: input.days }]).workingDaysInYear(
    input.year,
  );
  await inTransaction(exec, async (tx) => {
    await tx.delete(calendarDays).where(eq(calendarDays.year, input.year));
    if (input.days.length) {
      await tx
        .insert(calendarDays)
        .values(input.days.map((d) => ({ day: d.day, year: input.year, kind: d.kind, name: d.name })));
    }
    await tx
      .insert(calendarYears)
      .values({
        year: input.year,
        source: input.source,
        publishedOn: input.publishedOn ?? null,
        workingDays,
        loadedAt: at,
        loadedBy,
      })
      .onConflictDoUpdate({
        target: calendarYears.year,
        set: {
          source: input.source,
          publishedOn: input.publishedOn ?? null,
          workingDays,
          loadedAt: at,
          loadedBy,
        },
      });
  });
  forgetCalendar();
  return workingDays;
}

export async function loadCalendarYear(ctx: AppContext, actor: Actor, year: number, json: unknown) {
  const region = await findJurisdiction(ctx.database.db, ctx.config.REGION_CODE);
  // The calendar is national: only a system administrator over the whole region may load it.
  assertCan(actor, ['sysadmin'], region?.path ?? '/');
  const input = parseCalendarUpload(json, year);
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const workingDays = await storeCalendarYear(tx, input, actor.label, now);
    await appendAudit(tx, actor, now, {
      action: 'calendar.load_year',
      targetType: 'calendar_year',
      targetId: String(year),
      details: { source: input.source, days: input.days.length, workingDays },
    });
    return { year, workingDays };
  });
}

/** Seeds the published years shipped with the code into an empty database. */
export async function seedOfficialYears(exec: Executor, at: Date): Promise<void> {
  const loaded = new Set(
    (await exec.select({ year: calendarYears.year }).from(calendarYears)).map((r) => r.year),
  );
  for (const y of officialYears) {
    if (!loaded.has(y.year)) await storeCalendarYear(exec, { ...y, days: [...y.days] }, '系统初始化', at);
  }
}

export async function listYears(exec: Executor) {
  return exec.select().from(calendarYears).orderBy(asc(calendarYears.year));
}
