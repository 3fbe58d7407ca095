import { Grid, Layout, Menu } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useUnread } from '../notifications/UnreadContext';
import { consoleModules } from './consoleModules';
import { HeaderBar } from './HeaderBar';
import { hasAnyRole, useMe } from './session';

const { Sider, Header, Content } = Layout;

function selectedPath(pathname: string): string {
  const rest = pathname.replace(/^\/console\/?/, '');
  return rest.split('/')[0] ?? '';
}

export function ConsoleShell({ children }: { children: ReactNode }) {
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { refresh } = useUnread();
  const [collapsed, setCollapsed] = useState(false);
  // Below md (a phone: deputies open the workbench there) the menu folds away completely behind
  // antd's zero-width trigger and the content gets the whole width.
  const narrow = Grid.useBreakpoint().md === false;

  // Refresh the unread badge on navigation rather than by polling, so an idle console stays idle
  // and the server's idle timeout can do its job.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `pathname` is the refresh trigger.
  useEffect(() => {
    refresh();
  }, [pathname, refresh]);

  const items = consoleModules
    .filter((module) => hasAnyRole(me, module.roles))
    .map((module) => ({ key: module.path, icon: module.icon, label: module.label }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 80}
        theme="light"
        width={208}
        style={
          narrow && !collapsed
            ? { position: 'fixed', zIndex: 20, height: '100vh', borderRight: '1px solid #f0f0f0' }
            : { borderRight: '1px solid #f0f0f0' }
        }
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#c8161d',
            fontWeight: 700,
            fontSize: collapsed ? 18 : 20,
            letterSpacing: 2,
          }}
        >
          {collapsed ? '连心' : '连心 · 工作台'}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selectedPath(pathname)]}
          items={items}
          onClick={({ key }) => {
            if (narrow) setCollapsed(true);
            navigate(key ? `/console/${key}` : '/console');
          }}
          aria-label="功能菜单"
        />
      </Sider>
      <Layout>
        <Header style={{ padding: narrow ? '0 12px' : '0 24px', borderBottom: '1px solid #f0f0f0' }}>
          <HeaderBar />
        </Header>
        <Content style={{ margin: narrow ? 12 : 24, minWidth: 0 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}
