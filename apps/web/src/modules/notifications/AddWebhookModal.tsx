import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, errorText, type FieldIssue, fieldIssues } from '../../api';
import { grantScopes, type Scope, useScope } from '../console/scope';
import { useMe } from '../console/session';
import { JurisdictionTreeSelect } from '../jurisdictions/JurisdictionTreeSelect';
import { type CreateWebhookRequest, type WebhookKind, webhookKindLabels } from './webhooks.types';

interface FormValues {
  kind: WebhookKind;
  name: string;
  url: string;
}

const urlHints: Record<WebhookKind, string> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  generic: 'https://…',
};

const formFields = new Set(['kind', 'name', 'url']);

export function AddWebhookModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const me = useMe();
  const { scope } = useScope();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'wecom';
  const [targetScope, setTargetScope] = useState<Scope>(scope);
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    setIssues([]);
    try {
      const body: CreateWebhookRequest = {
        kind: values.kind,
        name: values.name.trim(),
        jurisdictionCode: targetScope.code,
        url: values.url.trim(),
      };
      await api.post<{ id: string }>('/api/notifications/webhooks', body);
      message.success(`已添加 ${body.name}`);
      form.resetFields();
      onCreated();
    } catch (cause) {
      const found = fieldIssues(cause).map((issue) => ({
        ...issue,
        path: issue.path.replace(/^body\.?/, ''),
      }));
      setIssues(found);
      setError(errorText(cause));
      form.setFields(
        found
          .filter((issue) => formFields.has(issue.path))
          .map((issue) => ({ name: issue.path as keyof FormValues, errors: [issue.message] })),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="添加群机器人"
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="添加"
      confirmLoading={saving}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) {
          setTargetScope(scope);
          setError(null);
          setIssues([]);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'wecom' }}>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择机器人类型' }]}>
          <Select
            aria-label="机器人类型"
            options={(Object.keys(webhookKindLabels) as WebhookKind[]).map((value) => ({
              value,
              label: webhookKindLabels[value],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请填写名称' },
            { max: 50, message: '名称不超过 50 个字符' },
          ]}
        >
          <Input placeholder="如：代表联络工作群" maxLength={50} />
        </Form.Item>
        <Form.Item label="所属辖区" required>
          <JurisdictionTreeSelect
            roots={grantScopes(me)}
            value={targetScope}
            onChange={setTargetScope}
            onError={(text) => message.error(text)}
            ariaLabel="所属辖区"
          />
        </Form.Item>
        <Form.Item
          name="url"
          label="Webhook 地址"
          extra="在群设置中添加机器人后复制地址。地址含密钥，保存后仅显示域名。"
          rules={[
            { required: true, whitespace: true, message: '请填写 Webhook 地址' },
            { max: 1000, message: '地址过长' },
          ]}
        >
          <Input placeholder={urlHints[kind]} autoComplete="off" />
        </Form.Item>
      </Form>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error}
          description={
            issues.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {issues.map((issue) => (
                  <li key={`${issue.path}-${issue.message}`}>{issue.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
    </Modal>
  );
}
