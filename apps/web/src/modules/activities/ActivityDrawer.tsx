import { Alert, App, Button, Descriptions, Drawer, Input, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { SuggestionsOfActivity } from '../suggestions/FromActivity';
import { kindName, useKinds } from './ActivitiesShared';
import { AttendanceEditor } from './ActivityForm';
import { ActivityPhotos } from './ActivityPhotos';
import { type Activity, type Attendance, drawerWidth, originLabels, statusColors } from './activities.types';

interface Props {
  id: string | null;
  onClose: () => void;
  onChanged?: () => void;
  /** Staff of the activity's jurisdiction: confirm/reject a deputy's entry, correct attendance. */
  canManage?: boolean;
}

/** One activity as registered: what, when, where, who took part (attendance), its photos and its review. */
export function ActivityDrawer({ id, onClose, onChanged, canManage }: Props) {
  const state = useApi<Activity>(id ? `/api/activities/${id}` : null);
  const a = state.data;
  const kinds = useKinds(a?.congressCode);
  const done = () => {
    state.reload();
    onChanged?.();
  };
  return (
    <Drawer
      open={!!id}
      width={drawerWidth()}
      onClose={onClose}
      title={a && a.id === id ? a.title : '履职活动'}
      destroyOnHidden
    >
      {state.error ? <Alert type="error" showIcon title={state.error.message} /> : null}
      {!a || a.id !== id ? (
        <Spin />
      ) : (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="状态">
              <Tag color={statusColors[a.status]}>{a.statusLabel}</Tag>
              <Tag>{originLabels[a.origin]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="活动类型">{kindName(kinds, a.kind)}</Descriptions.Item>
            <Descriptions.Item label="活动日期">{a.day}</Descriptions.Item>
            {a.place ? <Descriptions.Item label="地点">{a.place}</Descriptions.Item> : null}
            {a.mode ? <Descriptions.Item label="履职方式">{a.mode}</Descriptions.Item> : null}
            {a.content ? (
              <Descriptions.Item label="内容">
                <div style={{ whiteSpace: 'pre-wrap' }}>{a.content}</div>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label="接待群众 / 收集意见 / 解决问题">
              {a.citizensReceived} 人次 / {a.opinionsCollected} 条 / {a.problemsSolved} 个
            </Descriptions.Item>
            <Descriptions.Item label="参加代表">
              {a.participants.length === 0
                ? '—'
                : a.participants.map((p) => (
                    <Tag key={p.deputyId} color={p.attendance === 'absent' ? 'red' : undefined}>
                      {p.name}·{p.attendanceLabel}
                    </Tag>
                  ))}
            </Descriptions.Item>
          </Descriptions>
          <ActivityPhotos activity={a} onChanged={done} />
          <SuggestionsOfActivity activity={a} />
          {a.rejectReason ? (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              title="未通过确认"
              description={a.rejectReason}
            />
          ) : null}
          {canManage && a.status === 'pending' ? <Review activity={a} onDone={done} /> : null}
          {canManage && a.status === 'confirmed' && a.origin !== 'event' ? (
            <AttendanceFix activity={a} onDone={done} />
          ) : null}
        </>
      )}
    </Drawer>
  );
}

function Review({ activity, onDone }: { activity: Activity; onDone: () => void }) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = async (confirm: boolean) => {
    setError(null);
    try {
      await api.post(`/api/activities/${activity.id}/review`, {
        confirm,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      message.success(confirm ? '已确认，计入履职积分' : '已退回');
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section aria-label="确认代表登记" style={{ marginTop: 16 }}>
      <h4>确认代表本人登记的活动</h4>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
      <Input.TextArea
        aria-label="退回理由"
        placeholder="退回时须填写理由（代表可见）"
        rows={2}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" onClick={() => send(true)}>
          确认
        </Button>
        <Button danger onClick={() => send(false)}>
          退回
        </Button>
      </Space>
    </section>
  );
}

function AttendanceFix({ activity, onDone }: { activity: Activity; onDone: () => void }) {
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [people, setPeople] = useState<Array<{ deputyId: string; name: string; attendance: Attendance }>>(
    activity.participants,
  );
  const [error, setError] = useState<string | null>(null);
  if (!editing)
    return (
      <Button style={{ marginTop: 16 }} onClick={() => setEditing(true)}>
        修改考勤
      </Button>
    );
  const save = async () => {
    setError(null);
    try {
      await api.put(`/api/activities/${activity.id}/attendance`, {
        participants: people.map(({ deputyId, attendance }) => ({ deputyId, attendance })),
      });
      message.success('考勤已更新，积分随之重新计算');
      setEditing(false);
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div style={{ marginTop: 16 }}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
      <AttendanceEditor scope={activity.congressCode} value={people} onChange={setPeople} />
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" onClick={save}>
          保存考勤
        </Button>
        <Button onClick={() => setEditing(false)}>取消</Button>
      </Space>
    </div>
  );
}
