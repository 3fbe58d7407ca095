import { Alert, App, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { grantScopes } from '../console/scope';
import { useMe } from '../console/session';
import { JurisdictionTreeSelect, type ScopeOption } from '../jurisdictions/JurisdictionTreeSelect';
import { type Category, type IntakeResult, newIdempotencyKey } from './opinions.types';

interface Values {
  channel: 'walk_in' | 'observer';
  stationCode?: string;
  receptionDay?: string;
  observerId?: string;
  title: string;
  description: string;
  categoryCode?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
}

interface StationOption {
  id: string;
  name: string;
  publicCode: string;
}
interface DayOption {
  ruleId: string;
  day: string;
  startTime: string;
  endTime: string;
  cancelled: boolean;
}
interface ObserverOption {
  id: string;
  name: string;
  kindLabel: string;
  jurisdictionName: string;
  status: 'active' | 'inactive';
}

/** Today and 60 days back, as China's calendar days (reception days a walk-in may be recorded on). */
function recentDays(): { from: string; to: string } {
  const china = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  return { from: china(Date.now() - 60 * 86_400_000), to: china(Date.now()) };
}

/**
 * 登记来访民意 (station and congress staff): a citizen who came to the station (现场接待, optionally
 * on one of its reception days), or a report an observer (民情观察员) brought, recorded on their
 * behalf. Contact name and phone are optional and stored encrypted; a phone links the case to the
 * citizen's 我的 on the portal.
 */
export function RecordOpinionModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (r: IntakeResult) => void;
}) {
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const channel = Form.useWatch('channel', form) ?? 'walk_in';
  const stationCode = Form.useWatch('stationCode', form);
  const [where, setWhere] = useState<ScopeOption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const stations = useApi<{ items: StationOption[] }>(open ? '/api/receptions/stations' : null);
  const station = stations.data?.items.find((s) => s.publicCode === stationCode);
  const days = useApi<{ items: DayOption[] }>(
    open && station ? '/api/receptions/days' : null,
    station ? { station: station.id, ...recentDays() } : {},
  );
  const observers = useApi<{ items: ObserverOption[] }>(
    open && channel === 'observer' ? '/api/observers' : null,
  );
  const cats = useApi<{ items: Category[] }>(open ? '/api/opinions/categories' : null);
  const parents = new Map((cats.data?.items ?? []).filter((c) => c.level === 1).map((c) => [c.code, c.name]));

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    if (v.channel === 'walk_in' && !v.stationCode && !where)
      return setError('请选择接待的站点，或问题所在的辖区');
    const day = (days.data?.items ?? []).find((d) => `${d.ruleId}|${d.day}` === v.receptionDay);
    setSaving(true);
    try {
      const r = await api.post<IntakeResult>('/api/opinions', {
        channel: v.channel,
        idempotencyKey,
        title: v.title.trim(),
        description: v.description.trim(),
        ...(v.categoryCode ? { categoryCode: v.categoryCode } : {}),
        ...(where ? { areaCode: where.code } : {}),
        ...(v.address?.trim() ? { address: v.address.trim() } : {}),
        ...(v.channel === 'walk_in' && v.stationCode ? { stationCode: v.stationCode } : {}),
        ...(v.channel === 'walk_in' && day ? { receptionDay: { ruleId: day.ruleId, day: day.day } } : {}),
        ...(v.channel === 'observer' ? { observerId: v.observerId } : {}),
        ...(v.contactName?.trim() ? { contactName: v.contactName.trim() } : {}),
        ...(v.contactPhone?.trim() ? { contactPhone: v.contactPhone.trim() } : {}),
      });
      message.success(`已登记，受理编号 ${r.trackingNo}`);
      form.resetFields();
      setWhere(null);
      setIdempotencyKey(newIdempotencyKey());
      onDone(r);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="登记来访民意"
      okText="登记"
      cancelText="取消"
      width={720}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ channel: 'walk_in' }}>
        <Form.Item name="channel" label="来源">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'walk_in', label: '群众来访（现场接待）' },
              { value: 'observer', label: '民情观察员上报' },
            ]}
          />
        </Form.Item>
        {channel === 'walk_in' ? (
          <Space wrap align="start" style={{ width: '100%' }}>
            <Form.Item name="stationCode" label="接待站点">
              <Select
                aria-label="接待站点"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 300 }}
                placeholder="群众来访的代表之家/联络站"
                loading={stations.loading}
                onChange={() => form.setFieldValue('receptionDay', undefined)}
                options={(stations.data?.items ?? []).map((s) => ({ value: s.publicCode, label: s.name }))}
              />
            </Form.Item>
            {station ? (
              <Form.Item name="receptionDay" label="接待日（可不选）">
                <Select
                  aria-label="接待日"
                  allowClear
                  style={{ width: 260 }}
                  placeholder="近 60 天的接待日"
                  loading={days.loading}
                  options={(days.data?.items ?? [])
                    .filter((d) => !d.cancelled)
                    .reverse()
                    .map((d) => ({
                      value: `${d.ruleId}|${d.day}`,
                      label: `${d.day} ${d.startTime}–${d.endTime}`,
                    }))}
                />
              </Form.Item>
            ) : null}
          </Space>
        ) : (
          <Form.Item
            name="observerId"
            label="民情观察员"
            rules={[{ required: true, message: '请选择民情观察员' }]}
          >
            <Select
              aria-label="民情观察员"
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 360 }}
              loading={observers.loading}
              options={(observers.data?.items ?? [])
                .filter((o) => o.status === 'active')
                .map((o) => ({
                  value: o.id,
                  label: `${o.name}（${o.kindLabel}，${o.jurisdictionName}）`,
                }))}
            />
          </Form.Item>
        )}
        <Form.Item
          label={
            channel === 'observer'
              ? '问题所在辖区（不选则为观察员所在辖区）'
              : '问题所在辖区（不选则为站点所在地）'
          }
        >
          <JurisdictionTreeSelect
            roots={grantScopes(me)}
            value={where}
            onChange={setWhere}
            onError={setError}
            style={{ width: 360 }}
            ariaLabel="问题所在辖区"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label="标题"
          rules={[{ required: true, min: 4, max: 60, message: '标题 4–60 字' }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="description"
          label="反映内容"
          rules={[{ required: true, min: 10, max: 2000, message: '请具体描述问题（10–2000 字）' }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item name="categoryCode" label="问题分类（可不选）">
            <Select
              aria-label="问题分类"
              allowClear
              style={{ width: 260 }}
              options={(cats.data?.items ?? [])
                .filter((c) => c.level === 2)
                .map((c) => ({
                  value: c.code,
                  label: `${parents.get(c.parentCode ?? '') ?? ''} - ${c.name}`,
                }))}
            />
          </Form.Item>
          <Form.Item name="address" label="详细地址（可不填）">
            <Input maxLength={120} style={{ width: 300 }} />
          </Form.Item>
        </Space>
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item name="contactName" label="群众姓名（可不填）">
            <Input maxLength={30} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label="手机号（可不填）"
            extra="填写后群众可凭该手机号在门户“我的”查看进度，并收到短信通知"
            rules={[{ pattern: /^1\d{10}$/, message: '手机号码格式不正确' }]}
          >
            <Input maxLength={11} style={{ width: 200 }} inputMode="numeric" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
