import { Alert, App, Button, Input, Select } from 'antd';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { type Category, type IntakeResult, newIdempotencyKey } from './opinions.types';
import { emptyPlace, type Place, PlacePicker, placeFields } from './PlacePicker';
import './opinions.css';

/**
 * 民情笔记 in the deputy workbench (phone-friendly): what a deputy heard while visiting voters goes
 * to the staff's 民意受理 queue as an opinion addressed to this deputy; it also counts as the
 * deputy's activity. Where: the street/community picked or the phone's position, else the
 * deputy's own area.
 */
export function FieldNoteForm() {
  const { message } = App.useApp();
  const cats = useApi<{ items: Category[] }>('/api/opinions/categories');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [categoryCode, setCategoryCode] = useState<string | undefined>();
  const [place, setPlace] = useState<Place>(emptyPlace);
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<IntakeResult | null>(null);
  const parents = new Map((cats.data?.items ?? []).filter((c) => c.level === 1).map((c) => [c.code, c.name]));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (title.trim().length < 4) return setError('标题至少 4 个字');
    if (description.trim().length < 10) return setError('请具体记录群众反映的问题（至少 10 个字）');
    if (contactPhone && !/^1\d{10}$/.test(contactPhone)) return setError('群众手机号格式不正确');
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<IntakeResult>('/api/opinions', {
        channel: 'field_note',
        idempotencyKey,
        title: title.trim(),
        description: description.trim(),
        ...(categoryCode ? { categoryCode } : {}),
        ...placeFields(place),
        ...(contactName.trim() ? { contactName: contactName.trim() } : {}),
        ...(contactPhone ? { contactPhone } : {}),
      });
      message.success(`已提交，受理编号 ${r.trackingNo}`);
      setLast(r);
      setIdempotencyKey(newIdempotencyKey());
      setTitle('');
      setDescription('');
      setCategoryCode(undefined);
      setPlace(emptyPlace);
      setContactName('');
      setContactPhone('');
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="op-form" onSubmit={submit} noValidate aria-label="民情笔记">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
      {last ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 8 }}
          title={`上一条民情笔记已提交人大工作人员受理，受理编号 ${last.trackingNo}`}
        />
      ) : null}
      <label className="portal-label" htmlFor="fn-title">
        标题
      </label>
      <Input id="fn-title" maxLength={60} value={title} onChange={(e) => setTitle(e.target.value)} />
      <label className="portal-label" htmlFor="fn-desc">
        群众反映的问题
      </label>
      <Input.TextArea
        id="fn-desc"
        rows={4}
        maxLength={2000}
        placeholder="走访时间、地点、群众反映的具体情况和诉求"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <label className="portal-label" htmlFor="fn-category">
        问题分类（可不选）
      </label>
      <Select
        id="fn-category"
        aria-label="问题分类"
        allowClear
        style={{ width: '100%' }}
        value={categoryCode}
        onChange={setCategoryCode}
        options={(cats.data?.items ?? [])
          .filter((c) => c.level === 2)
          .map((c) => ({ value: c.code, label: `${parents.get(c.parentCode ?? '') ?? ''} - ${c.name}` }))}
      />
      <PlacePicker value={place} onChange={setPlace} label="问题所在街道/社区（可不选，默认为您所在辖区）" />
      <label className="portal-label" htmlFor="fn-name">
        反映群众姓名（可不填）
      </label>
      <Input
        id="fn-name"
        maxLength={30}
        value={contactName}
        onChange={(e) => setContactName(e.target.value)}
      />
      <label className="portal-label" htmlFor="fn-phone">
        反映群众手机号（可不填，填写后群众可收到办理进度短信）
      </label>
      <Input
        id="fn-phone"
        maxLength={11}
        inputMode="numeric"
        value={contactPhone}
        onChange={(e) => setContactPhone(e.target.value.replace(/\D/g, ''))}
      />
      <Button type="primary" htmlType="submit" block loading={busy} style={{ marginTop: 12 }}>
        提交民情笔记
      </Button>
    </form>
  );
}
