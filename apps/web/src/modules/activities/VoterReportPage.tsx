import { CalendarOutlined, CheckCircleFilled, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorText } from '../../api';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { OtpSignIn } from '../portal/OtpSignIn';
import { useCitizen } from '../receptions/useCitizen';
import { type MyRating, type PublicVoterReport, RATINGS, type VoterRating } from './VoterReportTypes';
import '../reach/reach.css';

/** 述职评议 (portal, phones first): a voter reads a deputy's report and rates it once per phone (/r/:id). */
export function VoterReportPage() {
  const { id = '' } = useParams();
  const report = useApi<PublicVoterReport>(`/api/public/voter-reports/${encodeURIComponent(id)}`);
  return <AsyncBlock state={report}>{(r) => <ReportView r={r} />}</AsyncBlock>;
}

function ReportView({ r }: { r: PublicVoterReport }) {
  return (
    <>
      <section className="portal-card" aria-label="述职报告">
        <h2>{r.title}</h2>
        <p className="reach-item-sub">
          <Link to={`/d/${r.deputy.code}`}>{r.deputy.name}</Link>
          {r.congressName ? ` · ${r.congressName}代表` : ''}
        </p>
        <p>
          <CalendarOutlined /> {r.scheduledOn}
          {r.startTime ? ` ${r.startTime}` : ''}
        </p>
        <p>
          <EnvironmentOutlined /> {r.station ? `${r.station.name}（${r.station.address ?? ''}）` : r.place}
        </p>
        {r.status === 'cancelled' ? (
          <Alert type="warning" showIcon title="本次述职已取消" />
        ) : (
          <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, marginTop: 12 }}>{r.body}</div>
        )}
      </section>
      {r.ratingState === 'open' ? (
        <RatingBlock r={r} />
      ) : (
        <section className="portal-card">
          <p>
            {r.ratingStateLabel}
            {r.ratingState === 'not_open' ? `（${r.scheduledOn} 起可评议）` : ''}
            {r.ratingState === 'closed' ? `（截止 ${r.closesOn}）` : ''}
          </p>
        </section>
      )}
    </>
  );
}

function RatingBlock({ r }: { r: PublicVoterReport }) {
  const [session, signedIn] = useCitizen();
  const [mine, setMine] = useState<MyRating | null>(null);
  useEffect(() => {
    if (session.status !== 'signed-in') return;
    api
      .get<MyRating>(`/api/voter-reports/${r.id}/my-rating`)
      .then(setMine)
      .catch(() => setMine({ rated: false }));
  }, [session.status, r.id]);
  if (session.status === 'loading') return null;
  if (session.status === 'anonymous')
    return (
      <>
        <p className="reach-hint">评议须用手机号验证码登录，每个手机号对每份述职报告只能评议一次。</p>
        <OtpSignIn onSignedIn={signedIn} />
      </>
    );
  if (!mine) return null;
  if (mine.rated)
    return (
      <section className="portal-card" aria-label="评议结果">
        <p>
          <CheckCircleFilled style={{ color: '#52c41a' }} /> 您已评议：<strong>{mine.ratingLabel}</strong>
          ，感谢您的参与！
        </p>
        <p className="reach-hint">评议截止 {r.closesOn}，结果将记入代表履职档案。</p>
      </section>
    );
  return <RatingForm reportId={r.id} closesOn={r.closesOn} onRated={setMine} />;
}

function RatingForm({
  reportId,
  closesOn,
  onRated,
}: {
  reportId: string;
  closesOn: string | null;
  onRated: (m: MyRating) => void;
}) {
  const [rating, setRating] = useState<VoterRating | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!rating) return setError('请选择满意、基本满意或不满意');
    setBusy(true);
    setError(null);
    try {
      onRated(
        await api.post<MyRating>(`/api/voter-reports/${reportId}/ratings`, {
          rating,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      );
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="portal-card" aria-label="评议">
      <h3>您对代表的述职满意吗？</h3>
      {error ? <Alert type="error" showIcon title={error} style={{ margin: '12px 0' }} /> : null}
      <div role="radiogroup" aria-label="评议" style={{ display: 'flex', gap: 8, margin: '12px 0' }}>
        {RATINGS.map((x) => (
          <Button
            key={x.value}
            role="radio"
            aria-checked={rating === x.value}
            size="large"
            type={rating === x.value ? 'primary' : 'default'}
            style={{ flex: 1 }}
            onClick={() => setRating(x.value)}
          >
            {x.label}
          </Button>
        ))}
      </div>
      <label className="portal-label" htmlFor="vr-comment">
        意见建议（选填，请勿填写个人信息）
      </label>
      <Input.TextArea
        id="vr-comment"
        rows={3}
        maxLength={500}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <Button type="primary" size="large" block loading={busy} onClick={submit} style={{ marginTop: 16 }}>
        提交评议
      </Button>
      <p className="reach-hint" style={{ marginTop: 8 }}>
        评议截止 {closesOn}。您的手机号只用于确认一人一评，不会公开。
      </p>
    </section>
  );
}
