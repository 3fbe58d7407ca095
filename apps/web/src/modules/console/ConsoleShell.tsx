import { Layout, Menu } from 'antd';
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
        theme="light"
        width={208}
        style={{ borderRight: '1px solid #f0f0f0' }}
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
          onClick={({ key }) => navigate(key ? `/console/${key}` : '/console')}
          aria-label="功能菜单"
        />
      </Sider>
      <Layout>
        <Header style={{ padding: '0 24px', borderBottom: '1px solid #f0f0f0' }}>
          <HeaderBar />
        </Header>
        <Content style={{ margin: 24, minWidth: 0 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}
