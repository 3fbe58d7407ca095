import { Alert, App, Button, Checkbox, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { addDays, chinaToday, dayLabel, type ItemsOf, type StaffDay } from './receptions.types';

const AHEAD = 90;

/** Upcoming reception days with the deputies on duty; a day can be given other deputies or cancelled. */
export function DaysPanel({ stationId, onOpenDay }: { stationId: string; onOpenDay: (day: string) => void }) {
  const { message } = App.useApp();
  const from = chinaToday();
  const days = useApi<ItemsOf<StaffDay>>('/api/receptions/days', {
    station: stationId,
    from,
    to: addDays(from, AHEAD),
  });
  const [editing, setEditing] = useState<StaffDay | null>(null);

  const restore = async (d: StaffDay) => {
    try {
      await api.delete(`/api/receptions/overrides?ruleId=${d.ruleId}&day=${d.day}`);
      message.success('已恢复按规则安排');
      days.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <>
      {days.error ? (
        <Alert type="error" showIcon title={days.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<StaffDay>
        rowKey="day"
        loading={days.loading}
        dataSource={days.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: `今后 ${AHEAD} 天没有接待日，请先在“接待规则与轮值”中设置规则` }}
        columns={[
          {
            title: '接待日',
            dataIndex: 'day',
            render: (_, d) => (
              <>
                {dayLabel(d.day)}
                {d.day !== d.nominal ? (
                  <Tag style={{ marginLeft: 8 }} title={`原定 ${d.nominal}`}>
                    顺延
                  </Tag>
                ) : null}
              </>
            ),
          },
          { title: '时间', render: (_, d) => `${d.startTime}–${d.endTime}` },
          {
            title: '值班代表',
            render: (_, d) => d.deputies.map((x) => <Tag key={x.id}>{x.name}</Tag>),
          },
          { title: '预约', render: (_, d) => `${d.booked} / ${d.capacity}` },
          {
            title: '状态',
            render: (_, d) =>
              d.cancelled ? (
                <Tag color="red">已取消</Tag>
              ) : d.overridden ? (
                <Tag color="orange">已调整</Tag>
              ) : (
                <Tag color="green">正常</Tag>
              ),
          },
          { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
          {
            title: '操作',
            render: (_, d) => (
              <Space>
                <Button size="small" onClick={() => onOpenDay(d.day)}>
                  预约与签到
                </Button>
                <Button size="small" onClick={() => setEditing(d)}>
                  调整
                </Button>
                {d.overridden ? (
                  <Button size="small" type="link" onClick={() => restore(d)}>
                    恢复
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {editing ? (
        <OverrideModal
          stationId={stationId}
          day={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            days.reload();
          }}
        />
      ) : null}
    </>
  );
}

function OverrideModal({
  stationId,
  day,
  onClose,
  onSaved,
}: {
  stationId: string;
  day: StaffDay;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const deputies = useApi<ItemsOf<{ id: string; name: string }>>(
    `/api/receptions/stations/${stationId}/deputies`,
  );
  const [ids, setIds] = useState(day.deputies.map((d) => d.id));
  const [cancelled, setCancelled] = useState(day.cancelled);
  const [note, setNote] = useState(day.note ?? '');
  const [saving, setSaving] = useState(false);
  const options = new Map([...day.deputies, ...(deputies.data?.items ?? [])].map((d) => [d.id, d.name]));

  const save = async () => {
    setSaving(true);
    try {
      const r = await api.put<{ cancelledBookings: number }>('/api/receptions/overrides', {
        ruleId: day.ruleId,
        day: day.day,
        deputyIds: cancelled ? null : ids,
        cancelled,
        note: note.trim() || null,
      });
      message.success(
        cancelled ? `已取消接待日，${r.cancelledBookings} 个预约已取消并短信通知` : '已调整值班代表',
      );
      onSaved();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`调整 ${dayLabel(day.day)}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText="保存"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Checkbox checked={cancelled} onChange={(e) => setCancelled(e.target.checked)}>
          取消本次接待（已预约的群众将收到短信）
        </Checkbox>
        {!cancelled ? (
          <Select
            mode="multiple"
            aria-label="值班代表"
            style={{ width: '100%' }}
            value={ids}
            onChange={setIds}
            options={[...options].map(([value, label]) => ({ value, label }))}
          />
        ) : null}
        <Input
          placeholder="说明（选填），如：代表调班、场地检修"
          value={note}
          maxLength={200}
          onChange={(e) => setNote(e.target.value)}
        />
      </Space>
    </Modal>
  );
}
