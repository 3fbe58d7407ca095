import { useApi } from '../../shared/useApi';

/**
 * The next reception days of a station, from the receptions module's public endpoint. Renders
 * nothing while loading, on error, or when there are none: the rule sentences on the page already
 * say when the station receives.
 */
interface ReceptionDaysOut {
  days: Array<{
    day: string;
    startTime: string;
    endTime: string;
    theme: string | null;
    deputies: Array<{ name: string }>;
    slots: Array<{ remaining: number }>;
  }>;
}

const WEEKDAYS = '日一二三四五六';

export function ReceptionDays({
  stationCode,
  deputyName,
  limit = 4,
}: {
  stationCode: string;
  /** On a deputy's page: prefer the days this deputy is on the rota, when the rota says so. */
  deputyName?: string;
  limit?: number;
}) {
  const state = useApi<ReceptionDaysOut>(
    `/api/public/stations/${encodeURIComponent(stationCode)}/reception-days`,
  );
  const all = state.data?.days ?? [];
  const own = deputyName ? all.filter((d) => d.deputies.some((p) => p.name === deputyName)) : [];
  const days = (own.length > 0 ? own : all).slice(0, limit);
  if (days.length === 0) return null;
  return (
    <ul className="reach-list" aria-label="近期接待日">
      {days.map((d) => {
        const date = new Date(`${d.day}T00:00:00`);
        const left = d.slots.reduce((n, s) => n + s.remaining, 0);
        return (
          <li key={`${d.day}-${d.startTime}`} className="reach-item">
            <span className="reach-item-main">
              <span className="reach-item-title">
                {date.getMonth() + 1}月{date.getDate()}日 星期{WEEKDAYS[date.getDay()]} {d.startTime}–
                {d.endTime}
              </span>
              <span className="reach-item-sub">
                <br />
                {d.deputies.length > 0
                  ? `接待代表：${d.deputies.map((p) => p.name).join('、')}`
                  : '代表轮值接待'}
                {d.theme ? ` · ${d.theme}` : ''}
              </span>
            </span>
            <span className="reach-distance">{left > 0 ? `余 ${left} 个名额` : '已约满'}</span>
          </li>
        );
      })}
    </ul>
  );
}
