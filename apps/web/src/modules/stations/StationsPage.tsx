import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../../shared/useApi';
import { useScope } from '../console/scope';
import { hasAnyRole, useMe } from '../console/session';
import { StationDetailView } from './StationDetail';
import { StationFormModal } from './StationFormModal';
import { type StationRow, stationBasisLabels, stationKindLabels, stationPath } from './stations.types';

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** 家站点: the list, or one station when the address carries `?id=`. */
export function StationsPage() {
  const [params] = useSearchParams();
  const id = params.get('id');
  return id ? <StationDetailView id={id} /> : <StationList />;
}

function StationList() {
  const me = useMe();
  const { scope } = useScope();
  const [kind, setKind] = useState<string>();
  const [basis, setBasis] = useState<string>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const stations = useApi<{ total: number; items: StationRow[] }>('/api/stations', {
    scope: scope.code,
    kind,
    basis,
    q: q || undefined,
    page,
    pageSize: 20,
  });
  const canCreate = hasAnyRole(me, ['congress_staff']);

  return (
    <>
      <Typography.Title level={3}>家站点</Typography.Title>
      {stations.error ? (
        <Alert type="error" showIcon title={stations.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Input.Search
            allowClear
            placeholder="搜索名称"
            aria-label="搜索家站点"
            style={{ width: 220 }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
          <Select
            allowClear
            placeholder="类型"
            aria-label="类型"
            style={{ width: 170 }}
            options={options(stationKindLabels)}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
          />
          <Select
            allowClear
            placeholder="设立方式"
            aria-label="设立方式"
            style={{ width: 140 }}
            options={options(stationBasisLabels)}
            value={basis}
            onChange={(v) => {
              setBasis(v);
              setPage(1);
            }}
          />
          <Link to="/console/station-stars">星级排名</Link>
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建家站点
            </Button>
          ) : null}
        </Space>
        <Table<StationRow>
          rowKey="id"
          loading={stations.loading}
          dataSource={stations.data?.items ?? []}
          locale={{ emptyText: '暂无家站点' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: stations.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 个`,
            onChange: setPage,
          }}
          scroll={{ x: 1000 }}
          columns={[
            {
              title: '名称',
              dataIndex: 'name',
              render: (name: string, row) => <Link to={stationPath(row.id)}>{name}</Link>,
            },
            { title: '类型', dataIndex: 'kindLabel', render: (t: string) => <Tag color="red">{t}</Tag> },
            { title: '设立方式', dataIndex: 'basisLabel' },
            {
              title: '所在街镇',
              key: 'town',
              render: (_, row) => row.townshipName ?? row.jurisdictionName,
            },
            { title: '进站代表', dataIndex: 'deputyCount', align: 'right' },
            { title: '联络员', dataIndex: 'staffCount', align: 'right' },
            { title: '开放时间', dataIndex: 'openingHours', render: (t: string | null) => t ?? '—' },
            {
              title: '状态',
              dataIndex: 'active',
              render: (a: boolean) => (a ? <Tag color="green">运行中</Tag> : <Tag>已停用</Tag>),
            },
          ]}
        />
      </Card>
      {canCreate ? (
        <StationFormModal
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            stations.reload();
          }}
        />
      ) : null}
    </>
  );
}
