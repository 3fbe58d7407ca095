import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  InputNumber,
  Modal,
  Space,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { CongressPicker, useSuggestionCongresses } from './CongressPicker';

interface Session {
  id: string;
  congressCode: string;
  congressName: string;
  term: number;
  session: number;
  label: string;
  startsOn: string;
  endsOn: string;
  suggestions: number;
  editable: boolean;
}

/**
 * 人代会会期 (congress staff): the sessions of one congress with their dates and how many suggestions
 * were submitted in each; 登记会期 and 修改. A suggestion submitted on a session day counts as
 * 会议期间 and is numbered 第N届第M次会议第…号.
 */
export function SessionsPage() {
  const congresses = useSuggestionCongresses(true);
  const [congress, setCongress] = useState<string>();
  const list = useApi<{ items: Session[] }>(congress ? '/api/suggestions/sessions' : null, {
    congressCode: congress,
  });
  const [editing, setEditing] = useState<Session | 'new' | null>(null);
  const current = congresses.items.find((c) => c.code === congress);
  return (
    <>
      <Typography.Title level={3}>人代会会期</Typography.Title>
      <Typography.Paragraph type="secondary">
        代表在会期内提出的建议计为会议期间建议，并按“第N届第M次会议”编号；其余计为闭会期间建议。
      </Typography.Paragraph>
      {congresses.error ? <Alert type="error" showIcon title={congresses.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <CongressPicker items={congresses.items} value={congress} onChange={setCongress} />
          {current ? <Typography.Text strong>{current.name}</Typography.Text> : null}
          <Button type="primary" disabled={!congress} onClick={() => setEditing('new')}>
            登记会期
          </Button>
        </Space>
      </Card>
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '尚未登记会期' }}
        columns={[
          { title: '会议', dataIndex: 'label' },
          { title: '开幕日期', dataIndex: 'startsOn', width: 120 },
          { title: '闭幕日期', dataIndex: 'endsOn', width: 120 },
          { title: '会议期间建议', dataIndex: 'suggestions', width: 120 },
          {
            title: '操作',
            width: 90,
            render: (_: unknown, s: Session) =>
              s.editable ? (
                <Button size="small" onClick={() => setEditing(s)}>
                  修改
                </Button>
              ) : null,
          },
        ]}
      />
      {editing && congress ? (
        <SessionModal
          congressCode={congress}
          termHint={current?.term ?? null}
          session={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}

interface Values {
  term: number;
  session: number;
  startsOn: Dayjs;
  endsOn: Dayjs;
}

function SessionModal(props: {
  congressCode: string;
  termHint: number | null;
  session: Session | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const s = props.session;
  /** Suggestions already count in this session: its numbers are fixed (the server refuses a change). */
  const numbered = !!s && s.suggestions > 0;
  const send = async (v: Values) => {
    setError(null);
    setSending(true);
    const body = {
      term: v.term,
      session: v.session,
      startsOn: v.startsOn.format('YYYY-MM-DD'),
      endsOn: v.endsOn.format('YYYY-MM-DD'),
    };
    try {
      if (s) await api.put(`/api/suggestions/sessions/${s.id}`, body);
      else await api.post('/api/suggestions/sessions', { congressCode: props.congressCode, ...body });
      message.success(s ? '会期已修改' : '会期已登记');
      props.onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title={s ? `修改会期：${s.label}` : '登记会期'}
      okText="保存"
      cancelText="取消"
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {numbered ? (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={`已有 ${s.suggestions} 件建议计入本次会议，届次和会次不能修改；已提交的建议不因日期修改而改变计入的时期。`}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={send}
        initialValues={
          s
            ? { term: s.term, session: s.session, startsOn: dayjs(s.startsOn), endsOn: dayjs(s.endsOn) }
            : { term: props.termHint ?? undefined }
        }
      >
        <Space>
          <Form.Item name="term" label="届次" rules={[{ required: true, message: '请填写届次' }]}>
            <InputNumber
              aria-label="届次"
              disabled={numbered}
              min={1}
              max={99}
              addonBefore="第"
              addonAfter="届"
            />
          </Form.Item>
          <Form.Item name="session" label="会次" rules={[{ required: true, message: '请填写会次' }]}>
            <InputNumber
              aria-label="会次"
              disabled={numbered}
              min={1}
              max={20}
              addonBefore="第"
              addonAfter="次会议"
            />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="startsOn" label="开幕日期" rules={[{ required: true, message: '请选择开幕日期' }]}>
            <DatePicker aria-label="开幕日期" />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label="闭幕日期"
            dependencies={['startsOn']}
            rules={[
              { required: true, message: '请选择闭幕日期' },
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | undefined) => {
                  const start = getFieldValue('startsOn') as Dayjs | undefined;
                  return v && start && v.isBefore(start, 'day')
                    ? Promise.reject(new Error('闭幕日期不能早于开幕日期'))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker aria-label="闭幕日期" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
