import { PlusOutlined, ReloadOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { AddWebhookModal } from './AddWebhookModal';
import type { WebhookRow } from './webhooks.types';

/** Names for the robots' jurisdiction codes (the list carries only codes), fetched once per code. */
function useJurisdictionNames(codes: string[]): Map<string, string> {
  const [names, setNames] = useState(() => new Map<string, string>());
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    for (const code of key.split(',')) {
      api
        .get<{ items: { code: string; name: string }[] }>(
          `/api/jurisdictions/${encodeURIComponent(code)}/ancestors`,
          { signal: controller.signal },
        )
        .then(({ items }) => {
          const own = items.find((item) => item.code === code);
          if (own) setNames((prev) => new Map(prev).set(code, own.name));
        })
        .catch(() => {
          // The code itself is shown instead.
        });
    }
    return () => controller.abort();
  }, [key]);
  return names;
}

export function WebhooksPage() {
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const webhooks = useApi<{ items: WebhookRow[] }>('/api/notifications/webhooks');
  const names = useJurisdictionNames((webhooks.data?.items ?? []).map((row) => row.jurisdictionCode));

  const act = async (row: WebhookRow, action: 'test' | 'disable') => {
    setBusy(`${action}:${row.id}`);
    try {
      await api.post(`/api/notifications/webhooks/${encodeURIComponent(row.id)}/${action}`, {});
      if (action === 'test') {
        message.success(`测试消息已进入发送队列，请在群内查看（${row.name}）`);
      } else {
        message.success(`已停用 ${row.name}`);
        webhooks.reload();
      }
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Typography.Title level={3}>群机器人</Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="添加企业微信或钉钉群机器人后，系统消息会同时推送到对应工作群。机器人地址含密钥，保存后仅显示域名。"
      />
      {webhooks.error ? (
        <Alert
          type="error"
          showIcon
          title={webhooks.error.message}
          style={{ marginBottom: 16 }}
          action={
            <Button size="small" onClick={webhooks.reload}>
              重试
            </Button>
          }
        />
      ) : null}
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            添加机器人
          </Button>
          <Button icon={<ReloadOutlined />} onClick={webhooks.reload} loading={webhooks.loading}>
            刷新
          </Button>
        </Space>
        <Table<WebhookRow>
          rowKey="id"
          loading={webhooks.loading}
          dataSource={webhooks.data?.items ?? []}
          locale={{ emptyText: '尚未添加群机器人' }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 860 }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            {
              title: '类型',
              dataIndex: 'kindLabel',
              width: 160,
              render: (label: string, row) => (
                <Tag color={row.kind === 'wecom' ? 'green' : row.kind === 'dingtalk' ? 'blue' : 'default'}>
                  {label}
                </Tag>
              ),
            },
            {
              title: '所属辖区',
              dataIndex: 'jurisdictionCode',
              width: 170,
              render: (code: string) => (
                <Space size={4} orientation="vertical">
                  <span>{names.get(code) ?? code}</span>
                  {names.has(code) ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {code}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: '地址',
              dataIndex: 'url',
              render: (url: string) => <Typography.Text code>{url}</Typography.Text>,
            },
            {
              title: '状态',
              dataIndex: 'enabled',
              width: 90,
              render: (enabled: boolean) =>
                enabled ? <Tag color="green">启用</Tag> : <Tag color="default">已停用</Tag>,
            },
            {
              title: '操作',
              key: 'actions',
              width: 200,
              render: (_, row) =>
                row.enabled ? (
                  <Space size={8}>
                    <Button
                      size="small"
                      icon={<SendOutlined />}
                      loading={busy === `test:${row.id}`}
                      onClick={() => act(row, 'test')}
                    >
                      发送测试
                    </Button>
                    <Popconfirm
                      title={`确定停用 ${row.name}？`}
                      description="停用后不再向该群推送消息。"
                      okText="停用"
                      cancelText="取消"
                      onConfirm={() => act(row, 'disable')}
                    >
                      <Button
                        size="small"
                        danger
                        icon={<StopOutlined />}
                        loading={busy === `disable:${row.id}`}
                      >
                        停用
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <AddWebhookModal
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={() => {
          setAdding(false);
          webhooks.reload();
        }}
      />
    </>
  );
}
