import { Empty, Progress, Space, Tag, Typography } from 'antd';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';

export interface QuotaItem {
  key: string;
  label: string;
  per: 'month' | 'year';
  periodLabel: string;
  count: number;
  target: number;
  expected: number;
  status: 'met' | 'on_track' | 'behind';
  statusLabel: string;
  remindedAt: string | null;
}
const colors = { met: 'green', on_track: 'blue', behind: 'red' } as const;

/** One quota line: count of target, the pace asked by today, the status. */
export function QuotaLine({ q }: { q: QuotaItem }) {
  return (
    <div style={{ marginBottom: 10 }}>
      <Space wrap>
        <strong>{q.label}</strong>
        <span>
          {q.periodLabel}：{q.count}/{q.target} 次
        </span>
        <Tag color={colors[q.status]}>{q.statusLabel}</Tag>
        {q.status === 'behind' ? <span style={{ color: '#999' }}>按进度应完成 {q.expected} 次</span> : null}
      </Space>
      <Progress
        percent={Math.min(100, Math.round((q.count * 100) / q.target))}
        status={q.status === 'behind' ? 'exception' : q.status === 'met' ? 'success' : 'normal'}
        size="small"
        aria-label={q.label}
      />
    </div>
  );
}

/** 我的履职要求 (workbench): progress on each quota of every congress the deputy belongs to. */
export function QuotaPanel() {
  const data = useApi<{
    asOf: string;
    items: Array<{ congressCode: string; congressName: string; quotas: QuotaItem[] }>;
  }>('/api/activities/quotas/mine');
  return (
    <AsyncBlock state={data}>
      {(d) =>
        d.items.length === 0 ? (
          <Empty description="暂无履职要求" />
        ) : (
          <>
            {d.items.map((c) => (
              <div key={c.congressCode}>
                {d.items.length > 1 ? (
                  <Typography.Text type="secondary">{c.congressName}</Typography.Text>
                ) : null}
                {c.quotas.map((q) => (
                  <QuotaLine key={q.key} q={q} />
                ))}
              </div>
            ))}
            <Typography.Text type="secondary">
              按已确认的履职登记和建议自动统计（截至 {d.asOf}），不需要填报。
            </Typography.Text>
          </>
        )
      }
    </AsyncBlock>
  );
}
