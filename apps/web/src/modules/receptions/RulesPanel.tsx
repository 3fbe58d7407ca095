import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { RuleEditor } from './RuleEditor';
import type { ItemsOf, ReceptionRule } from './receptions.types';

/** A station's reception rules with their rota; create, edit, delete (only if never booked). */
export function RulesPanel({ stationId }: { stationId: string }) {
  const { message } = App.useApp();
  const rules = useApi<ItemsOf<ReceptionRule>>('/api/receptions/rules', { station: stationId });
  const [editing, setEditing] = useState<ReceptionRule | 'new' | null>(null);

  const remove = async (r: ReceptionRule) => {
    try {
      await api.delete(`/api/receptions/rules/${r.id}`);
      message.success('已删除');
      rules.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <>
      {rules.error ? (
        <Alert type="error" showIcon title={rules.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新建规则
        </Button>
      </Space>
      <Table<ReceptionRule>
        rowKey="id"
        loading={rules.loading}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '尚未设置接待日规则' }}
        columns={[
          {
            title: '规则',
            dataIndex: 'description',
            render: (d: string, r) => (
              <>
                {d} {r.active ? null : <Tag>已停用</Tag>}
              </>
            ),
          },
          {
            title: '时间',
            render: (_, r) => `${r.startTime}–${r.endTime}，每 ${r.slotMinutes} 分钟 ${r.capacityPerSlot} 人`,
          },
          {
            title: '轮值代表',
            render: (_, r) => (
              <>
                {r.rotaDeputies.map((d) => (
                  <Tag key={d.id}>{d.name}</Tag>
                ))}
                {r.rotaDeputies.length ? `每天 ${r.deputiesPerDay} 名` : '未设置'}
              </>
            ),
          },
          { title: '有效期', render: (_, r) => `${r.validFrom} 起${r.validTo ? ` 至 ${r.validTo}` : ''}` },
          {
            title: '操作',
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setEditing(r)}>
                  修改
                </Button>
                <Popconfirm
                  title="删除该规则？已有预约的规则只能停用。"
                  onConfirm={() => remove(r)}
                  okText="删除"
                  cancelText="取消"
                >
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing ? (
        <RuleEditor
          stationId={stationId}
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            rules.reload();
          }}
        />
      ) : null}
    </>
  );
}
