import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { grantScopes, type Scope, useScope } from '../console/scope';
import { useMe } from '../console/session';
import { JurisdictionTreeSelect } from '../jurisdictions/JurisdictionTreeSelect';
import { cleanValues, StationFields, type StationFormValues, showFieldIssues } from './StationFields';

export function StationFormModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const me = useMe();
  const { scope } = useScope();
  const { message } = App.useApp();
  const [form] = Form.useForm<StationFormValues>();
  const [where, setWhere] = useState<Scope>(scope);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await api.post('/api/stations', { ...cleanValues(values), jurisdictionCode: where.code });
      message.success(`已新建「${values.name}」`);
      form.resetFields();
      onSaved();
    } catch (cause) {
      if (!showFieldIssues(form, cause)) setError(errorText(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="新建家站点"
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={saving}
      width={760}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'station', basis: 'area', active: true }}
      >
        <Form.Item label="所在区划" required extra="区、街道（乡镇）或社区（村）">
          <JurisdictionTreeSelect
            roots={grantScopes(me)}
            value={where}
            onChange={setWhere}
            onError={(text) => message.error(text)}
            ariaLabel="所在区划"
          />
        </Form.Item>
        <StationFields managed />
      </Form>
    </Modal>
  );
}
