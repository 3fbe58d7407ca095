import { BellOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { roleLabels } from '@lianxin/contracts';
import { App, Badge, Button, Grid, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { JurisdictionTreeSelect } from '../jurisdictions/JurisdictionTreeSelect';
import { useUnread } from '../notifications/UnreadContext';
import { grantScopes, useScope } from './scope';
import { useMe, useSession } from './session';

export function HeaderBar() {
  const me = useMe();
  const { logout } = useSession();
  const { scope, setScope } = useScope();
  const { unread } = useUnread();
  const { message } = App.useApp();
  const [leaving, setLeaving] = useState(false);
  const roles = [...new Set(me.grants.map((grant) => roleLabels[grant.role]))];
  // On a phone (deputies use the workbench there) the header keeps the switcher, the bell and a
  // compact sign-out; labels and role tags would push the page wider than the screen.
  const narrow = Grid.useBreakpoint().md === false;

  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: narrow ? 8 : 16, height: '100%' }}>
      <Space size={8} style={{ minWidth: 0 }}>
        {narrow ? null : <Typography.Text type="secondary">当前辖区</Typography.Text>}
        <JurisdictionTreeSelect
          ariaLabel="切换辖区"
          style={narrow ? { width: 140 } : { minWidth: 200 }}
          roots={grantScopes(me)}
          value={scope}
          onChange={setScope}
          onError={(text) => message.error(text)}
        />
      </Space>
      <div style={{ flex: 1 }} />
      <Link to="/console/notifications" aria-label={`消息通知，${unread} 条未读`}>
        <Badge count={unread} size="small">
          <BellOutlined style={{ fontSize: 18, color: '#595959' }} />
        </Badge>
      </Link>
      <Space size={4}>
        <Link to="/console/security" title="账号安全" aria-label={`账号安全：${me.displayName}`}>
          <Space size={4}>
            <UserOutlined style={{ color: '#595959' }} />
            {narrow ? null : <Typography.Text strong>{me.displayName}</Typography.Text>}
          </Space>
        </Link>
        {(narrow ? [] : roles).map((label) => (
          <Tag key={label} color="red" variant="outlined">
            {label}
          </Tag>
        ))}
      </Space>
      <Button
        icon={<LogoutOutlined />}
        aria-label="退出登录"
        loading={leaving}
        onClick={() => {
          setLeaving(true);
          logout().finally(() => setLeaving(false));
        }}
      >
        {narrow ? null : '退出登录'}
      </Button>
    </div>
  );
}
