import { PlusOutlined } from '@ant-design/icons';
import { roleLabels } from '@lianxin/contracts';
import { Alert, App, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { formatDateTime } from '../../shared/format';
import { useApi } from '../../shared/useApi';
import { useScope } from '../console/scope';
import { hasAnyRole, useMe } from '../console/session';
import type { AccountRow } from './accounts.types';
import { CreateAccountModal } from './CreateAccountModal';

const statusLabels: Record<string, string> = { active: '正常', disabled: '已停用' };

export function AccountsPage() {
  const me = useMe();
  const { scope } = useScope();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const accounts = useApi<{ items: AccountRow[] }>('/api/accounts', { scope: scope.code, q: q || undefined });
  const canUnlock = hasAnyRole(me, ['secadmin']);
  const canCreate = hasAnyRole(me, ['sysadmin']);

  const unlock = async (row: AccountRow) => {
    try {
      await api.post(`/api/accounts/${encodeURIComponent(row.id)}/unlock`);
      message.success(`已解锁 ${row.displayName}`);
      accounts.reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <>
      <Typography.Title level={3}>账号管理</Typography.Title>
      {accounts.error ? (
        <Alert type="error" showIcon title={accounts.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Input.Search
            allowClear
            placeholder="搜索用户名或姓名"
            onSearch={(value) => setQ(value.trim())}
            style={{ width: 260 }}
            aria-label="搜索账号"
          />
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建账号
            </Button>
          ) : null}
        </Space>
        <Table<AccountRow>
          rowKey="id"
          loading={accounts.loading}
          dataSource={accounts.data?.items ?? []}
          locale={{ emptyText: q ? '没有符合条件的账号' : '暂无账号' }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 900 }}
          columns={[
            { title: '用户名', dataIndex: 'username', render: (u: string | null) => u ?? '—' },
            { title: '姓名', dataIndex: 'displayName' },
            {
              title: '角色与辖区',
              key: 'grants',
              render: (_, row) =>
                row.grants.map((g) => (
                  <Tag key={`${g.role}-${g.scopeCode}`} color="red" variant="outlined">
                    {roleLabels[g.role] ?? g.role} · {g.scopeName}
                  </Tag>
                )),
            },
            {
              title: '状态',
              key: 'status',
              render: (_, row) => (
                <Space size={4}>
                  <Tag color={row.status === 'active' ? 'green' : 'default'}>
                    {statusLabels[row.status] ?? row.status}
                  </Tag>
                  {row.locked ? <Tag color="orange">已锁定</Tag> : null}
                </Space>
              ),
            },
            { title: '最近登录', dataIndex: 'lastLoginAt', render: formatDateTime },
            {
              title: '操作',
              key: 'actions',
              render: (_, row) =>
                canUnlock && row.locked ? (
                  <Popconfirm title={`确定解锁 ${row.displayName} 的账号？`} onConfirm={() => unlock(row)}>
                    <Button size="small">解锁</Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      {canCreate ? (
        <CreateAccountModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            accounts.reload();
          }}
        />
      ) : null}
    </>
  );
}
