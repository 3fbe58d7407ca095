import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { useScope } from '../console/scope';
import { hasAnyRole, useMe } from '../console/session';
import type { DeputyPage, LiaisonPair } from './deputies.types';
import { VisitLog } from './VisitLog';

interface PairList {
  noContactMonths: number;
  departments: { id: string; name: string }[];
  items: LiaisonPair[];
}

/** 双联系: committee members and department heads linked to deputies, with their visit logs. */
export function LiaisonPage() {
  const me = useMe();
  const { scope } = useScope();
  const { message } = App.useApp();
  const list = useApi<PairList>('/api/liaison-pairs', { scope: scope.code });
  const deputies = useApi<DeputyPage>('/api/deputies', {
    scope: scope.code,
    pageSize: 100,
    status: 'active',
  });
  const canWrite = hasAnyRole(me, ['congress_staff']);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<LiaisonPair | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);

  const create = async () => {
    const v = await form.validateFields();
    try {
      await api.post('/api/liaison-pairs', v);
      message.success('已建立结对');
      setAdding(false);
      list.reload();
    } catch (cause) {
      setError(errorText(cause));
    }
  };

  return (
    <>
      <Typography.Title level={3}>双联系</Typography.Title>
      <Typography.Paragraph type="secondary">
        常委会组成人员联系代表、部门负责人联系代表。超过 {list.data?.noContactMonths ?? 6}{' '}
        个月没有联系记录的结对会提醒人大工作人员。
      </Typography.Paragraph>
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
            新建结对
          </Button>
        ) : null}
        <Table<LiaisonPair>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无结对' }}
          columns={[
            {
              title: '类型',
              dataIndex: 'kind',
              render: (k: string) => (k === 'committee_member' ? '常委会组成人员' : '部门负责人'),
            },
            {
              title: '联系人',
              key: 'member',
              render: (_, p) => `${p.memberName}${p.memberTitle ? `（${p.memberTitle}）` : ''}`,
            },
            { title: '部门', dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
            { title: '联系代表', dataIndex: 'deputyName' },
            {
              title: '最近联系',
              key: 'last',
              render: (_, p) => (
                <>
                  {p.lastContactOn ?? '尚无'} {p.overdue ? <Tag color="orange">超期未联系</Tag> : null}
                </>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_, p) => (
                <Button size="small" onClick={() => setOpen(p)}>
                  联系记录
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        title="新建双联系结对"
        open={adding}
        onOk={create}
        onCancel={() => setAdding(false)}
        okText="保存"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'committee_member' }}>
          <Form.Item name="kind" label="类型">
            <Select
              options={[
                { value: 'committee_member', label: '常委会组成人员' },
                { value: 'department_head', label: '部门负责人' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="memberName"
            label="联系人姓名"
            rules={[{ required: true, message: '请输入联系人姓名' }]}
          >
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="memberTitle" label="职务">
            <Input maxLength={50} />
          </Form.Item>
          {kind === 'department_head' ? (
            <Form.Item name="departmentId" label="部门">
              <Select options={list.data?.departments.map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="deputyId" label="联系代表" rules={[{ required: true, message: '请选择代表' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={deputies.data?.items.map((d) => ({
                value: d.id,
                label: `${d.name}（${d.jurisdictionName}）`,
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      {open ? (
        <VisitLog
          pair={open}
          canWrite={canWrite}
          onClose={() => setOpen(null)}
          onRecorded={() => list.reload()}
        />
      ) : null}
    </>
  );
}
