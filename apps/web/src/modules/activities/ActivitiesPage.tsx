import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../shared/useApi';
import {
  type CongressLevel,
  CongressLevelPicker,
  DeputyPicker,
  kindName,
  useCongresses,
  useKinds,
  useStations,
} from './ActivitiesShared';
import { ActivityDrawer } from './ActivityDrawer';
import { ActivityForm } from './ActivityForm';
import {
  type Activity,
  type ActivityStatus,
  originLabels,
  type Page,
  STATUSES,
  statusColors,
} from './activities.types';

/** 履职登记 (staff): every activity of a congress with filters, registration and confirmation. */
export function ActivitiesPage() {
  const congresses = useCongresses();
  const [cl, setCl] = useState<CongressLevel>();
  const code = cl?.congress.code;
  const kinds = useKinds(code);
  const stations = useStations(code);
  const [kind, setKind] = useState<string>();
  const [status, setStatus] = useState<ActivityStatus>();
  const [stationId, setStationId] = useState<string>();
  const [deputy, setDeputy] = useState<string[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const list = useApi<Page<Activity>>(code ? '/api/activities' : null, {
    congressCode: code,
    kind,
    status,
    stationId,
    deputyId: deputy[0],
    from: from || undefined,
    to: to || undefined,
    page,
    pageSize: 20,
  });
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const stationName = (id: string | null) => (id ? (stations.find((s) => s.id === id)?.name ?? '') : '');

  return (
    <>
      <Typography.Title level={3}>履职登记</Typography.Title>
      {congresses.error ? <Alert type="error" showIcon title={congresses.error.message} /> : null}
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <CongressLevelPicker
            items={congresses.data?.items ?? []}
            value={cl}
            onChange={reset(setCl)}
            withLevel={false}
          />
          <Select
            aria-label="活动类型"
            allowClear
            placeholder="全部类型"
            style={{ width: 140 }}
            value={kind}
            onChange={reset(setKind)}
            options={kinds.map((k) => ({ value: k.code, label: k.name }))}
          />
          <Select
            aria-label="确认状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 120 }}
            value={status}
            onChange={reset(setStatus)}
            options={STATUSES}
          />
          <Select
            aria-label="联络站"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部联络站"
            style={{ width: 200 }}
            value={stationId}
            onChange={reset(setStationId)}
            options={stations.map((s) => ({ value: s.id, label: s.name }))}
          />
          {code ? (
            <DeputyPicker scope={code} value={deputy} onChange={reset(setDeputy)} placeholder="全部代表" />
          ) : null}
          <Input
            aria-label="起始日期"
            type="date"
            style={{ width: 150 }}
            value={from}
            onChange={(e) => reset(setFrom)(e.target.value)}
          />
          <span>至</span>
          <Input
            aria-label="截止日期"
            type="date"
            style={{ width: 150 }}
            value={to}
            onChange={(e) => reset(setTo)(e.target.value)}
          />
          <Button type="primary" icon={<PlusOutlined />} disabled={!cl} onClick={() => setRegistering(true)}>
            登记活动
          </Button>
          <Button onClick={list.reload}>刷新</Button>
        </Space>
      </Card>
      <Table<Activity>
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
          showTotal: (n) => `共 ${n} 项`,
        }}
        columns={[
          { title: '日期', dataIndex: 'day', width: 110 },
          { title: '类型', dataIndex: 'kind', width: 110, render: (k: string) => kindName(kinds, k) },
          { title: '活动名称', dataIndex: 'title' },
          {
            title: '地点 / 联络站',
            width: 200,
            render: (_: unknown, r) => [r.place, stationName(r.stationId)].filter(Boolean).join(' · '),
          },
          {
            title: '参加代表',
            width: 220,
            render: (_: unknown, r) =>
              r.participants
                .map((p) => (p.attendance === 'present' ? p.name : `${p.name}(${p.attendanceLabel})`))
                .join('、'),
          },
          {
            title: '接待/意见/解决',
            width: 120,
            render: (_: unknown, r) => `${r.citizensReceived}/${r.opinionsCollected}/${r.problemsSolved}`,
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 150,
            render: (s: ActivityStatus, r) => (
              <>
                <Tag color={statusColors[s]}>{r.statusLabel}</Tag>
                {r.origin !== 'staff' ? <Tag>{originLabels[r.origin]}</Tag> : null}
              </>
            ),
          },
        ]}
      />
      <ActivityDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} canManage />
      <ActivityForm
        open={registering}
        congress={cl?.congress}
        onClose={() => setRegistering(false)}
        onDone={() => {
          setRegistering(false);
          list.reload();
        }}
      />
    </>
  );
}
