import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../shared/useApi';
import { MediationDrawer } from './MediationDrawer';
import { MediationStats } from './MediationStats';
import {
  DISPUTE_TYPES,
  type DisputeType,
  day,
  type MediationRow,
  type Page,
  STATE_FILTER,
  stateColors,
} from './mediation.types';
import { RegisterModal } from './RegisterModal';

/**
 * 矛盾调解 (station and congress staff: every case of their jurisdiction, 登记) and 我参与的调解
 * (a deputy: the cases they mediate, `mine=1`). One list, one drawer; the server says what each may do.
 */
function MediationList({ mine }: { mine?: boolean }) {
  const [stateFilter, setStateFilter] = useState<string | undefined>();
  const [disputeType, setDisputeType] = useState<DisputeType | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);
  // A link from another screen (e.g. the suggestion drawn from a finding) opens ?open=<id>.
  const [params] = useSearchParams();
  const [open, setOpen] = useState<string | null>(params.get('open'));
  useEffect(() => {
    if (params.get('open')) setOpen(params.get('open'));
  }, [params]);
  const [kind, value] = stateFilter?.split(':') ?? [];
  const list = useApi<Page<MediationRow>>('/api/mediations', {
    page,
    pageSize: 20,
    ...(kind === 'phase' ? { phase: value } : kind === 'state' ? { state: value } : {}),
    disputeType,
    overdue: overdue ? 1 : undefined,
    mine: mine ? 1 : undefined,
    q: q || undefined,
  });
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const title = mine ? '我参与的调解' : '矛盾调解';

  return (
    <>
      <Typography.Title level={3}>{title}</Typography.Title>
      {mine ? (
        <Typography.Paragraph type="secondary">
          联络站受理后指派您参与调解的矛盾纠纷。当事人信息已脱敏，查看完整联系方式将留痕；调解中发现的共性问题可转为代表建议。
        </Typography.Paragraph>
      ) : (
        <MediationStats />
      )}
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            aria-label="按状态筛选"
            allowClear
            placeholder="全部状态"
            style={{ width: 160 }}
            value={stateFilter}
            onChange={reset(setStateFilter)}
            options={STATE_FILTER}
          />
          <Select
            aria-label="按纠纷类型筛选"
            allowClear
            placeholder="全部纠纷类型"
            style={{ width: 160 }}
            value={disputeType}
            onChange={reset(setDisputeType)}
            options={Object.entries(DISPUTE_TYPES).map(([v, label]) => ({ value: v, label }))}
          />
          <Checkbox checked={overdue} onChange={(e) => reset(setOverdue)(e.target.checked)}>
            仅看超期
          </Checkbox>
          <Input.Search
            aria-label="按关键词查找"
            allowClear
            placeholder="案由关键词或案件编号"
            style={{ width: 260 }}
            maxLength={60}
            onSearch={(v) => reset(setQ)(v.trim())}
          />
          <Button onClick={list.reload}>刷新</Button>
          {mine ? null : (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
              登记调解
            </Button>
          )}
        </Space>
      </Card>
      <Table<MediationRow>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: mine ? '暂无指派您参与的调解案件' : '暂无调解案件' }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 件`,
        }}
        columns={[
          { title: '案件编号', dataIndex: 'trackingNo', width: 160 },
          { title: '案由', dataIndex: 'title' },
          {
            title: '状态',
            dataIndex: 'stateLabel',
            width: 150,
            render: (v: string, r) => (
              <>
                <Tag color={r.overdue ? 'red' : stateColors[r.state]}>{v}</Tag>
                {r.overdue ? <Tag color="red">超期</Tag> : null}
                {r.supervisionLevel ? <Tag color="volcano">督办</Tag> : null}
              </>
            ),
          },
          { title: '纠纷类型', dataIndex: 'disputeTypeLabel', width: 110 },
          {
            title: '调解地点',
            dataIndex: 'stationName',
            ellipsis: true,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: '当事人',
            dataIndex: 'partyCount',
            width: 70,
            render: (n: number) => `${n} 方`,
          },
          {
            title: '调解代表',
            dataIndex: 'mediators',
            width: 120,
            render: (m: MediationRow['mediators']) => (m.length ? m.map((x) => x.name).join('、') : '—'),
          },
          { title: '期限', dataIndex: 'dueAt', width: 100, render: (v: string | null) => day(v) || '—' },
          { title: '登记时间', dataIndex: 'openedAt', width: 100, render: (v: string) => day(v) },
        ]}
      />
      <MediationDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
      {mine ? null : (
        <RegisterModal
          open={registering}
          onClose={() => setRegistering(false)}
          onDone={(id) => {
            setRegistering(false);
            list.reload();
            setOpen(id);
          }}
        />
      )}
    </>
  );
}

export const MediationsPage = () => <MediationList />;
export const MyMediationsPage = () => <MediationList mine />;
