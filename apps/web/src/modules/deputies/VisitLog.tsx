import { Alert, App, Button, Drawer, Form, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import type { LiaisonPair, LiaisonVisit } from './deputies.types';

const modes = [
  { value: 'visit', label: '走访' },
  { value: 'meeting', label: '座谈' },
  { value: 'phone', label: '电话' },
  { value: 'online', label: '网络' },
];
const modeLabel = Object.fromEntries(modes.map((m) => [m.value, m.label]));

/** A pair's visit log; recording a visit re-arms the no-contact reminder on the server. */
export function VisitLog({
  pair,
  canWrite,
  onClose,
  onRecorded,
}: {
  pair: LiaisonPair;
  canWrite: boolean;
  onClose: () => void;
  onRecorded: () => void;
}) {
  const { message } = App.useApp();
  const visits = useApi<{ items: LiaisonVisit[] }>(`/api/liaison-pairs/${pair.id}/visits`);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);

  const record = async () => {
    const v = await form.validateFields();
    try {
      await api.post(`/api/liaison-pairs/${pair.id}/visits`, v);
      message.success('已登记联系');
      form.resetFields();
      visits.reload();
      onRecorded();
    } catch (cause) {
      setError(errorText(cause));
    }
  };

  return (
    <Drawer open size={640} title={`${pair.memberName} ↔ ${pair.deputyName} 联系记录`} onClose={onClose}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {canWrite ? (
        <Form form={form} layout="vertical" initialValues={{ mode: 'visit' }}>
          <Space wrap>
            <Form.Item name="visitedOn" label="联系日期" rules={[{ required: true, message: '请选择日期' }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="mode" label="方式">
              <Select style={{ width: 100 }} options={modes} />
            </Form.Item>
          </Space>
          <Form.Item
            name="summary"
            label="联系内容"
            rules={[{ required: true, min: 2, message: '请填写联系内容' }]}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Button type="primary" onClick={record} style={{ marginBottom: 16 }}>
            登记联系
          </Button>
        </Form>
      ) : null}
      <Table<LiaisonVisit>
        rowKey="id"
        size="small"
        loading={visits.loading}
        dataSource={visits.data?.items ?? []}
        locale={{ emptyText: '尚无联系记录' }}
        pagination={false}
        columns={[
          { title: '日期', dataIndex: 'visitedOn', width: 110 },
          { title: '方式', dataIndex: 'mode', width: 70, render: (m: string) => modeLabel[m] ?? m },
          { title: '内容', dataIndex: 'summary' },
        ]}
      />
    </Drawer>
  );
}
