import { Alert, App, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, errorText, fieldIssues } from '../../api';
import { DeputyPicker, useKinds, useStations } from './ActivitiesShared';
import { PhotoPicker, readAsDataUrl } from './ActivityPhotos';
import { type Activity, ATTENDANCE, type Attendance, type WorkingCongress } from './activities.types';

const MODES = ['集中活动', '个人走访', '进站接待', '网格走访', '线上联系', '座谈会'];

interface Props {
  open: boolean;
  congress: WorkingCongress | undefined;
  /** A deputy registers only their own participation; staff name who took part. */
  asDeputy?: boolean;
  onClose: () => void;
  onDone: (a: Activity) => void;
}

interface Values {
  kind: string;
  title: string;
  day: string;
  place?: string;
  mode?: string;
  stationId?: string;
  content?: string;
  citizensReceived?: number;
  opinionsCollected?: number;
  problemsSolved?: number;
}

/** 履职登记: the fields of a 履职情况登记表 with its photos; staff also record each deputy's attendance. */
export function ActivityForm({ open, congress, asDeputy, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kinds = useKinds(open ? congress?.code : undefined);
  const stations = useStations(open && !asDeputy ? congress?.code : undefined);
  const [people, setPeople] = useState<Array<{ deputyId: string; name: string; attendance: Attendance }>>([]);
  const [photos, setPhotos] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    if (!congress) return;
    setError(null);
    setSaving(true);
    try {
      const a = await api.post<Activity>('/api/activities', {
        congressCode: congress.code,
        ...v,
        place: v.place || undefined,
        content: v.content || undefined,
        participants: asDeputy ? [] : people.map(({ deputyId, attendance }) => ({ deputyId, attendance })),
        ...(photos.length ? { photos: await Promise.all(photos.map(readAsDataUrl)) } : {}),
      });
      message.success(asDeputy ? '已提交，待工作人员确认后计入积分' : '已登记');
      form.resetFields();
      setPeople([]);
      setPhotos([]);
      onDone(a);
    } catch (e) {
      const issues = fieldIssues(e);
      setError(issues.length ? issues.map((i) => i.message).join('；') : errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={asDeputy ? '登记我的履职活动' : '履职登记'}
      okText={asDeputy ? '提交' : '登记'}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      width={asDeputy ? 520 : 720}
      destroyOnHidden
    >
      {error ? <Alert style={{ marginBottom: 12 }} type="error" showIcon title={error} /> : null}
      {asDeputy ? (
        <Typography.Paragraph type="secondary">
          本人登记的活动由{congress?.name ?? ''}工作人员确认后计入履职积分。
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" preserve={false}>
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
            <Select
              style={{ width: 180 }}
              options={kinds
                .filter((k) => k.code !== 'field_note')
                .map((k) => ({ value: k.code, label: k.name }))}
            />
          </Form.Item>
          <Form.Item name="day" label="活动日期" rules={[{ required: true, message: '请选择活动日期' }]}>
            <Input type="date" style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="mode" label="履职方式">
            <Select allowClear style={{ width: 150 }} options={MODES.map((m) => ({ value: m, label: m }))} />
          </Form.Item>
        </Space>
        <Form.Item
          name="title"
          label="活动名称"
          rules={[{ required: true, min: 2, max: 60, message: '请填写活动名称（2–60 字）' }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item name="place" label="活动地点">
            <Input maxLength={100} style={{ width: 260 }} />
          </Form.Item>
          {asDeputy ? null : (
            <Form.Item name="stationId" label="联络站">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ width: 260 }}
                options={stations.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="content" label="活动内容">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Space wrap>
          <Form.Item name="citizensReceived" label="接待群众（人次）">
            <InputNumber min={0} max={10000} />
          </Form.Item>
          <Form.Item name="opinionsCollected" label="收集意见（条）">
            <InputNumber min={0} max={10000} />
          </Form.Item>
          <Form.Item name="problemsSolved" label="解决问题（个）">
            <InputNumber min={0} max={10000} />
          </Form.Item>
        </Space>
      </Form>
      <PhotoPicker value={photos} onChange={setPhotos} />
      {asDeputy || !congress ? null : (
        <AttendanceEditor scope={congress.code} value={people} onChange={setPeople} />
      )}
    </Modal>
  );
}

/** Who took part and how: 出席 / 请假 / 缺席 (an unexcused absence is a deduction). */
export function AttendanceEditor({
  scope,
  value,
  onChange,
}: {
  scope: string;
  value: Array<{ deputyId: string; name: string; attendance: Attendance }>;
  onChange: (v: Array<{ deputyId: string; name: string; attendance: Attendance }>) => void;
}) {
  return (
    <section aria-label="参加代表">
      <Typography.Text strong>参加代表及考勤</Typography.Text>
      <div style={{ margin: '8px 0' }}>
        <DeputyPicker
          label="参加代表"
          scope={scope}
          multiple
          value={value.map((p) => p.deputyId)}
          onChange={(ids, names) =>
            onChange(
              ids.map(
                (id) =>
                  value.find((p) => p.deputyId === id) ?? {
                    deputyId: id,
                    name: names.get(id) ?? '',
                    attendance: 'present',
                  },
              ),
            )
          }
        />
      </div>
      {value.map((p) => (
        <Space key={p.deputyId} style={{ display: 'flex', marginBottom: 4 }}>
          <span style={{ display: 'inline-block', minWidth: 72 }}>{p.name}</span>
          <Select
            aria-label={`${p.name}考勤`}
            size="small"
            style={{ width: 90 }}
            value={p.attendance}
            options={ATTENDANCE}
            onChange={(attendance: Attendance) =>
              onChange(value.map((x) => (x.deputyId === p.deputyId ? { ...x, attendance } : x)))
            }
          />
        </Space>
      ))}
    </section>
  );
}
