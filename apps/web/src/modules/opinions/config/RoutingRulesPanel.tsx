import {
  Alert,
  App,
  Button,
  Form,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../../api';
import { useApi } from '../../../shared/useApi';
import { grantScopes, type Scope } from '../../console/scope';
import { useMe } from '../../console/session';
import { JurisdictionTreeSelect } from '../../jurisdictions/JurisdictionTreeSelect';
import { type ConfigCategory, pathName, type RoutingRule } from './config.types';

interface Values {
  categoryCode: string;
  departmentId: string;
  priority: number;
  active: boolean;
}

function RuleModal({
  rule,
  categories,
  onClose,
  onSaved,
}: {
  /** null: a new rule. */
  rule: RoutingRule | null;
  categories: ConfigCategory[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const roots = grantScopes(me);
  const [area, setArea] = useState<Scope | null>(
    rule ? { code: rule.jurisdictionCode, name: rule.areaName } : (roots[0] ?? null),
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const deps = useApi<{ items: Array<{ id: string; name: string }> }>('/api/opinions/departments');

  const submit = async () => {
    const v = await form.validateFields();
    if (!area) return setError('请选择适用区域');
    setSaving(true);
    setError(null);
    try {
      const body = { ...v, jurisdictionCode: area.code };
      if (rule) await api.patch(`/api/opinions/config/routing-rules/${rule.id}`, body);
      else await api.post('/api/opinions/config/routing-rules', body);
      message.success('已保存派单规则');
      onSaved();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={rule ? '修改派单规则' : '新增派单规则'}
      onCancel={onClose}
      onOk={submit}
      okText="保存"
      confirmLoading={saving}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={rule ? { ...rule } : { priority: 100, active: true }}
      >
        <Form.Item
          name="categoryCode"
          label="问题分类"
          rules={[{ required: true, message: '请选择问题分类' }]}
        >
          <Select
            aria-label="问题分类"
            showSearch
            optionFilterProp="label"
            options={categories.map((c) => ({
              value: c.code,
              label: `${pathName(categories, c.code)}（${c.code}）${c.active ? '' : '［已停用］'}`,
            }))}
          />
        </Form.Item>
        <Form.Item label="适用区域（含下级）" required>
          <JurisdictionTreeSelect
            roots={roots}
            value={area}
            onChange={setArea}
            onError={(text) => message.error(text)}
            ariaLabel="适用区域"
          />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label="承办单位"
          rules={[{ required: true, message: '请选择承办单位' }]}
        >
          <Select
            aria-label="承办单位"
            showSearch
            optionFilterProp="label"
            loading={deps.loading}
            options={(deps.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          name="priority"
          label="优先级（同一分类、同一区域有多条规则时，数字小的优先）"
          rules={[{ required: true, message: '请填写优先级' }]}
        >
          <InputNumber aria-label="优先级" min={1} max={9999} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="active" label="启用" valuePropName="checked">
          <Switch aria-label="启用" checkedChildren="启用" unCheckedChildren="停用" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 派单规则: category × area → handling unit. The most specific area, then category, then priority wins. */
export function RoutingRulesPanel({ categories }: { categories: ConfigCategory[] }) {
  const { message } = App.useApp();
  const rules = useApi<{ items: RoutingRule[] }>('/api/opinions/config/routing-rules');
  const [editing, setEditing] = useState<RoutingRule | null | undefined>(undefined);
  const remove = async (r: RoutingRule) => {
    try {
      await api.delete(`/api/opinions/config/routing-rules/${r.id}`);
      message.success('已删除派单规则');
      rules.reload();
    } catch (cause) {
      message.error(errorText(cause));
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setEditing(null)}>
          新增派单规则
        </Button>
        <span className="op-hint">
          受理后按规则建议承办单位：区域越具体、分类越具体的规则优先，其次看优先级。规则未覆盖的事项进入“待人工分派”。
        </span>
      </Space>
      {rules.error ? <Alert type="error" showIcon title={rules.error.message} /> : null}
      <Table<RoutingRule>
        rowKey="id"
        size="small"
        loading={rules.loading}
        dataSource={rules.data?.items ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          {
            title: '问题分类',
            key: 'category',
            render: (_, r) => `${pathName(categories, r.categoryCode)}（${r.categoryCode}）`,
          },
          { title: '适用区域', dataIndex: 'areaName', width: 160 },
          { title: '承办单位', dataIndex: 'departmentName', width: 200 },
          { title: '优先级', dataIndex: 'priority', width: 80 },
          {
            title: '状态',
            dataIndex: 'active',
            width: 80,
            render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
          },
          {
            title: '操作',
            key: 'ops',
            width: 140,
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setEditing(r)}>
                  修改
                </Button>
                <Popconfirm
                  title="删除这条派单规则？"
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => remove(r)}
                >
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing !== undefined ? (
        <RuleModal
          rule={editing}
          categories={categories}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            rules.reload();
          }}
        />
      ) : null}
    </>
  );
}
