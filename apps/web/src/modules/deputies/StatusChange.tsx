import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { type Deputy, type DeputyStatus, statusColors, statusLabels } from './deputies.types';

/** 在任/辞职/罢免/终止 with the date and the reason (audited on the server). */
export function StatusChange({
  deputy,
  canWrite,
  onChanged,
}: {
  deputy: Deputy;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ status: DeputyStatus; date: string; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/deputies/${deputy.id}/status`, v);
      message.success(`状态已变更为“${statusLabels[v.status]}”`);
      form.resetFields();
      onChanged();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="代表状态" size="small" style={{ marginTop: 16 }}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label="当前状态">
          <Tag color={statusColors[deputy.status]}>{deputy.statusLabel}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="变更日期">{deputy.statusChangedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="原因">{deputy.statusReason ?? '—'}</Descriptions.Item>
      </Descriptions>
      {canWrite ? (
        <Form form={form} layout="inline" style={{ marginTop: 12 }}>
          <Space wrap>
            <Form.Item name="status" rules={[{ required: true, message: '请选择状态' }]}>
              <Select
                placeholder="新状态"
                aria-label="新状态"
                style={{ width: 110 }}
                options={Object.entries(statusLabels).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item name="date" rules={[{ required: true, message: '请选择日期' }]}>
              <Input type="date" aria-label="变更日期" />
            </Form.Item>
            <Form.Item name="reason" rules={[{ required: true, min: 2, message: '请填写变更原因' }]}>
              <Input placeholder="变更原因" aria-label="变更原因" style={{ width: 220 }} />
            </Form.Item>
            <Button onClick={submit} loading={saving}>
              变更状态
            </Button>
          </Space>
        </Form>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} /> : null}
    </Card>
  );
}
