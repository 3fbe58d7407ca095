import { Alert, Card, Input, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { formatDateTime } from '../../shared/format';
import { useApi } from '../../shared/useApi';
import { type CongressLevel, CongressLevelPicker, useCongresses } from './ActivitiesShared';
import type { QuotaItem } from './QuotaPanel';

type Status = QuotaItem['status'];

interface BoardQuota extends QuotaItem {
  min: number;
  share: number;
  closed: boolean;
}

interface BoardRow {
  deputyId: string;
  name: string;
  publicCode: string;
  levelLabel: string;
  quotas: BoardQuota[];
  behind: number;
}

interface Board {
  congressName: string;
  asOf: string;
  quotas: Array<{ key: string; label: string; per: 'month' | 'year'; min: number }>;
  summary: Array<{
    key: string;
    label: string;
    per: 'month' | 'year';
    min: number;
    deputies: number;
    met: number;
    behind: number;
  }>;
  total: number;
  items: BoardRow[];
}

const colors: Record<Status, string> = { met: 'green', on_track: 'blue', behind: 'red' };
const STATUS_OPTIONS = [
  { value: 'behind', label: '落后于进度' },
  { value: 'on_track', label: '进度正常' },
  { value: 'met', label: '已完成' },
];
const perLabel = (per: 'month' | 'year', min: number) => `每${per === 'month' ? '月' : '年'}不少于 ${min} 次`;
const PAGE_SIZE = 20;

/** One deputy's progress on one quota: done/required, status, prorating, pace and the reminder. */
function QuotaCell({ q }: { q: BoardQuota | undefined }) {
  if (!q) return <Typography.Text type="secondary">未在任</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <Space size={4} wrap>
        <strong>
          {q.count}/{q.target}
        </strong>
        <Tag color={colors[q.status]}>{q.statusLabel}</Tag>
      </Space>
      {q.target < q.min ? (
        <Tooltip title={`本期任职不满整期，要求由 ${q.min} 次按任职天数折算为 ${q.target} 次`}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            按任职天数折算（原要求 {q.min} 次）
          </Typography.Text>
        </Tooltip>
      ) : null}
      {q.status === 'behind' && !q.closed ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          按进度应完成 {q.expected} 次
        </Typography.Text>
      ) : null}
      {q.remindedAt ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          已提醒 {formatDateTime(q.remindedAt)}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

const lastReminder = (r: BoardRow) =>
  r.quotas
    .map((q) => q.remindedAt)
    .filter((x): x is string => !!x)
    .sort()
    .at(-1) ?? null;

/**
 * 履职要求进度 (staff): every deputy of the chosen congress within the account's jurisdiction with
 * the count done against the (prorated) requirement of each quota, who is behind the pace and when
 * they were reminded. Counts come from confirmed records; nothing here is typed in.
 */
export function QuotaBoardPage() {
  const congresses = useCongresses();
  const [cl, setCl] = useState<CongressLevel>();
  const [month, setMonth] = useState('');
  const [status, setStatus] = useState<Status>();
  const [quotaKey, setQuotaKey] = useState<string>();
  const [name, setName] = useState('');
  const [page, setPage] = useState(1);
  const code = cl?.congress.code;
  const board = useApi<Board>(code ? '/api/activities/quotas/progress' : null, {
    congressCode: code,
    month: month || undefined,
    status,
    quotaKey,
    name: name || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const d = board.data;
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const periodOf = (key: string) => d?.items.flatMap((r) => r.quotas).find((q) => q.key === key)?.periodLabel;
  const shown = (d?.quotas ?? []).filter((q) => !quotaKey || q.key === quotaKey);
  const columns: ColumnsType<BoardRow> = [
    {
      title: '代表',
      width: 140,
      fixed: 'left',
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <strong>{r.name}</strong>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.levelLabel}代表
          </Typography.Text>
        </Space>
      ),
    },
    ...shown.map((q) => ({
      title: (
        <Space orientation="vertical" size={0}>
          <span>{q.label}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {periodOf(q.key) ?? ''} · {perLabel(q.per, q.min)}
          </Typography.Text>
        </Space>
      ),
      key: q.key,
      width: 190,
      render: (_: unknown, r: BoardRow) => <QuotaCell q={r.quotas.find((x) => x.key === q.key)} />,
    })),
    {
      title: '落后项',
      dataIndex: 'behind',
      width: 80,
      render: (n: number) => (n > 0 ? <Tag color="red">{n} 项</Tag> : <Tag color="green">无</Tag>),
    },
    {
      title: '最近提醒',
      width: 150,
      render: (_: unknown, r) => (lastReminder(r) ? formatDateTime(lastReminder(r)) : '未提醒'),
    },
  ];

  return (
    <>
      <Typography.Title level={3}>履职要求进度</Typography.Title>
      <Typography.Paragraph type="secondary">
        完成次数按已确认的履职登记和建议自动统计，不需要填报。任职不满整个周期的代表，要求按任职天数折算；
        “按进度应完成”为要求乘以已过去的任职天数比例。落后于进度的代表在周期过半后会收到一次站内信和短信提醒。
      </Typography.Paragraph>
      {congresses.error ? <Alert type="error" showIcon title={congresses.error.message} /> : null}
      {board.error ? <Alert type="error" showIcon title={board.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <CongressLevelPicker
            items={congresses.data?.items ?? []}
            value={cl}
            onChange={reset((v: CongressLevel) => {
              setCl(v);
              setQuotaKey(undefined);
            })}
            withLevel={false}
          />
          <Input
            aria-label="统计月份"
            type="month"
            style={{ width: 160 }}
            value={month}
            onChange={(e) => reset(setMonth)(e.target.value)}
          />
          <Select
            aria-label="完成状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            value={status}
            onChange={reset(setStatus)}
            options={STATUS_OPTIONS}
          />
          <Select
            aria-label="履职要求"
            allowClear
            placeholder="全部要求"
            style={{ width: 160 }}
            value={quotaKey}
            onChange={reset(setQuotaKey)}
            options={(d?.quotas ?? []).map((q) => ({ value: q.key, label: q.label }))}
          />
          <Input.Search
            aria-label="代表姓名"
            allowClear
            placeholder="代表姓名"
            style={{ width: 160 }}
            onSearch={(v) => reset(setName)(v.trim())}
          />
        </Space>
      </Card>
      {d ? (
        <>
          <Typography.Paragraph>
            {d.congressName} · 统计截至 {d.asOf}
            {month ? `（${month.replace('-', '年')}月末）` : ''}
          </Typography.Paragraph>
          <Space wrap style={{ marginBottom: 16 }}>
            {d.summary.map((s) => (
              <Card key={s.key} size="small" style={{ minWidth: 200 }}>
                <Statistic
                  title={`${s.label}（${perLabel(s.per, s.min)}）`}
                  value={s.met}
                  suffix={`/ ${s.deputies} 人已完成`}
                />
                <Typography.Text type={s.behind > 0 ? 'danger' : 'secondary'}>
                  落后于进度 {s.behind} 人
                </Typography.Text>
              </Card>
            ))}
          </Space>
          {d.quotas.length === 0 ? (
            <Alert type="info" showIcon title="本级人大未设置履职要求（参数设置：代表履职要求）" />
          ) : null}
        </>
      ) : null}
      <Table<BoardRow>
        rowKey="deputyId"
        size="middle"
        loading={board.loading}
        dataSource={d?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有符合条件的代表' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: d?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 位代表`,
        }}
        columns={columns}
      />
    </>
  );
}
