import { Alert, App, Input, InputNumber, Modal, Switch, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, errorText, fieldIssues } from '../../api';
import type { Scope } from '../console/scope';
import type { JsonValue, SettingItem } from './settings.types';

interface Props {
  item: SettingItem;
  scope: Scope;
  onClose: () => void;
  onSaved: () => void;
}

/** Edits one setting with a control that matches the type of its current value. */
export function SettingEditor({ item, scope, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<JsonValue>(item.value);
  const [jsonText, setJsonText] = useState(() => JSON.stringify(item.value, null, 2));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const kind = typeof item.value;
  const isStructured = item.value === null || kind === 'object';

  const save = async () => {
    let value: JsonValue = draft;
    if (isStructured) {
      try {
        value = JSON.parse(jsonText) as JsonValue;
      } catch {
        setError('不是有效的 JSON，请检查格式');
        return;
      }
    }
    setSaving(true);
    setError(null);
    try {
      await api.put(
        `/api/settings/${encodeURIComponent(item.key)}`,
        { value },
        { query: { scope: scope.code } },
      );
      message.success(`已保存「${item.label}」`);
      onSaved();
    } catch (cause) {
      const details = fieldIssues(cause).map((issue) => issue.message);
      setError(
        cause instanceof ApiError && details.length > 0
          ? `${cause.message}：${details.join('；')}`
          : errorText(cause),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`修改：${item.label}`}
      onCancel={onClose}
      onOk={save}
      okText="保存"
      confirmLoading={saving}
    >
      <Typography.Paragraph type="secondary">{item.description}</Typography.Paragraph>
      <Typography.Paragraph>
        适用范围：{scope.name}
        {item.inheritedFrom ? `（当前继承自 ${item.inheritedFrom.name}，保存后在本级单独设定）` : ''}
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {kind === 'number' ? (
        <InputNumber
          value={draft as number}
          onChange={(v) => setDraft(v ?? 0)}
          style={{ width: 200 }}
          aria-label={item.label}
        />
      ) : null}
      {kind === 'boolean' ? (
        <Switch
          checked={draft === true}
          onChange={setDraft}
          checkedChildren="开"
          unCheckedChildren="关"
          aria-label={item.label}
        />
      ) : null}
      {kind === 'string' ? (
        <Input value={String(draft)} onChange={(e) => setDraft(e.target.value)} aria-label={item.label} />
      ) : null}
      {isStructured ? (
        <Input.TextArea
          rows={8}
          value={jsonText}
          onChange={(e) => setJsonText(e.target.value)}
          style={{ fontFamily: 'monospace' }}
          aria-label={item.label}
        />
      ) : null}
    </Modal>
  );
}
