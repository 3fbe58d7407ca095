import { type Role, roleLabels } from '@lianxin/contracts';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { grantScopes, type Scope, useScope } from '../console/scope';
import { useMe } from '../console/session';
import { JurisdictionTreeSelect } from '../jurisdictions/JurisdictionTreeSelect';
import type { CreateAccountRequest } from './accounts.types';

const staffRoles: Role[] = [
  'congress_staff',
  'station_staff',
  'deputy',
  'department_handler',
  'procuratorate_liaison',
  'sysadmin',
  'secadmin',
  'auditadmin',
];

interface FormValues {
  username: string;
  displayName: string;
  password: string;
  role: Role;
}

export function CreateAccountModal({
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
  const [accountScope, setAccountScope] = useState<Scope>(scope);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const body: CreateAccountRequest = {
        ...values,
        username: values.username.trim(),
        scopeCode: accountScope.code,
      };
      await api.post('/api/accounts', body);
      message.success(`已创建账号 ${body.username}`);
      form.resetFields();
      onCreated();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="新建账号"
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="创建"
      confirmLoading={saving}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ role: 'congress_staff' }}>
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            { required: true, whitespace: true, message: '请输入用户名' },
            { max: 64, message: '用户名不超过 64 个字符' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label="初始密码"
          extra="至少 10 位，且包含大写字母、小写字母、数字和符号中的三种"
          rules={[
            { required: true, message: '请输入初始密码' },
            { min: 10, message: '密码至少 10 位' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={staffRoles.map((role) => ({ value: role, label: roleLabels[role] }))} />
        </Form.Item>
        <Form.Item label="管辖范围" required>
          <JurisdictionTreeSelect
            roots={grantScopes(me)}
            value={accountScope}
            onChange={setAccountScope}
            onError={(text) => message.error(text)}
            ariaLabel="管辖范围"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
