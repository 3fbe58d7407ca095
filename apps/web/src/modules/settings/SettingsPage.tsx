import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../shared/useApi';
import { useScope } from '../console/scope';
import { hasAnyRole, useMe } from '../console/session';
import { StateNamesPanel } from '../opinions/config/StateNamesPanel';
import { SettingEditor } from './SettingEditor';
import type { JsonValue, SettingItem } from './settings.types';

function display(value: JsonValue): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return JSON.stringify(value);
}

/** State names (状态名称) get their own editor: a name per state, shown with its phase. */
const STATE_NAMES = 'workflow.stateNames.';

export function SettingsPage() {
  const me = useMe();
  const { scope } = useScope();
  const settings = useApi<{ items: SettingItem[] }>('/api/settings', { scope: scope.code });
  const [editing, setEditing] = useState<SettingItem | null>(null);
  const canEdit = hasAnyRole(me, ['sysadmin', 'congress_staff']);

  return (
    <>
      <Typography.Title level={3}>参数设置</Typography.Title>
      <Typography.Paragraph type="secondary">
        当前辖区：{scope.name}。未在本级设定的参数继承上级的设定。
      </Typography.Paragraph>
      {settings.error ? (
        <Alert type="error" showIcon title={settings.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <Table<SettingItem>
          rowKey="key"
          loading={settings.loading}
          dataSource={settings.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '暂无参数' }}
          columns={[
            {
              title: '参数',
              key: 'label',
              render: (_, row) => (
                <>
                  <Typography.Text strong>{row.label}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {row.description}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: '当前值',
              dataIndex: 'value',
              width: 220,
              render: (value: JsonValue) => <code style={{ wordBreak: 'break-all' }}>{display(value)}</code>,
            },
            {
              title: '来源',
              key: 'source',
              width: 180,
              render: (_, row) =>
                row.definedHere ? (
                  <Tag color="red">本级设定</Tag>
                ) : row.inheritedFrom ? (
                  <Tag>继承自 {row.inheritedFrom.name}</Tag>
                ) : (
                  <Tag>系统默认</Tag>
                ),
            },
            ...(canEdit
              ? [
                  {
                    title: '操作',
                    key: 'edit',
                    width: 100,
                    render: (_: unknown, row: SettingItem) => (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(row)}>
                        修改
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing?.key.startsWith(STATE_NAMES) ? (
        <Modal open title={editing.label} footer={null} width={760} onCancel={() => setEditing(null)}>
          <StateNamesPanel
            scope={scope}
            type={editing.key.slice(STATE_NAMES.length)}
            canEdit={canEdit}
            onSaved={settings.reload}
          />
        </Modal>
      ) : editing ? (
        <SettingEditor
          item={editing}
          scope={scope}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            settings.reload();
          }}
        />
      ) : null}
    </>
  );
}
