import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import {
  type CongressLevel,
  CongressLevelPicker,
  DeputyPicker,
  useCongresses,
  useStations,
} from './ActivitiesShared';
import { VoterReportResults } from './VoterReportResults';
import { reportStatusColors, type VoterReport, type VoterReportDetail } from './VoterReportTypes';

/** 述职评议 (console): schedule a deputy's report to voters at a station, edit/cancel it, read the results. */
export function VoterReportsPage() {
  const congresses = useCongresses();
  const [pick, setPick] = useState<CongressLevel>();
  const [year, setYear] = useState(dayjs().year());
  const [editing, setEditing] = useState<VoterReport | 'new' | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const list = useApi<{ total: number; items: VoterReport[] }>('/api/voter-reports', { year, pageSize: 100 });
  return (
    <div>
      <Typography.Title level={3}>述职评议</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        {congresses.data ? (
          <CongressLevelPicker
            items={congresses.data.items}
            value={pick}
            onChange={setPick}
            withLevel={false}
          />
        ) : null}
        <Select
          aria-label="年度"
          value={year}
          onChange={setYear}
          options={[0, 1, 2].map((k) => ({ value: dayjs().year() - k, label: `${dayjs().year() - k}年` }))}
        />
        <Button type="primary" onClick={() => setEditing('new')} disabled={!pick}>
          安排述职
        </Button>
      </Space>
      <AsyncBlock state={list}>
        {(d) => (
          <Table<VoterReport>
            rowKey="id"
            size="middle"
            dataSource={d.items}
            pagination={false}
            columns={[
              {
                title: '述职日期',
                render: (_, r) => `${r.scheduledOn}${r.startTime ? ` ${r.startTime}` : ''}`,
              },
              { title: '代表', dataIndex: 'deputyName' },
              { title: '标题', dataIndex: 'title' },
              { title: '地点', render: (_, r) => r.stationName ?? r.place },
              {
                title: '状态',
                render: (_, r) => (
                  <Space size={4} wrap>
                    <Tag color={reportStatusColors[r.status]}>{r.statusLabel}</Tag>
                    {r.status !== 'cancelled' ? <Tag>{r.ratingStateLabel}</Tag> : null}
                  </Space>
                ),
              },
              {
                title: '评议结果',
                render: (_, r) =>
                  r.results && r.results.total > 0
                    ? `${r.results.total} 人评议，满意率 ${r.results.satisfactionRate}%`
                    : '暂无评议',
              },
              {
                title: '操作',
                render: (_, r) => (
                  <Space>
                    <Button size="small" onClick={() => setOpen(r.id)}>
                      查看结果
                    </Button>
                    {r.editable ? (
                      <>
                        <Button size="small" onClick={() => setEditing(r)}>
                          修改
                        </Button>
                        <CancelButton report={r} onDone={list.reload} />
                      </>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </AsyncBlock>
      {editing && pick ? (
        <ReportForm
          congressCode={pick.congress.code}
          report={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
      {open ? <ResultsDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

interface FormValues {
  deputyId: string;
  stationId?: string;
  place?: string;
  scheduledOn: dayjs.Dayjs;
  startTime?: dayjs.Dayjs;
  title: string;
  body: string;
}

function ReportForm({
  congressCode,
  report,
  onClose,
  onSaved,
}: {
  congressCode: string;
  report: VoterReport | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deputyId, setDeputyId] = useState(report?.deputyId);
  const stations = useStations(congressCode);
  const submit = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    const fields = {
      stationId: v.stationId ?? null,
      place: v.place?.trim() || null,
      scheduledOn: v.scheduledOn.format('YYYY-MM-DD'),
      startTime: v.startTime ? v.startTime.format('HH:mm') : null,
      title: v.title,
      body: v.body,
    };
    try {
      if (report) await api.put(`/api/voter-reports/${report.id}`, fields);
      else await api.post('/api/voter-reports', { ...fields, deputyId, congressCode });
      onSaved();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={report ? '修改述职安排' : '安排代表述职'}
      onCancel={onClose}
      okText="保存"
      confirmLoading={busy}
      onOk={() => form.submit()}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          report
            ? {
                stationId: report.stationId ?? undefined,
                place: report.place ?? undefined,
                scheduledOn: dayjs(report.scheduledOn),
                startTime: report.startTime ? dayjs(`2000-01-01T${report.startTime}`) : undefined,
                title: report.title,
                body: report.body,
              }
            : { title: `${dayjs().year() - 1}年度履职情况报告` }
        }
      >
        {report ? (
          <Form.Item label="代表">{report.deputyName}</Form.Item>
        ) : (
          <Form.Item label="代表" required>
            <DeputyPicker
              scope={congressCode}
              value={deputyId ? [deputyId] : []}
              onChange={(ids) => setDeputyId(ids[0])}
            />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item
            name="scheduledOn"
            label="述职日期"
            rules={[{ required: true, message: '请选择述职日期' }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="startTime" label="开始时间">
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="stationId" label="联络站">
            <Select
              allowClear
              style={{ minWidth: 220 }}
              options={stations.map((s) => ({ value: s.id, label: s.name }))}
              placeholder="选择代表之家/联络站"
            />
          </Form.Item>
        </Space>
        <Form.Item name="place" label="其他地点（未选联络站时填写）">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, min: 4, message: '请填写述职标题' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="body"
          label="述职报告正文（选民在线阅读）"
          rules={[{ required: true, min: 20, message: '述职报告正文至少 20 字' }]}
        >
          <Input.TextArea rows={8} maxLength={20000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CancelButton({ report, onDone }: { report: VoterReport; onDone: () => void }) {
  const { modal, message } = App.useApp();
  return (
    <Button
      size="small"
      danger
      onClick={() => {
        let reason = '';
        modal.confirm({
          title: `取消${report.deputyName}的述职安排`,
          content: (
            <Input.TextArea aria-label="取消理由" rows={3} onChange={(e) => (reason = e.target.value)} />
          ),
          okText: '确认取消',
          cancelText: '返回',
          onOk: async () => {
            try {
              await api.post(`/api/voter-reports/${report.id}/cancel`, { reason });
              onDone();
            } catch (cause) {
              message.error(errorText(cause));
              throw cause;
            }
          },
        });
      }}
    >
      取消
    </Button>
  );
}

function ResultsDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = useApi<VoterReportDetail>(`/api/voter-reports/${id}`);
  const { message } = App.useApp();
  const hide = async (ratingId: string) => {
    try {
      await api.post(`/api/voter-reports/${id}/ratings/${ratingId}/hide`, {
        reason: '含不当内容，工作人员屏蔽',
      });
      detail.reload();
    } catch (cause) {
      message.error(errorText(cause));
    }
  };
  return (
    <Drawer open width={640} title="述职评议结果" onClose={onClose}>
      <AsyncBlock state={detail}>
        {(d) => (
          <>
            <Typography.Title level={5}>
              {d.deputyName} · {d.title}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {d.scheduledOn} · {d.stationName ?? d.place} · 评议截止 {d.closesOn}
              {' · '}
              <a href={`/r/${d.id}`} target="_blank" rel="noreferrer">
                选民评议页面
              </a>
            </Typography.Paragraph>
            <VoterReportResults report={d} onHide={d.canModerate ? hide : undefined} />
          </>
        )}
      </AsyncBlock>
    </Drawer>
  );
}
