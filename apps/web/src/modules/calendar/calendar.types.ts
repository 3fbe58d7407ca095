/** `GET /api/calendar/years` items */
export interface CalendarYearRow {
  year: number;
  source: string;
  publishedOn: string | null;
  workingDays: number;
  loadedAt: string;
}

export interface CalendarYears {
  items: CalendarYearRow[];
  nextYear: number;
  nextYearLoaded: boolean;
}

/** An exception to the Monday–Friday rule: a public holiday or a make-up working day (调休). */
export interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/** `GET /api/calendar/years/:year` */
export interface CalendarYearDetail {
  year: number;
  workingDays: number;
  days: CalendarDay[];
}
