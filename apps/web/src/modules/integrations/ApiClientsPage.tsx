import { CopyOutlined, KeyOutlined, PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { formatDateTime } from '../../shared/format';
import { useApi } from '../../shared/useApi';
import { grantScopes, type Scope, useScope } from '../console/scope';
import { useMe } from '../console/session';
import { JurisdictionTreeSelect } from '../jurisdictions/JurisdictionTreeSelect';
import {
  type ApiClientKind,
  type ApiClientRow,
  apiClientKindLabels,
  type IssueApiKeyRequest,
  type IssueApiKeyResponse,
} from './integrations.types';

interface IssueValues {
  kind: ApiClientKind;
  name: string;
  contact?: string;
}

/** Issue dialog: on success it shows the full key once, with a copy button and a warning. */
function IssueKeyModal({
  open,
  onClose,
  onIssued,
}: {
  open: boolean;
  onClose: () => void;
  onIssued: () => void;
}) {
  const me = useMe();
  const { scope } = useScope();
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueValues>();
  const [target, setTarget] = useState<Scope>(scope);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssueApiKeyResponse | null>(null);

  const submit = async () => {
    if (issued) {
      onClose();
      return;
    }
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const body: IssueApiKeyRequest = {
        kind: values.kind,
        name: values.name.trim(),
        jurisdictionCode: target.code,
        ...(values.contact?.trim() ? { contact: values.contact.trim() } : {}),
      };
      setIssued(await api.post<IssueApiKeyResponse>('/api/integrations/clients', body));
      onIssued();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setSaving(false);
    }
  };

  const copy = async () => {
    if (!issued) return;
    try {
      await navigator.clipboard.writeText(issued.key);
      message.success('密钥已复制');
    } catch {
      message.error('无法访问剪贴板，请手动选中密钥复制');
    }
  };

  return (
    <Modal
      title={issued ? '密钥已签发' : '签发接口密钥'}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText={issued ? '我已妥善保存，关闭' : '签发'}
      cancelButtonProps={issued ? { style: { display: 'none' } } : undefined}
      confirmLoading={saving}
      maskClosable={!issued}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) {
          setTarget(scope);
          setError(null);
          setIssued(null);
        }
      }}
    >
      {issued ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            title="完整密钥只显示这一次"
            description="请立即复制并通过安全渠道交给对接方。关闭后系统只保留密钥前缀，无法再次查看；如遗失，请吊销后重新签发。"
          />
          <Typography.Text type="secondary">
            {issued.client.name}（{issued.client.kindLabel}，
            {issued.client.jurisdictionName ?? issued.client.jurisdictionCode}）
          </Typography.Text>
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={issued.key} aria-label="接口密钥" style={{ fontFamily: 'monospace' }} />
            <Button icon={<CopyOutlined />} onClick={copy}>
              复制
            </Button>
          </Space.Compact>
        </Space>
      ) : (
        <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'open311' }}>
          <Form.Item name="kind" label="接口类型" rules={[{ required: true, message: '请选择接口类型' }]}>
            <Select
              aria-label="接口类型"
              options={(Object.keys(apiClientKindLabels) as ApiClientKind[]).map((value) => ({
                value,
                label: apiClientKindLabels[value],
              }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label="客户端名称"
            rules={[
              { required: true, whitespace: true, message: '请填写客户端名称' },
              { min: 2, message: '名称至少 2 个字' },
              { max: 50, message: '名称不超过 50 字' },
            ]}
          >
            <Input placeholder="如：市民随手拍 App" maxLength={50} />
          </Form.Item>
          <Form.Item label="授权辖区" required extra="该客户端只能向此辖区（含下级）提交事项。">
            <JurisdictionTreeSelect
              roots={grantScopes(me)}
              value={target}
              onChange={setTarget}
              onError={(text) => message.error(text)}
              ariaLabel="授权辖区"
            />
          </Form.Item>
          <Form.Item name="contact" label="对接联系人" rules={[{ max: 100, message: '不超过 100 字' }]}>
            <Input placeholder="单位、联系人（选填）" maxLength={100} />
          </Form.Item>
        </Form>
      )}
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}

