import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../../api';
import { CategoryImport } from './CategoryImport';
import { type CategoryNode, type ConfigCategory, complexityLabels, toTree } from './config.types';

interface Values {
  code: string;
  name: string;
  complexity: 'simple' | 'complex';
}

/** The next free code under a parent: the parent's code plus two digits (CJ → CJ05). */
function suggestCode(items: ConfigCategory[], parent: ConfigCategory | null): string {
  if (!parent) return '';
  const taken = new Set(items.map((c) => c.code));
  for (let i = 1; i <= 99; i++) {
    const code = `${parent.code}${String(i).padStart(2, '0')}`;
    if (!taken.has(code)) return code;
  }
  return parent.code;
}

function CategoryModal({
  items,
  parent,
  editing,
  onClose,
  onSaved,
}: {
  items: ConfigCategory[];
  /** Adding: under this parent (null = top level). */
  parent: ConfigCategory | null;
  /** Editing this category (name and complexity). */
  editing: ConfigCategory | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      if (editing)
        await api.patch(`/api/opinions/config/categories/${editing.code}`, {
          name: v.name.trim(),
          complexity: v.complexity,
        });
      else
        await api.post('/api/opinions/config/categories', {
          code: v.code.trim().toUpperCase(),
          name: v.name.trim(),
          complexity: v.complexity,
          parentCode: parent?.code ?? null,
        });
      message.success('已保存问题分类');
      onSaved();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setSaving(false);
    }
  };
  const title = editing
    ? `修改分类：${editing.name}`
    : parent
      ? `新增下级分类（${parent.name}）`
      : '新增一级分类';
  return (
    <Modal open title={title} onCancel={onClose} onOk={submit} okText="保存" confirmLoading={saving}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? { code: editing.code, name: editing.name, complexity: editing.complexity }
            : { code: suggestCode(items, parent), name: '', complexity: 'simple' }
        }
      >
        <Form.Item
          name="code"
          label={parent ? `分类编码（以 ${parent.code} 开头）` : '分类编码（大写字母开头，如 GA）'}
          rules={[
            { required: true, message: '请填写分类编码' },
            { pattern: /^[A-Za-z][A-Za-z0-9]{0,15}$/, message: '字母开头的字母或数字，不超过 16 位' },
          ]}
        >
          <Input aria-label="分类编码" disabled={!!editing} maxLength={16} />
        </Form.Item>
        <Form.Item name="name" label="分类名称" rules={[{ required: true, message: '请填写分类名称' }]}>
          <Input aria-label="分类名称" maxLength={30} />
        </Form.Item>
        <Form.Item name="complexity" label="复杂程度（复杂事项答复时限更长，并按月报告进度）">
          <Select
            aria-label="复杂程度"
            options={Object.entries(complexityLabels).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 问题分类: the congress's tree (three levels), with add, rename, order, disable and import. */
export function CategoryTreePanel({
  items,
  loading,
  reload,
}: {
  items: ConfigCategory[];
  loading: boolean;
  reload: () => void;
}) {
  const { message } = App.useApp();
  const [modal, setModal] = useState<{
    parent: ConfigCategory | null;
    editing: ConfigCategory | null;
  } | null>(null);
  const [importing, setImporting] = useState(false);
  const tree = toTree(items);

  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      reload();
    } catch (cause) {
      message.error(errorText(cause));
    }
  };
  const move = (node: ConfigCategory, delta: -1 | 1) => {
    const siblings = items
      .filter((c) => c.parentCode === node.parentCode)
      .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code))
      .map((c) => c.code);
    const i = siblings.indexOf(node.code);
    const j = i + delta;
    if (j < 0 || j >= siblings.length) return;
    [siblings[i], siblings[j]] = [siblings[j]!, siblings[i]!];
    void run(
      () => api.put('/api/opinions/config/category-order', { parentCode: node.parentCode, codes: siblings }),
      '已调整顺序',
    );
  };
  const toggle = (node: ConfigCategory) =>
    run(
      () => api.patch(`/api/opinions/config/categories/${node.code}`, { active: !node.active }),
      node.active ? '已停用（连同下级；已有事项保留原分类）' : '已启用',
    );

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setModal({ parent: null, editing: null })}>
          新增一级分类
        </Button>
        <Button onClick={() => setImporting(true)}>导入分类（每行一条）</Button>
        <span className="op-hint">最多三级；停用的分类不再供群众和工作人员选择，已有事项保留原分类。</span>
      </Space>
      <Table<CategoryNode>
        rowKey="code"
        size="small"
        loading={loading}
        dataSource={tree}
        pagination={false}
        expandable={{ defaultExpandAllRows: false }}
        columns={[
          {
            title: '分类名称',
            dataIndex: 'name',
            render: (v: string, r) => (
              <>
                {v}
                {r.active ? null : <Tag style={{ marginLeft: 8 }}>已停用</Tag>}
              </>
            ),
          },
          { title: '编码', dataIndex: 'code', width: 110 },
          {
            title: '复杂程度',
            dataIndex: 'complexity',
            width: 100,
            render: (v: ConfigCategory['complexity']) => complexityLabels[v],
          },
          { title: '派单规则', dataIndex: 'rules', width: 90 },
          {
            title: '操作',
            key: 'ops',
            width: 330,
            render: (_, r) => (
              <Space size={4} wrap>
                {r.level < 3 && r.active ? (
                  <Button size="small" onClick={() => setModal({ parent: r, editing: null })}>
                    新增下级
                  </Button>
                ) : null}
                <Button size="small" onClick={() => setModal({ parent: null, editing: r })}>
                  修改
                </Button>
                <Button size="small" aria-label={`上移 ${r.name}`} onClick={() => move(r, -1)}>
                  上移
                </Button>
                <Button size="small" aria-label={`下移 ${r.name}`} onClick={() => move(r, 1)}>
                  下移
                </Button>
                <Button size="small" danger={r.active} onClick={() => toggle(r)}>
                  {r.active ? '停用' : '启用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {modal ? (
        <CategoryModal
          items={items}
          parent={modal.parent}
          editing={modal.editing}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null);
            reload();
          }}
        />
      ) : null}
      {importing ? (
        <CategoryImport
          onClose={() => setImporting(false)}
          onDone={() => {
            setImporting(false);
            reload();
          }}
        />
      ) : null}
    </>
  );
}
