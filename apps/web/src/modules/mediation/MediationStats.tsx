import { Alert, Card, DatePicker, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApi } from '../../shared/useApi';

interface Figures {
  total: number;
  waiting: number;
  mediating: number;
  agreed: number;
  failed: number;
  ended: number;
  performed: number;
  overdue: number;
  successRate: number | null;
  meanDays: number | null;
}
interface Stats {
  total: Figures;
  byType: Array<Figures & { type: string; label: string }>;
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** 调解统计: by dispute type for the staff member's jurisdiction, over the days registered. */
export function MediationStats() {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const stats = useApi<Stats>('/api/mediations/stats', {
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  });
  const rows = stats.data ? [...stats.data.byType, { ...stats.data.total, type: '*', label: '合计' }] : [];
  return (
    <Card
      size="small"
      title="调解统计"
      style={{ marginBottom: 16 }}
      extra={
        <Space>
          <Typography.Text type="secondary">登记日期</Typography.Text>
          <DatePicker.RangePicker
            aria-label="统计登记日期"
            value={range}
            onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
          />
        </Space>
      }
    >
      {stats.error ? <Alert type="error" showIcon title={stats.error.message} /> : null}
      <Table
        size="small"
        rowKey="type"
        loading={stats.loading}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        onRow={(r) => (r.type === '*' ? { style: { fontWeight: 600 } } : {})}
        columns={[
          { title: '纠纷类型', dataIndex: 'label' },
          { title: '登记', dataIndex: 'total' },
          { title: '待受理', dataIndex: 'waiting' },
          { title: '调解中', dataIndex: 'mediating' },
          { title: '调解成功', dataIndex: 'agreed' },
          { title: '调解不成', dataIndex: 'failed' },
          { title: '不予受理/终止', dataIndex: 'ended' },
          { title: '调解成功率', dataIndex: 'successRate', render: pct },
          { title: '协议已履行', dataIndex: 'performed' },
          { title: '平均用时（天）', dataIndex: 'meanDays', render: (v: number | null) => v ?? '—' },
          { title: '超期', dataIndex: 'overdue' },
        ]}
      />
    </Card>
  );
}
