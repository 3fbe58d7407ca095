import { Button, Card, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../shared/format';
import { useApi } from '../../shared/useApi';
import { AuditVerify } from './AuditVerify';
import type { AuditEntry, AuditPageResult } from './audit.types';

const PAGE_SIZE = 50;

export function AuditPage() {
  const [action, setAction] = useState('');
  // Keyset paging: each entry is the `before` cursor of a page already visited.
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors[cursors.length - 1];
  const page = useApi<AuditPageResult>('/api/audit', {
    limit: PAGE_SIZE,
    before,
    action: action || undefined,
  });

  const search = (value: string) => {
    setAction(value.trim());
    setCursors([]);
  };
  const next = page.data?.nextBefore ?? null;

  return (
    <>
      <Typography.Title level={3}>审计日志</Typography.Title>
      <AuditVerify />
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Input.Search
            allowClear
            placeholder="按操作筛选，如 auth.login"
            onSearch={search}
            style={{ width: 280 }}
            aria-label="按操作筛选"
          />
        </Space>
        <Table<AuditEntry>
          rowKey="seq"
          size="small"
          loading={page.loading}
          dataSource={page.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: page.error ? page.error.message : '暂无审计记录' }}
          scroll={{ x: 900 }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 80 },
            { title: '时间', dataIndex: 'at', width: 170, render: formatDateTime },
            { title: '操作人', dataIndex: 'actorLabel', width: 160 },
            { title: '操作', dataIndex: 'action', width: 200, render: (a: string) => <code>{a}</code> },
            {
              title: '对象',
              key: 'target',
              render: (_, row) => (row.targetType ? `${row.targetType} ${row.targetId ?? ''}` : '—'),
            },
            {
              title: '辖区',
              dataIndex: 'jurisdictionCode',
              width: 130,
              render: (c: string | null) => c ?? '—',
            },
            { title: 'IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
          ]}
        />
        <Space style={{ marginTop: 16 }}>
          <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
            上一页
          </Button>
          <Button disabled={next === null} onClick={() => next !== null && setCursors((c) => [...c, next])}>
            下一页
          </Button>
          <Typography.Text type="secondary">
            第 {cursors.length + 1} 页，每页 {PAGE_SIZE} 条
          </Typography.Text>
        </Space>
      </Card>
    </>
  );
}
