import { PlusOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Button, Card, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useApi } from '../../shared/useApi';
import { kindName, useCongresses, useKinds } from './ActivitiesShared';
import { ActivityDrawer } from './ActivityDrawer';
import { ActivityForm } from './ActivityForm';
import { type Activity, type Page, statusColors, thisYear } from './activities.types';

/** The congress a deputy works in on a workbench panel (a choice only when they hold several). */
export function useMyCongress() {
  const congresses = useCongresses();
  const mine = (congresses.data?.items ?? []).filter((c) => c.mine);
  const [code, setCode] = useState<string>();
  const congress = mine.find((c) => c.code === code) ?? mine[0];
  const picker =
    mine.length > 1 ? (
      <Select
        aria-label="人大"
        size="small"
        value={congress?.code}
        onChange={setCode}
        options={mine.map((c) => ({ value: c.code, label: c.name }))}
      />
    ) : null;
  return { congress, picker, error: congresses.error };
}

/** 我的履职 (workbench): this year's activities I took part in; I register my own (pending until staff confirm). */
export function ActivitiesMine() {
  const { congress, picker } = useMyCongress();
  const kinds = useKinds(congress?.code);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const list = useApi<Page<Activity>>(congress ? '/api/activities' : null, {
    congressCode: congress?.code,
    year: thisYear(),
    page,
    pageSize: 10,
  });
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          <ScheduleOutlined />
          我的履职
        </Space>
      }
      extra={
        <Space>
          {picker}
          <Button
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            disabled={!congress}
            onClick={() => setRegistering(true)}
          >
            登记履职
          </Button>
        </Space>
      }
    >
      <List
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '今年还没有履职记录' }}
        pagination={
          (list.data?.total ?? 0) > 10
            ? { current: page, pageSize: 10, total: list.data?.total, onChange: setPage, size: 'small' }
            : false
        }
        renderItem={(a) => {
          const me = a.participants.length === 1 ? a.participants[0] : undefined;
          return (
            <List.Item onClick={() => setOpen(a.id)} style={{ cursor: 'pointer' }}>
              <div style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <span style={{ color: '#8c8c8c' }}>{a.day}</span>
                  <Tag>{kindName(kinds, a.kind)}</Tag>
                  <Typography.Text>{a.title}</Typography.Text>
                  <Tag color={statusColors[a.status]}>{a.statusLabel}</Tag>
                  {me && me.attendance !== 'present' ? <Tag color="red">{me.attendanceLabel}</Tag> : null}
                </Space>
                {a.rejectReason ? (
                  <div style={{ color: '#cf1322', fontSize: 12 }}>退回理由：{a.rejectReason}</div>
                ) : null}
              </div>
            </List.Item>
          );
        }}
      />
      <ActivityDrawer id={open} onClose={() => setOpen(null)} />
      <ActivityForm
        open={registering}
        congress={congress}
        asDeputy
        onClose={() => setRegistering(false)}
        onDone={() => {
          setRegistering(false);
          list.reload();
        }}
      />
    </Card>
  );
}
