import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { formatDateTime } from '../../shared/format';
import { useApi } from '../../shared/useApi';
import { useScope } from '../console/scope';
import type { SmsOutboxItem } from './notifications.types';

export function SmsOutboxPage() {
  const { scope } = useScope();
  const outbox = useApi<{ items: SmsOutboxItem[] }>('/api/notifications/sms-outbox', { scope: scope.code });
  return (
    <>
      <Typography.Title level={3}>短信发件箱</Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="默认短信通道仅记录到发件箱，接入短信网关后真实发送。"
      />
      {outbox.error ? (
        <Alert type="error" showIcon title={outbox.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <Space style={{ marginBottom: 16 }}>
          <Button icon={<ReloadOutlined />} onClick={outbox.reload} loading={outbox.loading}>
            刷新
          </Button>
        </Space>
        <Table<SmsOutboxItem>
          rowKey="id"
          loading={outbox.loading}
          dataSource={outbox.data?.items ?? []}
          locale={{ emptyText: '发件箱暂无短信' }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', width: 180, render: formatDateTime },
            { title: '手机号', dataIndex: 'phoneMasked', width: 140 },
            { title: '内容', dataIndex: 'body' },
          ]}
        />
      </Card>
    </>
  );
}
