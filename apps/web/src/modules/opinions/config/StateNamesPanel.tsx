import { Alert, App, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../../api';
import { useApi } from '../../../shared/useApi';
import type { Scope } from '../../console/scope';
import type { StateNames } from './config.types';

interface Props {
  scope: Scope;
  /** The case type whose states are named ('opinions'). */
  type?: string;
  canEdit: boolean;
  onSaved?: () => void;
}

/**
 * 状态名称: what this congress calls each state. Only the name changes; the phase is fixed. A blank
 * name follows the level above (or the system's name).
 */
export function StateNamesPanel({ scope, type = 'opinions', canEdit, onSaved }: Props) {
  const { message } = App.useApp();
  const names = useApi<StateNames>(`/api/settings/state-names/${type}`, { scope: scope.code });
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (names.data) setDraft(Object.fromEntries(names.data.items.map((i) => [i.state, i.setHere ?? ''])));
  }, [names.data]);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.put(`/api/settings/state-names/${type}`, { names: draft }, { query: { scope: scope.code } });
      message.success('已保存状态名称');
      names.reload();
      onSaved?.();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Typography.Paragraph type="secondary">
        适用范围：{scope.name}。只改变状态的称呼，不改变所处阶段和办理流程；留空则沿用上级或系统名称。
        名称为中文，不超过 12 个字，且互不重复。
      </Typography.Paragraph>
      {names.error ? <Alert type="error" showIcon title={names.error.message} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Table
        rowKey="state"
        size="small"
        loading={names.loading}
        pagination={false}
        dataSource={names.data?.items ?? []}
        columns={[
          { title: '阶段', dataIndex: 'phaseLabel', width: 100 },
          { title: '系统名称', dataIndex: 'defaultLabel', width: 140 },
          {
            title: '当前名称',
            key: 'label',
            width: 220,
            render: (_, r) => (
              <Space>
                <Tag color="blue">{r.label}</Tag>
                {r.setHere ? (
                  <Tag color="red">本级</Tag>
                ) : r.inheritedFrom ? (
                  <Tag>继承自 {r.inheritedFrom.name}</Tag>
                ) : null}
              </Space>
            ),
          },
          {
            title: '本级名称',
            key: 'here',
            render: (_, r) => (
              <Input
                aria-label={`本级名称 ${r.defaultLabel}`}
                value={draft[r.state] ?? ''}
                placeholder={r.label}
                maxLength={12}
                disabled={!canEdit}
                onChange={(e) => setDraft((d) => ({ ...d, [r.state]: e.target.value }))}
              />
            ),
          },
        ]}
      />
      {canEdit ? (
        <Button type="primary" style={{ marginTop: 12 }} loading={saving} onClick={save}>
          保存状态名称
        </Button>
      ) : null}
    </>
  );
}
