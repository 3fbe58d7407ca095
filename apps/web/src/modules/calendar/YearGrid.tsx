import { Card, Col, Row } from 'antd';
import type { CalendarDay } from './calendar.types';
import './calendar.css';

const weekdayHeads = ['一', '二', '三', '四', '五', '六', '日'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Blank cells before the 1st (weeks start on Monday) and the number of days in the month. */
function monthShape(year: number, month: number): { lead: number; length: number } {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay(); // 0 = Sunday
  return { lead: (first + 6) % 7, length: new Date(Date.UTC(year, month + 1, 0)).getUTCDate() };
}

function Month({ year, month, byDay }: { year: number; month: number; byDay: Map<string, CalendarDay> }) {
  const { lead, length } = monthShape(year, month);
  const dates = Array.from({ length }, (_, i) => i + 1);
  return (
    <Card size="small" title={`${month + 1} 月`}>
      <section className="lx-month" aria-label={`${year} 年 ${month + 1} 月`}>
        {weekdayHeads.map((head) => (
          <div key={head} className="lx-month-head">
            {head}
          </div>
        ))}
        {lead > 0 ? <div style={{ gridColumn: `span ${lead}` }} /> : null}
        {dates.map((date) => {
          const iso = `${year}-${pad(month + 1)}-${pad(date)}`;
          const special = byDay.get(iso);
          const weekend = (lead + date - 1) % 7 >= 5;
          const className = special
            ? `lx-day lx-day-${special.kind}`
            : weekend
              ? 'lx-day lx-day-weekend'
              : 'lx-day';
          return (
            <div key={iso} className={className} title={special ? `${iso} ${special.name}` : iso}>
              {date}
              {special ? (
                <span className="lx-day-mark">{special.kind === 'holiday' ? '休' : '班'}</span>
              ) : null}
            </div>
          );
        })}
      </section>
    </Card>
  );
}

const months = Array.from({ length: 12 }, (_, i) => i);

export function YearGrid({ year, days }: { year: number; days: CalendarDay[] }) {
  const byDay = new Map(days.map((d) => [d.day, d]));
  return (
    <Row gutter={[12, 12]}>
      {months.map((month) => (
        <Col key={month} xs={24} sm={12} lg={8} xxl={6}>
          <Month year={year} month={month} byDay={byDay} />
        </Col>
      ))}
    </Row>
  );
}
