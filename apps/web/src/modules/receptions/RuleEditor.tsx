import { Alert, App, Col, Input, InputNumber, List, Modal, Row, Select, Switch, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import {
  chinaToday,
  dayLabel,
  type HolidayPolicy,
  type ItemsOf,
  type ReceptionRule,
  type RuleFields,
  type RulePreview,
  type RuleShape,
} from './receptions.types';

const weekdays = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'].map((label, i) => ({
  value: i + 1,
  label,
}));
const kinds = [
  { value: 'monthDay', label: '每月固定日期（如每月10日）' },
  { value: 'nthWeekday', label: '每月第几个星期几' },
  { value: 'weekOfMonth', label: '每月第几周的星期几' },
  { value: 'weekly', label: '每周' },
];
const policies: Array<{ value: HolidayPolicy; label: string }> = [
  { value: 'next_working_day', label: '顺延至下一个工作日' },
  { value: 'previous_working_day', label: '提前至上一个工作日' },
  { value: 'keep', label: '照常接待' },
  { value: 'skip', label: '取消当次' },
];
const times = Array.from({ length: 29 }, (_, i) => {
  const m = 7 * 60 + i * 30;
  const t = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { value: t, label: t };
});

function defaults(): RuleFields {
  return {
    rule: { kind: 'monthDay', day: 10 },
    holidayPolicy: 'next_working_day',
    startTime: '09:00',
    endTime: '11:30',
    slotMinutes: 30,
    capacityPerSlot: 3,
    rotaDeputyIds: [],
    deputiesPerDay: 1,
    validFrom: chinaToday(),
    validTo: null,
    theme: null,
    active: true,
  };
}

function shapeFor(kind: RuleShape['kind'], prev: RuleShape): RuleShape {
  const weekday = 'weekday' in prev ? prev.weekday : 2;
  if (kind === 'monthDay') return { kind, day: 'day' in prev ? prev.day : 10 };
  if (kind === 'nthWeekday') return { kind, n: 1, weekday };
  if (kind === 'weekOfMonth') return { kind, week: 1, weekday };
  return { kind, weekday };
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <div style={{ marginBottom: 4, color: '#595959' }}>{label}</div>
      {children}
    </div>
  );
}

