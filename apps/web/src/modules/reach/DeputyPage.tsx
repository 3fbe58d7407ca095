import { CalendarOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { ReceptionDays } from './ReceptionDays';
import { Avatar } from './ResultLists';
import type { PublicDeputy } from './reach.types';
import './reach.css';

/** 代表亮身份: what a citizen sees after scanning a deputy's QR code (/d/:code). */
export function DeputyPage() {
  const { code = '' } = useParams();
  const deputy = useApi<PublicDeputy>(`/api/public/deputies/${encodeURIComponent(code)}`);
  return <AsyncBlock state={deputy}>{(d) => <DeputyView d={d} />}</AsyncBlock>;
}

function DeputyView({ d }: { d: PublicDeputy }) {
  const bookable = d.receivesAtStations ? d.stations[0] : undefined;
  return (
    <>
      <section className="portal-card" aria-label="代表信息">
        <div className="reach-profile">
          <Avatar name={d.name} photoUrl={d.photoUrl} />
          <div>
            <h2>{d.name}</h2>
            <div className="reach-item-sub">
              {d.gender}
              {d.occupationCategory ? ` · ${d.occupationCategory}` : ''}
            </div>
          </div>
        </div>
        <dl className="reach-dl">
          {d.levels.map((m) => (
            <Row key={`${m.level}-${m.term}`} term="代表身份">
              {m.fullLabel}
              {m.groupName ? `（${m.groupName}）` : ''}
            </Row>
          ))}
          {d.workplace ? <Row term="工作单位">{d.workplace}</Row> : null}
          {d.expertise.length > 0 ? (
            <Row term="专长">
              {d.expertise.map((e) => (
                <Tag key={e} color="red">
                  {e}
                </Tag>
              ))}
            </Row>
          ) : null}
          {d.grids.length > 0 ? <Row term="联系网格">{d.grids.map((g) => g.name).join('、')}</Row> : null}
        </dl>
        {d.duties ? <p style={{ marginTop: 12 }}>{d.duties}</p> : null}
      </section>

      {d.stations.map((s) => (
        <section key={s.code} className="portal-card" aria-label={`进站：${s.name}`}>
          <h3>
            <Link to={`/s/${s.code}`}>{s.name}</Link> <Tag color="red">{s.kindLabel}</Tag>
          </h3>
          <p>
            <EnvironmentOutlined /> {s.address}
          </p>
          {s.schedule.map((line) => (
            <p key={line}>
              <CalendarOutlined /> {line}
            </p>
          ))}
          {s.schedule.length === 0 && s.openingHours ? <p>开放时间：{s.openingHours}</p> : null}
          <ReceptionDays stationCode={s.code} deputyName={d.name} limit={3} />
        </section>
      ))}
      <Link to={`/d/${d.code}/log`} className="reach-button reach-button-ghost" style={{ marginBottom: 12 }}>
        履职日志
      </Link>

      <Link to={`/report?deputy=${d.code}`} className="reach-button" style={{ marginBottom: 12 }}>
        我要反映
      </Link>
      {bookable ? (
        <Link to={`/s/${bookable.code}/book`} className="reach-button reach-button-ghost">
          去预约
        </Link>
      ) : (
        <Link to="/find" className="reach-button reach-button-ghost">
          找其他代表
        </Link>
      )}
      <p className="reach-hint" style={{ textAlign: 'center', marginTop: 12 }}>
        代表不会通过本页公开个人电话；请通过预约接待或到代表之家当面反映。
      </p>
    </>
  );
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
