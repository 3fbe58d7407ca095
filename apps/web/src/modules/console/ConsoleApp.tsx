import { App as AntApp, Button, Result } from 'antd';
import { Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { FullPageSpin } from '../../shared/FullPageSpin';
import { UnreadProvider } from '../notifications/UnreadContext';
import { ConsoleShell } from './ConsoleShell';
import { consoleModules } from './consoleModules';
import { LoginPage } from './LoginPage';
import { ScopeProvider } from './scope';
import { hasAnyRole, LOGIN_PATH, SessionProvider, useMe, useSession } from './session';

/** Entry of the lazily loaded staff console, mounted at /console/*. */
export default function ConsoleApp() {
  return (
    // antd's App (context-aware message/modal) lives here so the portal does not load it.
    <AntApp>
      <SessionProvider>
        <Routes>
          <Route path="login" element={<LoginPage />} />
          <Route path="*" element={<RequireStaff />} />
        </Routes>
      </SessionProvider>
    </AntApp>
  );
}

function RequireStaff() {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) return <FullPageSpin />;
  if (me === null || me.kind !== 'staff') {
    return <Navigate to={LOGIN_PATH} replace state={{ from: location.pathname }} />;
  }
  return (
    <ScopeProvider me={me}>
      <UnreadProvider>
        <ConsoleShell>
          <ConsoleRoutes />
        </ConsoleShell>
      </UnreadProvider>
    </ScopeProvider>
  );
}

function ConsoleRoutes() {
  const me = useMe();
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        {consoleModules.map(({ path, page: Page, roles }) => (
          <Route
            key={path || 'index'}
            index={path === ''}
            path={path === '' ? undefined : path}
            element={hasAnyRole(me, roles) ? <Page /> : <Forbidden />}
          />
        ))}
        <Route path="*" element={<Result status="404" title="页面不存在" extra={<BackHome />} />} />
      </Routes>
    </Suspense>
  );
}

function Forbidden() {
  return <Result status="403" title="无权访问" subTitle="您的角色不能使用此功能" extra={<BackHome />} />;
}

function BackHome() {
  return (
    <Link to="/console">
      <Button type="primary">返回总览</Button>
    </Link>
  );
}
