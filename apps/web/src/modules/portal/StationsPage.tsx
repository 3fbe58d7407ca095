import { ClockCircleOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import type { ItemsOf, PublicStation, PublicTownship } from './portal.types';

export function StationsPage() {
  const [params, setParams] = useSearchParams();
  const township = params.get('township') ?? '';
  const townships = useApi<ItemsOf<PublicTownship>>('/api/public/townships');
  const stations = useApi<ItemsOf<PublicStation>>('/api/public/stations', {
    township: township || undefined,
  });

  const chooseTownship = (code: string) => {
    setParams(code ? { township: code } : {}, { replace: true });
  };

  return (
    <>
      {/* A native select: on phones (and inside WeChat) it opens the system picker. */}
      <select
        className="portal-select"
        value={township}
        onChange={(e) => chooseTownship(e.target.value)}
        aria-label="按街道镇筛选"
        disabled={townships.loading && !townships.data}
      >
        <option value="">全部街道镇</option>
        {(townships.data?.items ?? []).map((t) => (
          <option key={t.code} value={t.code}>
            {t.name}
          </option>
        ))}
      </select>
      <AsyncBlock
        state={stations}
        isEmpty={(data) => data.items.length === 0}
        emptyText={township ? '该街道镇暂无代表之家或联络站' : '暂无代表之家或联络站'}
      >
        {(data) => (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="联络站列表">
            {data.items.map((station) => (
              <StationCard key={station.id} station={station} />
            ))}
          </ul>
        )}
      </AsyncBlock>
    </>
  );
}

function StationCard({ station }: { station: PublicStation }) {
  return (
    <li className="portal-card">
      <h3>
        {station.name} <Tag color="red">{station.kindLabel}</Tag>
      </h3>
      <p>
        <EnvironmentOutlined /> {station.townshipName} · {station.address}
      </p>
      {station.openingHours ? (
        <p>
          <ClockCircleOutlined /> 接待时间：{station.openingHours}
        </p>
      ) : null}
      <p>
        <TeamOutlined /> 进站代表 {station.deputyCount} 名
      </p>
    </li>
  );
}