/** Create or edit a rule; the Chinese description and the next dates update as staff type. */
export function RuleEditor({
  stationId,
  rule,
  onClose,
  onSaved,
}: {
  stationId: string;
  rule: ReceptionRule | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [v, setV] = useState<RuleFields>(() => (rule ? { ...rule } : defaults()));
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const deputies = useApi<ItemsOf<{ id: string; name: string }>>(
    `/api/receptions/stations/${stationId}/deputies`,
  );
  const set = <K extends keyof RuleFields>(k: K, value: RuleFields[K]) => setV((p) => ({ ...p, [k]: value }));
  const setRule = (patch: Partial<Record<string, number>>) =>
    setV((p) => ({ ...p, rule: { ...p.rule, ...patch } as RuleShape }));
  const specKey = JSON.stringify([v.rule, v.holidayPolicy, v.validFrom, v.validTo]);

  useEffect(() => {
    const [r, holidayPolicy, validFrom, validTo] = JSON.parse(specKey);
    const t = setTimeout(() => {
      api
        .post<RulePreview>('/api/receptions/rules/preview', { rule: r, holidayPolicy, validFrom, validTo })
        .then(setPreview)
        .catch(() => setPreview(null));
    }, 250);
    return () => clearTimeout(t);
  }, [specKey]);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      if (rule) await api.put(`/api/receptions/rules/${rule.id}`, v);
      else await api.post(`/api/receptions/stations/${stationId}/rules`, v);
      message.success('接待规则已保存');
      onSaved();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const named = new Map(
    [...(rule?.rotaDeputies ?? []), ...(deputies.data?.items ?? [])].map((d) => [d.id, d.name]),
  );
  const r = v.rule;
  return (
    <Modal
      open
      width={760}
      title={rule ? '修改接待规则' : '新建接待规则'}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText="保存"
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={16}>
        <Col span={12}>
          <Field label="接待日规则">
            <Select
              aria-label="规则类型"
              style={{ width: '100%' }}
              value={r.kind}
              options={kinds}
              onChange={(k) => set('rule', shapeFor(k, r))}
            />
          </Field>
          <Row gutter={8}>
            {r.kind === 'monthDay' ? (
              <Col span={12}>
                <Field label="每月几日">
                  <InputNumber
                    aria-label="每月几日"
                    min={1}
                    max={31}
                    value={r.day}
                    onChange={(d) => setRule({ day: d ?? 1 })}
                    addonAfter="日"
                  />
                </Field>
              </Col>
            ) : null}
            {r.kind === 'nthWeekday' ? (
              <Col span={12}>
                <Field label="第几个">
                  <Select
                    style={{ width: '100%' }}
                    value={r.n}
                    onChange={(n) => setRule({ n })}
                    options={[1, 2, 3, 4, -1].map((n) => ({
                      value: n,
                      label: n === -1 ? '最后一个' : `第${'一二三四'[n - 1]}个`,
                    }))}
                  />
                </Field>
              </Col>
            ) : null}
            {r.kind === 'weekOfMonth' ? (
              <Col span={12}>
                <Field label="第几周">
                  <Select
                    style={{ width: '100%' }}
                    value={r.week}
                    onChange={(week) => setRule({ week })}
                    options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: `第${'一二三四五'[n - 1]}周` }))}
                  />
                </Field>
              </Col>
            ) : null}
            {'weekday' in r ? (
              <Col span={12}>
                <Field label="星期">
                  <Select
                    style={{ width: '100%' }}
                    value={r.weekday}
                    onChange={(weekday) => setRule({ weekday })}
                    options={weekdays}
                  />
                </Field>
              </Col>
            ) : null}
          </Row>
          <Field label="遇节假日（含非调休的周末）">
            <Select
              style={{ width: '100%' }}
              value={v.holidayPolicy}
              options={policies}
              onChange={(p) => set('holidayPolicy', p)}
            />
          </Field>
          <Row gutter={8}>
            <Col span={12}>
              <Field label="开始时间">
                <Select
                  style={{ width: '100%' }}
                  value={v.startTime}
                  options={times}
                  onChange={(t) => set('startTime', t)}
                />
              </Field>
            </Col>
            <Col span={12}>
              <Field label="结束时间">
                <Select
                  style={{ width: '100%' }}
                  value={v.endTime}
                  options={times}
                  onChange={(t) => set('endTime', t)}
                />
              </Field>
            </Col>
            <Col span={12}>
              <Field label="每个时段（分钟）">
                <InputNumber
                  min={10}
                  max={240}
                  step={10}
                  value={v.slotMinutes}
                  onChange={(n) => set('slotMinutes', n ?? 30)}
                />
              </Field>
            </Col>
            <Col span={12}>
              <Field label="每个时段可约人数">
                <InputNumber
                  min={1}
                  max={100}
                  value={v.capacityPerSlot}
                  onChange={(n) => set('capacityPerSlot', n ?? 1)}
                />
              </Field>
            </Col>
            <Col span={12}>
              <Field label="生效日期">
                <Input type="date" value={v.validFrom} onChange={(e) => set('validFrom', e.target.value)} />
              </Field>
            </Col>
            <Col span={12}>
              <Field label="截止日期（选填）">
                <Input
                  type="date"
                  value={v.validTo ?? ''}
                  onChange={(e) => set('validTo', e.target.value || null)}
                />
              </Field>
            </Col>
          </Row>
        </Col>
        <Col span={12}>
          <Field label="轮值代表（按顺序轮流接待）">
            <Select
              mode="multiple"
              aria-label="轮值代表"
              style={{ width: '100%' }}
              value={v.rotaDeputyIds}
              onChange={(ids) => set('rotaDeputyIds', ids)}
              options={[...named].map(([value, label]) => ({ value, label }))}
              placeholder="从进站代表中选择"
            />
          </Field>
          <Field label="每天接待代表人数">
            <InputNumber
              min={1}
              max={10}
              value={v.deputiesPerDay}
              onChange={(n) => set('deputiesPerDay', n ?? 1)}
            />
          </Field>
          <Field label="主题（选填）">
            <Input
              value={v.theme ?? ''}
              maxLength={100}
              onChange={(e) => set('theme', e.target.value || null)}
            />
          </Field>
          <Field label="启用">
            <Switch checked={v.active} onChange={(a) => set('active', a)} />
          </Field>
          <Typography.Title level={5} style={{ marginTop: 8 }} aria-label="规则描述">
            {preview?.description ?? '…'}
          </Typography.Title>
          <List
            size="small"
            header="最近的接待日"
            dataSource={preview?.next ?? []}
            locale={{ emptyText: '没有接待日' }}
            renderItem={(d) => (
              <List.Item>
                {dayLabel(d.day)}
                {d.moved ? <Tag style={{ marginLeft: 8 }}>{`原定 ${d.nominal.slice(5)}，已调整`}</Tag> : null}
              </List.Item>
            )}
          />
        </Col>
      </Row>
    </Modal>
  );
}
