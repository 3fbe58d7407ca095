import { LeftOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useOutletContext } from 'react-router-dom';
import { type ApiState, useApi } from '../../shared/useApi';
import type { PublicRegion } from './portal.types';
import './portal.css';

const pageTitles: Record<string, string> = {
  '/stations': '代表之家 · 联络站',
  '/find': '找代表',
  '/me': '我的',
};

export function usePortalRegion(): ApiState<PublicRegion> {
  return useOutletContext<ApiState<PublicRegion>>();
}

export function PortalLayout() {
  const region = useApi<PublicRegion>('/api/public/region');
  const { pathname } = useLocation();
  const subTitle = pageTitles[pathname.replace(/\/$/, '')];

  return (
    <div className="portal">
      <div className="portal-frame">
        <header className="portal-header">
          {subTitle ? (
            <>
              <Link to="/" className="portal-back" aria-label="返回首页">
                <LeftOutlined />
              </Link>
              <div className="portal-header-title">{subTitle}</div>
            </>
          ) : (
            <div>
              <div className="portal-header-title">{region.data?.congressName ?? '人大代表联系群众平台'}</div>
              <div className="portal-header-sub">连心 · 代表就在身边</div>
            </div>
          )}
        </header>
        <main className="portal-main">
          <Outlet context={region} />
        </main>
        <footer className="portal-footer">
          {region.data ? `${region.data.congressName} · ` : ''}连心平台
        </footer>
      </div>
    </div>
  );
}
