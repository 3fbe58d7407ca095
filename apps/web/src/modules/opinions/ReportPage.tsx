import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input } from 'antd';
import { type FormEvent, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, errorText } from '../../api';
import { FullPageSpin } from '../../shared/FullPageSpin';
import { useApi } from '../../shared/useApi';
import { OtpSignIn } from '../portal/OtpSignIn';
import { useCitizen } from '../receptions/useCitizen';
import { type Category, type IntakeResult, newIdempotencyKey, PHOTO_MAX_BYTES } from './opinions.types';
import { emptyPlace, hasPlace, type Place, PlacePicker, placeFields } from './PlacePicker';
import './opinions.css';

const MAX_PHOTOS = 4;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/** 我要反映 (扫码说事): a light mobile form, addressed to the deputy or station whose page it came from. */
export function ReportPage() {
  const [params] = useSearchParams();
  const deputy = params.get('deputy');
  const station = params.get('station');
  const [session, signedIn] = useCitizen();
  const [done, setDone] = useState<IntakeResult | null>(null);

  if (done) return <Submitted result={done} />;
  if (session.status === 'loading') return <FullPageSpin />;
  if (session.status === 'anonymous') {
    return (
      <>
        <Alert
          type="info"
          showIcon
          title="请先用手机号登录，受理编号和办理进度将以短信告知您"
          style={{ marginBottom: 12 }}
        />
        <OtpSignIn onSignedIn={signedIn} />
      </>
    );
  }
  if (session.me.kind !== 'citizen') {
    return <Alert type="warning" showIcon title="工作人员账号不能以群众身份反映，请使用群众手机号登录" />;
  }
  return <ReportForm deputy={deputy} station={station} onDone={setDone} />;
}

function ReportForm({
  deputy,
  station,
  onDone,
}: {
  deputy: string | null;
  station: string | null;
  onDone: (r: IntakeResult) => void;
}) {
  const cats = useApi<{ items: Category[] }>('/api/public/opinion-categories');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [categoryCode, setCategoryCode] = useState('');
  const [address, setAddress] = useState('');
  const [place, setPlace] = useState<Place>(emptyPlace);
  // Consent to publication is asked, never assumed (个人信息保护法: consent by an explicit act).
  const [allowDisclosure, setAllowDisclosure] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per form: a retried submission (double tap, flaky network) never creates two cases.
  const idempotencyKey = useMemo(newIdempotencyKey, []);
  const second = (cats.data?.items ?? []).filter((c) => c.level === 2);
  const addressed = Boolean(deputy || station);
  const parents = new Map((cats.data?.items ?? []).filter((c) => c.level === 1).map((c) => [c.code, c.name]));

  const pick = (list: FileList | null) => {
    const chosen = [...(list ?? [])];
    if (chosen.length > MAX_PHOTOS) return setError(`最多上传 ${MAX_PHOTOS} 张照片`);
    const big = chosen.find((f) => f.size > PHOTO_MAX_BYTES);
    if (big) return setError(`照片“${big.name}”超过 5 MB，请压缩后再上传`);
    setError(null);
    setFiles(chosen);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (title.trim().length < 4) return setError('标题至少 4 个字');
    if (description.trim().length < 10) return setError('请具体描述问题（至少 10 个字）');
    // Not addressed to a deputy or station: the street must know it is theirs.
    if (!addressed && !hasPlace(place)) return setError('请选择问题所在的街道，或点“使用我的位置”');
    setBusy(true);
    setError(null);
    try {
      const photos = await Promise.all(files.map(readAsDataUrl));
      onDone(
        await api.post<IntakeResult>('/api/public/opinions', {
          title: title.trim(),
          description: description.trim(),
          ...(categoryCode ? { categoryCode } : {}),
          ...(address.trim() ? { address: address.trim() } : {}),
          ...placeFields(place),
          ...(deputy ? { deputyCode: deputy } : {}),
          ...(station ? { stationCode: station } : {}),
          allowDisclosure,
          idempotencyKey,
          photos,
        }),
      );
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="portal-card op-form" onSubmit={submit} noValidate aria-label="我要反映">
      <h3>我要反映</h3>
      <p className="op-hint">
        {deputy
          ? '您的意见将直接送达该代表，并由人大工作人员受理交办。'
          : '您的意见将由人大工作人员受理交办。'}
      </p>
      {error ? <Alert type="error" showIcon title={error} style={{ margin: '12px 0' }} /> : null}
      <label className="portal-label" htmlFor="op-title">
        标题
      </label>
      <Input
        id="op-title"
        size="large"
        maxLength={60}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <label className="portal-label" htmlFor="op-category">
        问题分类（可不选）
      </label>
      <select
        id="op-category"
        className="op-select"
        value={categoryCode}
        onChange={(e) => setCategoryCode(e.target.value)}
      >
        <option value="">不确定，由工作人员分类</option>
        {second.map((c) => (
          <option key={c.code} value={c.code}>
            {parents.get(c.parentCode ?? '')} - {c.name}
          </option>
        ))}
      </select>
      <label className="portal-label" htmlFor="op-desc">
        问题描述
      </label>
      <textarea
        id="op-desc"
        className="op-textarea"
        maxLength={2000}
        placeholder="请写明时间、地点和具体情况"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <PlacePicker
        value={place}
        onChange={setPlace}
        label={
          addressed
            ? '问题所在街道/社区（可不选，默认为该代表或站点所在地）'
            : '问题所在街道/社区（必选其一）'
        }
      />
      <label className="portal-label" htmlFor="op-address">
        详细地点（可不填）
      </label>
      <Input
        id="op-address"
        size="large"
        maxLength={120}
        placeholder="例如：莘庄镇莘松路100弄门口"
        value={address}
        onChange={(e) => setAddress(e.target.value)}
      />
      <label className="portal-label" htmlFor="op-photos">
        照片（最多 4 张，每张不超过 5 MB）
      </label>
      <input
        id="op-photos"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        onChange={(e) => pick(e.target.files)}
      />
      <div className="op-consent">
        <Checkbox checked={allowDisclosure} onChange={(e) => setAllowDisclosure(e.target.checked)}>
          我同意办结后在“民意处置公开”栏目公开本事项
        </Checkbox>
        <p className="op-hint" style={{ margin: '6px 0 0' }}>
          公开的只有问题内容、所在街道、办理过程和答复，姓名、手机号、详细地址等个人信息会隐去。不勾选不影响受理和办理。
        </p>
      </div>
      <p className="op-hint">您的手机号和地址仅用于办理和回访，不会公开。</p>
      <Button type="primary" htmlType="submit" size="large" block loading={busy}>
        提交
      </Button>
    </form>
  );
}

function Submitted({ result }: { result: IntakeResult }) {
  return (
    <section className="portal-card" style={{ textAlign: 'center' }}>
      <CheckCircleFilled style={{ fontSize: 48, color: '#52c41a' }} />
      <h3 style={{ marginTop: 12 }}>提交成功</h3>
      <div>受理编号</div>
      <div className="op-code" data-testid="tracking-no">
        {result.trackingNo}
      </div>
      <p className="op-hint">请保存下面的查询链接，凭它随时查看办理进度；我们也会短信通知您。</p>
      <p>
        <Link to={result.followUrl} data-testid="follow-link">
          查看办理进度
        </Link>
      </p>
      <p>
        <Link to="/me/opinions">我反映的事项</Link>
      </p>
    </section>
  );
}
