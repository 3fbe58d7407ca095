import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { useScope } from '../console/scope';
import { hasAnyRole, useMe } from '../console/session';
import type { DeputyPage, Observer } from './deputies.types';

const kinds = [
  { value: 'grid_worker', label: '网格员' },
  { value: 'police', label: '社区民警' },
  { value: 'volunteer', label: '志愿者' },
  { value: 'lawyer', label: '律师' },
  { value: 'other', label: '其他' },
];

/** 民情观察员: list, add, pair with deputies. */
export function ObserversPage() {
  const me = useMe();
  const { scope } = useScope();
  const { message } = App.useApp();
  const list = useApi<{ items: Observer[] }>('/api/observers', { scope: scope.code });
  const deputies = useApi<DeputyPage>('/api/deputies', {
    scope: scope.code,
    pageSize: 100,
    status: 'active',
  });
  const canWrite = hasAnyRole(me, ['congress_staff']);
  const [adding, setAdding] = useState(false);
  const [pairing, setPairing] = useState<Observer | null>(null);
  const [pairIds, setPairIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();

  const create = async () => {
    const v = await form.validateFields();
    try {
      await api.post('/api/observers', { ...v, jurisdictionCode: scope.code, phone: v.phone || undefined });
      message.success('已新增民情观察员');
      setAdding(false);
      form.resetFields();
      list.reload();
    } catch (cause) {
      setError(errorText(cause));
    }
  };
  const savePairs = async () => {
    if (!pairing) return;
    try {
      await api.put(`/api/observers/${pairing.id}/deputies`, { deputyIds: pairIds });
      message.success('已保存结对代表');
      setPairing(null);
      list.reload();
    } catch (cause) {
      setError(errorText(cause));
    }
  };

  return (
    <>
      <Typography.Title level={3}>民情观察员</Typography.Title>
      {list.error ? (
        <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error}
          closable
          onClose={() => setError(null)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Card>
        {canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            style={{ marginBottom: 16 }}
            onClick={() => setAdding(true)}
          >
            新增观察员
          </Button>
        ) : null}
        <Table<Observer>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无民情观察员' }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '类别', dataIndex: 'kindLabel' },
            { title: '所属辖区', dataIndex: 'jurisdictionName' },
            { title: '单位', dataIndex: 'organisation', render: (v: string | null) => v ?? '—' },
            { title: '手机号码', dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
            {
              title: '结对代表',
              key: 'deputies',
              render: (_, row) => row.deputies.map((d) => <Tag key={d.id}>{d.name}</Tag>),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_, row) =>
                canWrite ? (
                  <Button
                    size="small"
                    onClick={() => {
                      setPairing(row);
                      setPairIds(row.deputies.map((d) => d.id));
                    }}
                  >
                    结对代表
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        title="新增民情观察员"
        open={adding}
        onOk={create}
        onCancel={() => setAdding(false)}
        okText="保存"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'grid_worker' }}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="kind" label="类别">
            <Select options={kinds} />
          </Form.Item>
          <Form.Item name="organisation" label="所在单位">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="phone"
            label="手机号码"
            rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入正确的 11 位手机号码' }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={`结对代表：${pairing?.name ?? ''}`}
        open={!!pairing}
        onOk={savePairs}
        onCancel={() => setPairing(null)}
        okText="保存"
      >
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          value={pairIds}
          onChange={setPairIds}
          optionFilterProp="label"
          aria-label="结对代表"
          options={deputies.data?.items.map((d) => ({
            value: d.id,
            label: `${d.name}（${d.jurisdictionName}）`,
          }))}
        />
      </Modal>
    </>
  );
}
