import { Alert, App, Button, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import {
  addDays,
  chinaToday,
  dayLabel,
  type ItemsOf,
  type StaffBooking,
  type StaffDay,
  statusColors,
} from './receptions.types';

/** One day's bookings at a station: masked names and phones, check-in by code, no-shows, audited reveal. */
export function DayBookingsPanel({
  stationId,
  day,
  onDayChange,
}: {
  stationId: string;
  day: string | null;
  onDayChange: (day: string) => void;
}) {
  const { message } = App.useApp();
  const today = chinaToday();
  const days = useApi<ItemsOf<StaffDay>>('/api/receptions/days', {
    station: stationId,
    from: addDays(today, -30),
    to: addDays(today, 90),
  });
  const upcoming = days.data?.items.find((d) => d.day >= today);
  const current = day ?? upcoming?.day ?? days.data?.items.at(-1)?.day ?? null;
  const list = useApi<ItemsOf<StaffBooking>>(current ? '/api/receptions/bookings' : null, {
    station: stationId,
    day: current,
  });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [revealing, setRevealing] = useState<StaffBooking | null>(null);

  const checkIn = async () => {
    if (!/^\d{6}$/.test(code)) return message.error('签到码为 6 位数字');
    setBusy(true);
    try {
      const b = await api.post<StaffBooking>('/api/receptions/check-in', {
        station: stationId,
        day: current,
        code,
      });
      message.success(`${b.nameMasked} 签到成功（${b.slotStart}）`);
      setCode('');
      list.reload();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const noShow = async (b: StaffBooking) => {
    try {
      await api.post(`/api/receptions/bookings/${b.id}/no-show`);
      list.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="接待日"
          style={{ minWidth: 220 }}
          value={current ?? undefined}
          placeholder="选择接待日"
          loading={days.loading}
          onChange={onDayChange}
          options={(days.data?.items ?? []).map((d) => ({
            value: d.day,
            label: `${dayLabel(d.day)}${d.cancelled ? '（已取消）' : ''} ${d.booked}/${d.capacity}`,
          }))}
        />
        <Input
          aria-label="签到码"
          placeholder="输入 6 位签到码"
          inputMode="numeric"
          maxLength={6}
          style={{ width: 180 }}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          onPressEnter={checkIn}
        />
        <Button type="primary" loading={busy} disabled={!current} onClick={checkIn}>
          签到
        </Button>
      </Space>
      {list.error ? (
        <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<StaffBooking>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '当天暂无预约' }}
        columns={[
          { title: '时段', dataIndex: 'slotStart', width: 90 },
          { title: '姓名', dataIndex: 'nameMasked', width: 100 },
          { title: '电话', dataIndex: 'phoneMasked', width: 140 },
          { title: '反映事项', dataIndex: 'topic' },
          {
            title: '状态',
            width: 100,
            render: (_, b) => <Tag color={statusColors[b.status]}>{b.statusLabel}</Tag>,
          },
          {
            title: '操作',
            width: 200,
            render: (_, b) => (
              <Space>
                {b.status === 'booked' ? (
                  <Button size="small" onClick={() => noShow(b)}>
                    记为未到
                  </Button>
                ) : null}
                <Button size="small" type="link" onClick={() => setRevealing(b)}>
                  查看联系方式
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {revealing ? <RevealModal booking={revealing} onClose={() => setRevealing(null)} /> : null}
    </>
  );
}

function RevealModal({ booking, onClose }: { booking: StaffBooking; onClose: () => void }) {
  const [purpose, setPurpose] = useState('');
  const [shown, setShown] = useState<{ name: string; phone: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reveal = async () => {
    try {
      setShown(await api.post(`/api/receptions/bookings/${booking.id}/reveal`, { purpose: purpose.trim() }));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open
      title="查看预约群众联系方式"
      onCancel={onClose}
      onOk={shown ? onClose : reveal}
      okText={shown ? '关闭' : '查看'}
      cancelButtonProps={{ style: shown ? { display: 'none' } : undefined }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {shown ? (
        <p>
          {shown.name} · {shown.phone}
        </p>
      ) : (
        <>
          <p>查看将记入审计日志，请填写查看原因。</p>
          <Input
            placeholder="如：电话确认到访"
            value={purpose}
            maxLength={100}
            onChange={(e) => setPurpose(e.target.value)}
          />
        </>
      )}
    </Modal>
  );
}
