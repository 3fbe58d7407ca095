import { EnvironmentOutlined, FileDoneOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { usePortalRegion } from './PortalLayout';

interface Tile {
  to: string;
  icon: ReactNode;
  title: string;
  caption: string;
  wide?: boolean;
}

const tiles: Tile[] = [
  { to: '/find', icon: <TeamOutlined />, title: '找代表', caption: '按位置、社区或遇到的问题找代表' },
  { to: '/stations', icon: <EnvironmentOutlined />, title: '找联络站', caption: '按街道镇查地址和接待时间' },
  { to: '/me', icon: <UserOutlined />, title: '我的', caption: '手机号验证码登录', wide: true },
  { to: '/public', icon: <FileDoneOutlined />, title: '公开', caption: '民意处置结果公开', wide: true },
];

export function HomePage() {
  const region = usePortalRegion();
  return (
    <>
      <AsyncBlock state={region}>
        {(data) => (
          <section className="portal-card" aria-label="本区概况">
            <h3>{data.name}</h3>
            <div className="portal-stats">
              <Stat value={data.counts.deputies} label="人大代表" />
              <Stat value={data.counts.stations} label="代表之家/联络站" />
              <Stat value={data.counts.townships} label="街道镇" />
            </div>
          </section>
        )}
      </AsyncBlock>

      <nav className="portal-tiles" aria-label="服务入口">
        {tiles.map((tile) => (
          <Link
            key={tile.title}
            to={tile.to}
            className={`portal-tile${tile.wide ? ' portal-tile-wide' : ''}`}
          >
            <span className="portal-tile-icon">{tile.icon}</span>
            <span className="portal-tile-title">{tile.title}</span>
            <span className="portal-tile-caption">{tile.caption}</span>
          </Link>
        ))}
      </nav>

      <section className="portal-card">
        <h3>什么是代表之家？</h3>
        <p>
          代表之家、代表联络站是人大代表联系群众的固定场所。各级人大代表定期在这里接待群众，
          听取大家对身边事、民生事的意见和建议。
        </p>
        <p>您反映的问题，代表会依法转交有关部门办理并跟踪结果，办理情况会反馈给您。</p>
      </section>
    </>
  );
}

function Stat({ value, label }: { value: number; label: string }) {
  return (
    <div>
      <div className="portal-stat-value">{value}</div>
      <div className="portal-stat-label">{label}</div>
    </div>
  );
}
