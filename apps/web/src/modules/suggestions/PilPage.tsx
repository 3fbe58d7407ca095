import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { hasAnyRole, useMe } from '../console/session';
import { day, type Page, when } from './suggestions.types';

/** 公益诉讼衔接: what the procuratorate sees of a suggestion (no contact data, no 面商, no ratings). */
interface PilRow {
  id: string;
  trackingNo: string;
  registerNo: string | null;
  title: string;
  category: string;
  kind: 'clue' | 'converted';
  state: string;
  stateLabel: string;
  deputyName: string | null;
  leadDepartmentName: string | null;
  answerCategory: string | null;
  answerCategoryLabel: string | null;
  pilStatus: string;
  pilLabel: string;
  pilNote: string | null;
  submittedAt: string | null;
  nextStatuses: Array<'accepted' | 'filed' | 'declined'>;
}
interface PilDetail extends PilRow {
  body: string;
  units: Array<{ role: string; roleLabel: string; name: string }>;
  recommendation: { id: string; reference: string; title: string } | null;
  history: Array<{
    action: string;
    label: string;
    stateLabel: string;
    at: string;
    actorLabel: string | null;
    pilLabel: string | null;
    note: string | null;
  }>;
}
interface Recommendation {
  id: string;
  title: string;
  body: string;
  reference: string;
  procuratorate: string;
  submittedAt: string;
  converted: boolean;
  suggestion: { id: string; registerNo: string | null; stateLabel: string } | null;
}

const PIL_STATUSES = [
  { value: 'handed', label: '待受理' },
  { value: 'accepted', label: '已受理' },
  { value: 'filed', label: '已立案' },
  { value: 'declined', label: '不予立案' },
];
const FEEDBACK: Record<string, string> = { accepted: '已受理', filed: '已立案', declined: '不予立案' };
const PIL_COLORS: Record<string, string> = {
  handed: 'orange',
  accepted: 'blue',
  filed: 'green',
  declined: 'default',
  from_procuratorate: 'purple',
};

/** The procuratorate's console screen: clues and conversions, and its recommendations. */
export function PilPage() {
  return (
    <>
      <Typography.Title level={3}>公益诉讼衔接</Typography.Title>
      <Tabs
        items={[
          { key: 'clues', label: '线索与转化建议', children: <ClueList /> },
          { key: 'recommendations', label: '检察建议', children: <Recommendations /> },
        ]}
      />
    </>
  );
}

/** Congress staff and deputies: the recommendations received (a deputy may take one up). */
export function RecommendationsPage() {
  return (
    <>
      <Typography.Title level={3}>检察建议</Typography.Title>
      <Recommendations />
    </>
  );
}

function ClueList() {
  const [kind, setKind] = useState<string>();
  const [pilStatus, setPilStatus] = useState<string>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const list = useApi<Page<PilRow>>('/api/procuratorate/suggestions', {
    page,
    pageSize: 20,
    ...(kind ? { kind } : {}),
    ...(pilStatus ? { pilStatus } : {}),
    ...(q ? { q } : {}),
  });
  return (
    <>
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            aria-label="类型"
            allowClear
            placeholder="全部类型"
            style={{ width: 170 }}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            options={[
              { value: 'clue', label: '移送的公益诉讼线索' },
              { value: 'converted', label: '检察建议转化的建议' },
            ]}
          />
          <Select
            aria-label="线索状态"
            allowClear
            placeholder="全部线索状态"
            style={{ width: 150 }}
            value={pilStatus}
            onChange={(v) => {
              setPilStatus(v);
              setPage(1);
            }}
            options={PIL_STATUSES}
          />
          <Input.Search
            aria-label="关键词"
            allowClear
            placeholder="标题关键词"
            style={{ width: 240 }}
            maxLength={100}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
          <Button onClick={list.reload}>刷新</Button>
        </Space>
      </Card>
      <Table<PilRow>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: '立案号',
            dataIndex: 'registerNo',
            width: 210,
            render: (v: string | null, r) => v ?? r.trackingNo,
          },
          { title: '标题', dataIndex: 'title' },
          { title: '类别', dataIndex: 'category', width: 100 },
          {
            title: '公益诉讼衔接',
            dataIndex: 'pilLabel',
            width: 200,
            render: (v: string, r) => <Tag color={PIL_COLORS[r.pilStatus]}>{v}</Tag>,
          },
          {
            title: '办理状态',
            dataIndex: 'stateLabel',
            width: 140,
            render: (v: string) => <Tag color="blue">{v}</Tag>,
          },
          { title: '主办单位', dataIndex: 'leadDepartmentName', width: 150 },
          {
            title: '答复类别',
            dataIndex: 'answerCategoryLabel',
            width: 120,
            render: (v: string | null, r) => (v ? `${r.answerCategory} ${v}` : ''),
          },
          { title: '提出', dataIndex: 'submittedAt', width: 110, render: (v: string | null) => day(v) },
        ]}
      />
      <ClueDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
    </>
  );
}

function ClueDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const state = useApi<PilDetail>(id ? `/api/procuratorate/suggestions/${id}` : null);
  const d = state.data;
  return (
    <Drawer
      open={!!id}
      width={720}
      onClose={onClose}
      title={d ? `${d.registerNo ?? d.trackingNo} ${d.title}` : '线索详情'}
      destroyOnHidden
    >
      {state.error ? <Alert type="error" showIcon title={state.error.message} /> : null}
      {!d || d.id !== id ? (
        <Spin />
      ) : (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="公益诉讼衔接" span={2}>
              <Tag color={PIL_COLORS[d.pilStatus]}>{d.pilLabel}</Tag>
              {d.pilNote ? <span>{d.pilNote}</span> : null}
            </Descriptions.Item>
            <Descriptions.Item label="办理状态">
              <Tag color="blue">{d.stateLabel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="类别">{d.category}</Descriptions.Item>
            <Descriptions.Item label="领衔代表">{d.deputyName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="答复类别">
              {d.answerCategoryLabel ? `${d.answerCategory} ${d.answerCategoryLabel}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="承办单位" span={2}>
              {d.units.length ? d.units.map((u) => `${u.roleLabel}：${u.name}`).join('；') : '尚未交办'}
            </Descriptions.Item>
            {d.recommendation ? (
              <Descriptions.Item label="来源检察建议" span={2}>
                {d.recommendation.reference} {d.recommendation.title}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label="内容" span={2}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{d.body}</div>
            </Descriptions.Item>
          </Descriptions>
          {d.nextStatuses.length ? (
            <FeedbackForm
              d={d}
              onDone={() => {
                state.reload();
                onChanged();
              }}
            />
          ) : null}
          <section aria-label="办理与衔接记录" style={{ marginTop: 16 }}>
            <h4>办理与衔接记录</h4>
            <Timeline
              items={d.history.map((h) => ({
                children: (
                  <>
                    <div>
                      {when(h.at)} {h.label}
                      {h.pilLabel ? `：${h.pilLabel}` : ''}（{h.stateLabel}）
                    </div>
                    {h.actorLabel ? <Typography.Text type="secondary">{h.actorLabel}</Typography.Text> : null}
                    {h.note ? <div>{h.note}</div> : null}
                  </>
                ),
              }))}
            />
          </section>
        </>
      )}
    </Drawer>
  );
}

/** 已受理 / 已立案 / 不予立案 (with a reason): the procuratorate's own status on a clue. */
function FeedbackForm({ d, onDone }: { d: PilDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>(d.nextStatuses[0]!);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/procuratorate/suggestions/${d.id}/status`, {
        status,
        ...(text.trim() ? (status === 'declined' ? { reason: text } : { note: text }) : {}),
      });
      message.success(`已反馈：${FEEDBACK[status]}`);
      setText('');
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="反馈办理情况" style={{ marginTop: 16 }}>
      <h4>反馈办理情况</h4>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          aria-label="办理情况"
          style={{ width: 200 }}
          value={status}
          onChange={setStatus}
          options={d.nextStatuses.map((s) => ({ value: s, label: FEEDBACK[s] }))}
        />
        <Input.TextArea
          aria-label={status === 'declined' ? '不予立案理由' : '说明'}
          placeholder={status === 'declined' ? '不予立案理由（必填）' : '说明（选填）'}
          rows={3}
          maxLength={500}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="primary" loading={busy} onClick={submit}>
          提交反馈
        </Button>
      </Space>
    </section>
  );
}

function Recommendations() {
  const me = useMe();
  const isProcuratorate = hasAnyRole(me, ['procuratorate_liaison']);
  const isDeputy = hasAnyRole(me, ['deputy']);
  const [status, setStatus] = useState<string>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [taking, setTaking] = useState<Recommendation | null>(null);
  const list = useApi<Page<Recommendation>>('/api/procuratorate/recommendations', {
    page,
    pageSize: 20,
    ...(status ? { status } : {}),
  });
  return (
    <>
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            aria-label="转化情况"
            allowClear
            placeholder="全部"
            style={{ width: 150 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={[
              { value: 'pending', label: '待转化' },
              { value: 'converted', label: '已转化' },
            ]}
          />
          {isProcuratorate ? (
            <Button type="primary" onClick={() => setCreating(true)}>
              移送检察建议
            </Button>
          ) : null}
          <Button onClick={list.reload}>刷新</Button>
        </Space>
      </Card>
      <Table<Recommendation>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        expandable={{
          expandedRowRender: (r) => <div style={{ whiteSpace: 'pre-wrap' }}>{r.body}</div>,
        }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: '文号', dataIndex: 'reference', width: 190 },
          { title: '标题', dataIndex: 'title' },
          { title: '检察机关', dataIndex: 'procuratorate', width: 120 },
          { title: '移送', dataIndex: 'submittedAt', width: 110, render: (v: string) => day(v) },
          {
            title: '转化为代表建议',
            width: 260,
            render: (_: unknown, r) =>
              r.suggestion ? (
                <>
                  <Tag color="purple">{r.suggestion.registerNo ?? '已转化'}</Tag>
                  <Tag color="blue">{r.suggestion.stateLabel}</Tag>
                </>
              ) : r.converted ? (
                <Tag color="purple">代表已转化（起草中）</Tag>
              ) : isDeputy ? (
                <Button size="small" onClick={() => setTaking(r)}>
                  转为代表建议
                </Button>
              ) : (
                <Tag>待代表转化</Tag>
              ),
          },
        ]}
      />
      <CreateRecommendation
        open={creating}
        onClose={() => setCreating(false)}
        onDone={() => {
          setCreating(false);
          list.reload();
        }}
      />
      <TakeUp
        r={taking}
        onClose={() => setTaking(null)}
        onDone={() => {
          setTaking(null);
          list.reload();
        }}
      />
    </>
  );
}

function CreateRecommendation({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; reference: string; body: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    const v = await form.validateFields();
    try {
      await api.post('/api/procuratorate/recommendations', v);
      message.success('检察建议已移送人大');
      form.resetFields();
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal open={open} title="移送检察建议" okText="移送" onOk={submit} onCancel={onClose} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="reference" label="文号" rules={[{ required: true, message: '请填写检察建议文号' }]}>
          <Input maxLength={100} placeholder="如 闵检行公建〔2026〕3号" />
        </Form.Item>
        <Form.Item
          name="title"
          label="标题"
          rules={[{ required: true, min: 4, message: '标题不少于 4 个字' }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item
          name="body"
          label="检察建议内容"
          rules={[{ required: true, min: 20, message: '检察建议内容不少于 20 个字' }]}
        >
          <Input.TextArea rows={6} maxLength={10_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A deputy takes a recommendation up as a draft suggestion (title and text from it, editable later). */
function TakeUp({
  r,
  onClose,
  onDone,
}: {
  r: Recommendation | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [category, setCategory] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!r) return;
    setError(null);
    try {
      await api.post(`/api/suggestions/from-recommendation/${r.id}`, { category });
      message.success('已转为建议草稿，请在“我的建议”中修改并提交');
      setCategory('');
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open={!!r}
      title="转为代表建议"
      okText="转为建议草稿"
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <p>
        {r?.reference} {r?.title}
      </p>
      <Input
        aria-label="类别"
        placeholder="建议类别，如 生态环境"
        maxLength={20}
        value={category}
        onChange={(e) => setCategory(e.target.value)}
      />
    </Modal>
  );
}
