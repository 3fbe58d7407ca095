import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { CongressPicker, useSuggestionCongresses } from './CongressPicker';
import { SuggestionDrawer } from './SuggestionDrawer';
import { type Page, type SuggestionRow, when } from './suggestions.types';

interface KeyRow extends SuggestionRow {
  reportCount: number;
  lastReport: { body: string; at: string } | null;
  nextReportDay: string | null;
  reportOverdue: boolean;
  reportOverdueSince: string | null;
}

/** States in which a suggestion may be marked key (the API's markKey). */
const MARKABLE = new Set(['registered', 'assigned', 'rehandling', 'answered', 'follow_up']);

/**
 * 重点督办 (congress staff): one congress's key suggestions of a year — the leading leader, the lead
 * unit, the state, the last progress report and whether a report is overdue; 列为重点督办 and
 * 取消重点督办; the drawer shows every report.
 */
export function KeyPage() {
  const congresses = useSuggestionCongresses(true);
  const [congress, setCongress] = useState<string>();
  const [year, setYear] = useState(new Date().getFullYear());
  const list = useApi<{ items: KeyRow[] }>(congress ? '/api/suggestions/key' : null, { congress, year });
  const [open, setOpen] = useState<string | null>(null);
  const [marking, setMarking] = useState(false);
  const [unmarking, setUnmarking] = useState<KeyRow | null>(null);
  const items = list.data?.items ?? [];
  return (
    <>
      <Typography.Title level={3}>重点督办建议</Typography.Title>
      {congresses.error ? <Alert type="error" showIcon title={congresses.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <CongressPicker items={congresses.items} value={congress} onChange={setCongress} />
          <InputNumber
            aria-label="年度"
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            addonAfter="年"
          />
          <Button type="primary" disabled={!congress} onClick={() => setMarking(true)}>
            列为重点督办
          </Button>
          <Typography.Text type="secondary">
            共 {items.length} 件，逾期未报送进展 {items.filter((i) => i.reportOverdue).length} 件
          </Typography.Text>
        </Space>
      </Card>
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1200 }}
        locale={{ emptyText: '本年度没有重点督办建议' }}
        columns={[
          {
            title: '建议',
            width: 260,
            render: (_: unknown, r: KeyRow) => (
              <Button
                type="link"
                style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }}
                onClick={() => setOpen(r.id)}
              >
                {r.registerNo ?? r.trackingNo} {r.title}
              </Button>
            ),
          },
          { title: '督办领导', dataIndex: 'keyLeader', width: 100 },
          { title: '主办单位', dataIndex: 'leadDepartmentName', width: 140, render: (v) => v ?? '未交办' },
          { title: '状态', dataIndex: 'stateLabel', width: 130 },
          {
            title: '最近进展',
            width: 260,
            render: (_: unknown, r: KeyRow) =>
              r.lastReport ? (
                <>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {r.lastReport.body}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {when(r.lastReport.at)}（共 {r.reportCount} 次）
                  </Typography.Text>
                </>
              ) : (
                <Typography.Text type="secondary">尚未报送</Typography.Text>
              ),
          },
          {
            title: '进展报送',
            width: 170,
            render: (_: unknown, r: KeyRow) => (
              <>
                {r.reportOverdue ? (
                  <>
                    <Tag color="red">逾期未报</Tag>
                    <div>应于 {r.reportOverdueSince} 前报送</div>
                  </>
                ) : (
                  <Tag color="green">按期</Tag>
                )}
                {r.nextReportDay ? <div>下次截止 {r.nextReportDay}</div> : null}
              </>
            ),
          },
          {
            title: '操作',
            width: 120,
            fixed: 'right',
            render: (_: unknown, r: KeyRow) => (
              <Space size={4}>
                <Button size="small" onClick={() => setOpen(r.id)}>
                  查看
                </Button>
                <Button size="small" danger onClick={() => setUnmarking(r)}>
                  取消
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <SuggestionDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
      {marking && congress ? (
        <MarkModal
          congress={congress}
          year={year}
          onClose={() => setMarking(false)}
          onDone={() => {
            setMarking(false);
            list.reload();
          }}
        />
      ) : null}
      {unmarking ? (
        <UnmarkModal
          row={unmarking}
          onClose={() => setUnmarking(null)}
          onDone={() => {
            setUnmarking(null);
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}

function MarkModal(props: { congress: string; year: number; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ id: string; year: number; leader: string }>();
  const [q, setQ] = useState('');
  const found = useApi<Page<SuggestionRow>>('/api/suggestions', {
    congress: props.congress,
    pageSize: 50,
    ...(q ? { q } : {}),
  });
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const options = (found.data?.items ?? [])
    .filter((s) => MARKABLE.has(s.state) && s.keyYear !== props.year)
    .map((s) => ({ value: s.id, label: `${s.registerNo ?? s.trackingNo} ${s.title}` }));
  const send = async (v: { id: string; year: number; leader: string }) => {
    setError(null);
    setSending(true);
    try {
      await api.post(`/api/suggestions/${v.id}/key`, { year: v.year, leader: v.leader });
      message.success('已列为重点督办建议');
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
      title="列为重点督办建议"
      okText="确定"
      cancelText="取消"
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={send} initialValues={{ year: props.year }}>
        <Form.Item name="id" label="建议（已立案）" rules={[{ required: true, message: '请选择建议' }]}>
          <Select
            aria-label="建议"
            showSearch
            filterOption={false}
            onSearch={setQ}
            loading={found.loading}
            options={options}
            placeholder="输入标题关键词搜索"
            notFoundContent="没有可列为重点督办的建议"
          />
        </Form.Item>
        <Space>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber aria-label="督办年度" min={2000} max={2100} />
          </Form.Item>
          <Form.Item
            name="leader"
            label="督办领导"
            rules={[{ required: true, min: 2, message: '请填写督办领导（至少 2 个字）' }]}
          >
            <Input aria-label="督办领导" maxLength={40} placeholder="如：王副主任" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function UnmarkModal(props: { row: KeyRow; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const send = async () => {
    setError(null);
    setSending(true);
    try {
      await api.post(`/api/suggestions/${props.row.id}/unkey`, { reason });
      message.success('已取消重点督办');
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
      title={`取消重点督办：${props.row.title}`}
      okText="确定取消"
      cancelText="返回"
      confirmLoading={sending}
      onOk={send}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">
        已报送的进展保留在办理记录中，此后不再提醒报送进展。
      </Typography.Paragraph>
      <Input.TextArea
        aria-label="理由"
        rows={3}
        maxLength={500}
        placeholder="理由（如：主任会议调整重点督办建议）"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}