/** Revoke dialog: a reason is required and goes to the audit log. */
function RevokeModal({
  row,
  onClose,
  onRevoked,
}: {
  row: ApiClientRow | null;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!row) return;
    if (reason.trim().length < 2) {
      setError('请填写吊销理由（至少 2 个字）');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/integrations/clients/${encodeURIComponent(row.id)}/revoke`, {
        reason: reason.trim(),
      });
      message.success(`已吊销 ${row.name} 的密钥`);
      onRevoked();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={row ? `吊销密钥：${row.name}` : '吊销密钥'}
      open={row !== null}
      onCancel={onClose}
      onOk={submit}
      okText="吊销"
      okButtonProps={{ danger: true }}
      confirmLoading={saving}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) {
          setReason('');
          setError(null);
        }
      }}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="吊销后该密钥立即失效且不可恢复；已提交的事项不受影响。"
      />
      <Input.TextArea
        aria-label="吊销理由"
        placeholder="吊销理由（记入审计日志）"
        value={reason}
        maxLength={200}
        rows={3}
        onChange={(e) => setReason(e.target.value)}
      />
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} /> : null}
    </Modal>
  );
}

export function ApiClientsPage() {
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<ApiClientRow | null>(null);
  const clients = useApi<{ items: ApiClientRow[] }>('/api/integrations/clients');

  return (
    <>
      <Typography.Title level={3}>接口密钥</Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="为 Open311 客户端或 12345 热线工单系统签发密钥，对方凭密钥向授权辖区提交事项。系统只保存密钥的摘要，列表仅显示前缀。"
      />
      {clients.error ? (
        <Alert
          type="error"
          showIcon
          title={clients.error.message}
          style={{ marginBottom: 16 }}
          action={
            <Button size="small" onClick={clients.reload}>
              重试
            </Button>
          }
        />
      ) : null}
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>
            签发密钥
          </Button>
          <Button icon={<ReloadOutlined />} onClick={clients.reload} loading={clients.loading}>
            刷新
          </Button>
        </Space>
        <Table<ApiClientRow>
          rowKey="id"
          loading={clients.loading}
          dataSource={clients.data?.items ?? []}
          locale={{ emptyText: '尚未签发接口密钥' }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          columns={[
            {
              title: '客户端',
              dataIndex: 'name',
              render: (name: string, row) => (
                <Space size={4} orientation="vertical">
                  <span>{name}</span>
                  {row.contact ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {row.contact}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: '类型',
              dataIndex: 'kindLabel',
              width: 170,
              render: (label: string, row) => (
                <Tag color={row.kind === 'open311' ? 'blue' : 'purple'}>{label}</Tag>
              ),
            },
            {
              title: '授权辖区',
              dataIndex: 'jurisdictionCode',
              width: 140,
              render: (code: string, row) => row.jurisdictionName ?? code,
            },
            {
              title: '密钥前缀',
              dataIndex: 'keyPrefix',
              width: 150,
              render: (prefix: string) => (
                <Typography.Text code>
                  <KeyOutlined /> {prefix}_…
                </Typography.Text>
              ),
            },
            { title: '签发时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
            { title: '最近使用', dataIndex: 'lastUsedAt', width: 150, render: formatDateTime },
            {
              title: '状态',
              dataIndex: 'active',
              width: 150,
              render: (active: boolean, row) =>
                active ? (
                  <Tag color="green">有效</Tag>
                ) : (
                  <Space size={4} orientation="vertical">
                    <Tag color="red">已吊销</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(row.revokedAt)}
                    </Typography.Text>
                  </Space>
                ),
            },
            {
              title: '操作',
              key: 'actions',
              width: 100,
              render: (_, row) =>
                row.active ? (
                  <Button size="small" danger icon={<StopOutlined />} onClick={() => setRevoking(row)}>
                    吊销
                  </Button>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <IssueKeyModal open={issuing} onClose={() => setIssuing(false)} onIssued={clients.reload} />
      <RevokeModal
        row={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={() => {
          setRevoking(null);
          clients.reload();
        }}
      />
    </>
  );
}
