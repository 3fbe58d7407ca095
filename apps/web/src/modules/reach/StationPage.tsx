import { CalendarOutlined, ClockCircleOutlined, EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { ReceptionDays } from './ReceptionDays';
import { DeputyList } from './ResultLists';
import type { PublicStationDetail } from './reach.types';
import './reach.css';

/** A station's page (/s/:code), opened from its poster's QR code. */
export function StationPage() {
  const { code = '' } = useParams();
  const station = useApi<PublicStationDetail>(`/api/public/stations/${encodeURIComponent(code)}`);
  return (
    <AsyncBlock state={station}>
      {(s) => (
        <>
          <section className="portal-card" aria-label="站点信息">
            <h3>
              {s.name} <Tag color="red">{s.kindLabel}</Tag>
            </h3>
            <p>
              <EnvironmentOutlined /> {s.townshipName ? `${s.townshipName} · ` : ''}
              {s.address}
            </p>
            {s.openingHours ? (
              <p>
                <ClockCircleOutlined /> 开放时间：{s.openingHours}
              </p>
            ) : null}
            {s.schedule.map((line) => (
              <p key={line}>
                <CalendarOutlined /> {line}
              </p>
            ))}
            {s.deskPhone ? (
              <p>
                <PhoneOutlined /> 站点电话：<a href={`tel:${s.deskPhone}`}>{s.deskPhone}</a>
              </p>
            ) : null}
            {s.description ? <p>{s.description}</p> : null}
          </section>
          <div className="reach-section-title">近期接待日</div>
          <ReceptionDays stationCode={s.code} />
          <Link to={`/report?station=${s.code}`} className="reach-button" style={{ margin: '12px 0' }}>
            我要反映
          </Link>
          <Link
            to={`/s/${s.code}/book`}
            className="reach-button reach-button-ghost"
            style={{ margin: '12px 0' }}
          >
            预约接待
          </Link>
          <div className="reach-section-title">进站代表（{s.deputies.length} 名）</div>
          <DeputyList
            items={s.deputies.map((d) => ({ ...d, distanceMeters: null, via: null }))}
            label="进站代表"
          />
        </>
      )}
    </AsyncBlock>
  );
}
