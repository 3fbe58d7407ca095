import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../shared/useApi';
import { hasAnyRole, useMe } from '../console/session';
import { OpinionDrawer } from './OpinionDrawer';
import { day, type OpinionRow, type Page } from './opinions.types';
import { RecordOpinionModal } from './RecordOpinionModal';

export interface QueueProps {
  title: string;
  /** Which list: everything in scope, the unit's inbox, the deputy's received opinions, overdue only. */
  source: 'all' | 'department' | 'deputy' | 'supervision';
  /** 民意受理: station and congress staff record a walk-in or an observer's report here. */
  canRecord?: boolean;
}

/** 待人工分派: accepted cases the routing rules do not decide (GET /api/opinions/triage). */
const TRIAGE = { value: 'triage', label: '待人工分派' };
const PHASES = [
  { value: 'intake', label: '待受理/已受理' },
  { value: 'handling', label: '办理中' },
  { value: 'feedback', label: '待评价' },
  { value: 'closed', label: '已办结' },
];

/** The one list screen behind 民意受理, 承办单位收件箱, 督办看板 and 我收到的民意 (台账: LedgersPage.tsx). */
export function OpinionQueue({ title, source, canRecord }: QueueProps) {
  const me = useMe();
  const [recording, setRecording] = useState(false);
  const mayRecord = canRecord && hasAnyRole(me, ['congress_staff', 'station_staff']);
  const [phase, setPhase] = useState<string | undefined>(source === 'all' ? 'intake' : undefined);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  // A link from another screen (e.g. a suggestion drawn from this opinion) opens ?open=<id>.
  const [params] = useSearchParams();
  const [open, setOpen] = useState<string | null>(params.get('open'));
  useEffect(() => {
    if (params.get('open')) setOpen(params.get('open'));
  }, [params]);
  const query = {
    page,
    pageSize: 20,
    ...(phase && phase !== TRIAGE.value ? { phase } : {}),
    ...(q ? { q } : {}),
    ...(source === 'department' || source === 'deputy' ? { view: source } : {}),
  };
  const path =
    source === 'supervision'
      ? '/api/opinions/supervision'
      : phase === TRIAGE.value
        ? '/api/opinions/triage'
        : '/api/opinions';
  const list = useApi<Page<OpinionRow>>(path, query);

  return (
    <>
      <Typography.Title level={3}>{title}</Typography.Title>
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          {source !== 'supervision' ? (
            <Select
              aria-label="阶段"
              allowClear
              placeholder="全部阶段"
              style={{ width: 160 }}
              value={phase}
              onChange={(v) => {
                setPhase(v);
                setPage(1);
              }}
              options={source === 'all' ? [...PHASES, TRIAGE] : PHASES}
            />
          ) : null}
          <Input.Search
            aria-label="关键词"
            allowClear
            placeholder="关键词或受理编号，如：加装电梯"
            style={{ width: 280 }}
            maxLength={100}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
          <Button onClick={list.reload}>刷新</Button>
          {mayRecord ? (
            <Button type="primary" onClick={() => setRecording(true)}>
              登记来访民意
            </Button>
          ) : null}
        </Space>
      </Card>
      <Table<OpinionRow>
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
          showTotal: (t) => `共 ${t}${list.data?.totalIsLowerBound ? '+' : ''} 件`,
        }}
        columns={[
          { title: '受理编号', dataIndex: 'trackingNo', width: 170 },
          { title: '标题', dataIndex: 'title' },
          {
            title: '状态',
            dataIndex: 'stateLabel',
            width: 140,
            render: (v: string, r) => (
              <>
                <Tag color={r.overdue ? 'red' : 'blue'}>{v}</Tag>
                {r.supervisionLevel ? <Tag color="volcano">{r.supervisionLevel}级督办</Tag> : null}
              </>
            ),
          },
          { title: '分类', dataIndex: 'categoryName', width: 110 },
          { title: '街镇', dataIndex: 'township', width: 100 },
          { title: '来源', dataIndex: 'channelLabel', width: 100 },
          { title: '承办单位', dataIndex: 'departmentName', width: 170 },
          { title: '答复期限', dataIndex: 'replyDueAt', width: 110, render: (v: string | null) => day(v) },
          { title: '提交时间', dataIndex: 'openedAt', width: 110, render: (v: string) => day(v) },
        ]}
      />
      <OpinionDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
      {/* Mounted only while open: a cancelled entry leaves no area or error behind. */}
      {mayRecord && recording ? (
        <RecordOpinionModal
          open={recording}
          onClose={() => setRecording(false)}
          onDone={(r) => {
            setRecording(false);
            list.reload();
            setOpen(r.id);
          }}
        />
      ) : null}
    </>
  );
}

export const TriagePage = () => <OpinionQueue title="民意受理" source="all" canRecord />;
export const InboxPage = () => <OpinionQueue title="承办事项" source="department" />;
export const SupervisionPage = () => <OpinionQueue title="督办看板" source="supervision" />;
export const ReceivedPage = () => <OpinionQueue title="我收到的民意" source="deputy" />;
