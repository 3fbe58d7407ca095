import { Tag } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import '../reach/reach.css';

interface PublicLog {
  deputy: { code: string; name: string; area: string | null };
  year: number;
  activities: Array<{
    day: string;
    kind: string;
    kindName: string;
    title: string;
    place: string | null;
    content: string | null;
  }>;
  suggestions: Array<{
    id: string | null;
    title: string;
    roleLabel: string;
    submittedOn: string;
    registerNo: string | null;
    stateLabel: string;
    answerCategory: string | null;
  }>;
  reports: Array<{
    id: string;
    title: string;
    scheduledOn: string;
    place: string | null;
    statusLabel: string;
  }>;
}

/** 履职日志 (portal, /d/:code/log): what a deputy did in a year — facts only, no points, no ranks. */
export function PublicLogPage() {
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year')) || thisYear;
  const log = useApi<PublicLog>(`/api/public/deputies/${encodeURIComponent(code)}/log`, { year });
  return (
    <AsyncBlock state={log}>
      {(l) => (
        <>
          <section className="portal-card">
            <h2>
              <Link to={`/d/${l.deputy.code}`}>{l.deputy.name}</Link> 代表履职日志
            </h2>
            <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
              <button
                type="button"
                className="reach-button reach-button-ghost"
                onClick={() => setParams({ year: String(year - 1) })}
              >
                {year - 1}年
              </button>
              <strong style={{ whiteSpace: 'nowrap' }}>{year}年</strong>
              {year < thisYear ? (
                <button
                  type="button"
                  className="reach-button reach-button-ghost"
                  onClick={() => setParams({ year: String(year + 1) })}
                >
                  {year + 1}年
                </button>
              ) : null}
            </div>
            <p className="reach-hint">
              记录代表参加的活动、提出的建议和向选民述职的情况，只列事实，不作排名。
            </p>
          </section>
          <section className="portal-card" aria-label="向选民述职">
            <h3>向选民述职</h3>
            {l.reports.length === 0 ? <p className="reach-hint">本年度暂无</p> : null}
            {l.reports.map((r) => (
              <p key={r.id}>
                {r.scheduledOn} <Link to={`/r/${r.id}`}>{r.title}</Link> <Tag>{r.statusLabel}</Tag>
                <br />
                <span className="reach-item-sub">{r.place}</span>
              </p>
            ))}
          </section>
          <section className="portal-card" aria-label="履职活动">
            <h3>履职活动（{l.activities.length}）</h3>
            {l.activities.length === 0 ? <p className="reach-hint">本年度暂无登记</p> : null}
            <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {l.activities.map((a) => (
                <li
                  key={`${a.day}-${a.kind}-${a.title}`}
                  style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
                >
                  <div>
                    <Tag color="red">{a.kindName}</Tag> {a.title}
                  </div>
                  <div className="reach-item-sub">
                    {a.day}
                    {a.place ? ` · ${a.place}` : ''}
                  </div>
                  {a.content ? <div style={{ color: '#595959' }}>{a.content}</div> : null}
                </li>
              ))}
            </ul>
          </section>
          <section className="portal-card" aria-label="代表建议">
            <h3>提出建议（{l.suggestions.length}）</h3>
            {l.suggestions.length === 0 ? <p className="reach-hint">本年度暂无</p> : null}
            {l.suggestions.map((s) => (
              <p key={`${s.submittedOn}-${s.title}`}>
                <Tag>{s.roleLabel}</Tag> {s.title}
                <br />
                <span className="reach-item-sub">
                  {s.submittedOn} · {s.stateLabel}
                  {s.registerNo ? ` · ${s.registerNo}` : ''}
                  {s.answerCategory ? ` · 办理结果 ${s.answerCategory} 类` : ''}
                </span>
              </p>
            ))}
          </section>
        </>
      )}
    </AsyncBlock>
  );
}
