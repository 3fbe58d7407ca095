import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { withQuery } from '../../api';
import { useApi } from '../../shared/useApi';
import { useScope } from '../console/scope';
import { hasAnyRole, useMe } from '../console/session';
import { DeputyDrawer } from './DeputyDrawer';
import {
  type Deputy,
  type DeputyOptions,
  type DeputyPage,
  statusColors,
  statusLabels,
} from './deputies.types';
import { ImportModal } from './ImportModal';

interface Filters {
  q?: string;
  level?: string;
  status?: string;
  group?: string;
  tag?: string;
}

export function DeputiesPage() {
  const me = useMe();
  const { scope } = useScope();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const query = { scope: scope.code, ...filters, page, pageSize };
  const list = useApi<DeputyPage>('/api/deputies', query);
  const options = useApi<DeputyOptions>('/api/deputies/options', { scope: scope.code });
  const canWrite = hasAnyRole(me, ['congress_staff']);
  const canImport = hasAnyRole(me, ['congress_staff', 'sysadmin']);
  const set = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  return (
    <>
      <Typography.Title level={3}>代表名册</Typography.Title>
      {list.error ? (
        <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Input.Search
            allowClear
            placeholder="搜索代表姓名"
            aria-label="搜索代表姓名"
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            placeholder="代表层级"
            aria-label="代表层级"
            style={{ width: 150 }}
            options={options.data?.levels}
            onChange={(v?: string) => set({ level: v })}
          />
          <Select
            allowClear
            placeholder="状态"
            aria-label="状态"
            style={{ width: 110 }}
            options={Object.entries(statusLabels).map(([value, label]) => ({ value, label }))}
            onChange={(v?: string) => set({ status: v })}
          />
          <Select
            allowClear
            placeholder="专业代表小组"
            aria-label="专业代表小组"
            style={{ width: 150 }}
            options={options.data?.professionalGroups.map((g) => ({ value: g, label: g }))}
            onChange={(v?: string) => set({ group: v })}
          />
          <Input.Search
            allowClear
            placeholder="专长标签，如 物业纠纷"
            aria-label="专长标签"
            onSearch={(v) => set({ tag: v.trim() || undefined })}
            style={{ width: 200 }}
          />
        </Space>
        <Space style={{ marginBottom: 16, display: 'flex' }} wrap>
          {canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增代表
            </Button>
          ) : null}
          {canImport ? (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入名册
              </Button>
              <Button icon={<FileExcelOutlined />} href="/api/deputies/template">
                下载模板
              </Button>
            </>
          ) : null}
          <Button
            icon={<DownloadOutlined />}
            href={withQuery('/api/deputies/export', { scope: scope.code, ...filters })}
          >
            导出
          </Button>
          {/^\d{9}$/.test(scope.code) ? (
            <Button href={withQuery('/api/deputies/cards.pdf', { township: scope.code })} target="_blank">
              打印本街镇联系卡
            </Button>
          ) : null}
          <Typography.Text type="secondary">共 {list.data?.total ?? 0} 名代表</Typography.Text>
        </Space>
        <Table<Deputy>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有符合条件的代表' }}
          scroll={{ x: 1100 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              render: (name: string, row) => (
                <Button type="link" size="small" onClick={() => setEditing(row.id)}>
                  {name}
                </Button>
              ),
            },
            { title: '性别', dataIndex: 'gender', width: 60 },
            { title: '所属辖区', dataIndex: 'jurisdictionName' },
            {
              title: '代表层级',
              key: 'mandates',
              render: (_, row) =>
                row.mandates.map((m) => (
                  <Tag key={m.id} color="red" variant="outlined">
                    {m.levelLabel} · 第{m.term}届
                  </Tag>
                )),
            },
            { title: '职业类别', dataIndex: 'occupationCategory', render: (v: string | null) => v ?? '—' },
            {
              title: '专长',
              key: 'expertise',
              render: (_, row) =>
                row.expertise.map((t) => (
                  <Tag key={t} color="blue">
                    {t}
                  </Tag>
                )),
            },
            { title: '网格', key: 'grids', render: (_, row) => row.grids.length },
            { title: '手机号码', dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (_: string, row) => <Tag color={statusColors[row.status]}>{row.statusLabel}</Tag>,
            },
          ]}
        />
      </Card>
      {editing ? (
        <DeputyDrawer
          id={editing === 'new' ? null : editing}
          options={options.data}
          canWrite={canWrite}
          onClose={() => setEditing(null)}
          onSaved={() => list.reload()}
        />
      ) : null}
      <ImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => list.reload()}
        scopeCode={scope.code}
      />
    </>
  );
}
