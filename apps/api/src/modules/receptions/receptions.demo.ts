import { toDateString } from '../../kernel/calendar/calendar';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { uuidv7 } from '../../kernel/ids';
import type { DemoRegion } from '../demo/generate';
import { receptionRules } from './receptions.schema';
import type { RuleShape } from './rules';

/** The three schedules seen most often in practice, handed out to the demo stations in turn. */
const DEMO_RULES: RuleShape[] = [
  { kind: 'monthDay', day: 10 }, // 每月10日
  { kind: 'nthWeekday', n: 3, weekday: 2 }, // 每月第三个星期二
  { kind: 'nthWeekday', n: 1, weekday: 2 }, // 每月第一个星期二
];

/**
 * Demo reception schedules: one rule per station, valid from the start of the current year, the
 * station's stationed deputies taking turns (one a day), 3 seats per 30-minute slot 09:00–11:30.
 * Call inside the demo seed transaction, after stations and station_deputies are inserted.
 */
export async function seedReceptionsDemo(ctx: AppContext, tx: Tx, region: DemoRegion): Promise<number> {
  const now = ctx.clock.now();
  const validFrom = `${toDateString(now).slice(0, 4)}-01-01`;
  const rows = region.stations.map((s, i) => ({
    regionCode: region.regionCode,
    id: uuidv7(now.getTime()),
    stationId: s.id,
    rule: DEMO_RULES[i % DEMO_RULES.length]!,
    holidayPolicy: 'next_working_day' as const,
    startTime: '09:00',
    endTime: '11:30',
    slotMinutes: 30,
    capacityPerSlot: 3,
    rotaDeputyIds: s.deputyIds,
    deputiesPerDay: 1,
    validFrom,
    validTo: null,
    theme: null,
    active: true,
    createdAt: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(receptionRules).values(rows.slice(i, i + 500));
  return rows.length;
}
