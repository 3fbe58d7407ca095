import { Alert, Button, Input } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { FullPageSpin } from '../../shared/FullPageSpin';
import { useApi } from '../../shared/useApi';
import { OtpSignIn } from '../portal/OtpSignIn';
import { useCitizen } from '../receptions/useCitizen';
import { CaseView } from './CaseView';
import type { PublicCase } from './opinions.types';
import './opinions.css';

/** 我反映的事项 (portal, after phone sign-in): the citizen's cases, with 满意度评价 on answered ones. */
export function MyOpinionsPage() {
  const [session, signedIn] = useCitizen();
  if (session.status === 'loading') return <FullPageSpin />;
  if (session.status === 'anonymous') return <OtpSignIn onSignedIn={signedIn} />;
  return <MyList />;
}

function MyList() {
  const list = useApi<{ items: PublicCase[] }>('/api/public/opinions/mine');
  return (
    <>
      <h3 style={{ margin: '4px 0 12px' }}>我反映的事项</h3>
      <AsyncBlock state={list} isEmpty={(d) => d.items.length === 0} emptyText="您还没有反映过事项">
        {(d) => (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="我反映的事项">
            {d.items.map((c) => (
              <li key={c.id} className="portal-card" data-testid={`case-${c.trackingNo}`}>
                <CaseView c={c} />
                {c.canRate ? <RateBox c={c} onRated={list.reload} /> : null}
              </li>
            ))}
          </ul>
        )}
      </AsyncBlock>
    </>
  );
}

const CHOICES = [
  ['satisfied', '满意'],
  ['basically_satisfied', '基本满意'],
  ['dissatisfied', '不满意'],
] as const;

function RateBox({ c, onRated }: { c: PublicCase; onRated: () => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rate = async (rating: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/public/opinions/${c.id}/rate`, {
        rating,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      onRated();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="满意度评价">
      <strong>请对办理结果进行评价</strong>
      <p className="op-hint">
        {c.dissatisfiedReopens
          ? '选择“不满意”将退回承办单位重新办理。'
          : '已重办过一次；再次“不满意”将提交人大工作人员审核。'}
      </p>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Input.TextArea
        aria-label="评价意见"
        maxLength={500}
        placeholder="意见（可不填）"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="op-rate">
        {CHOICES.map(([value, label]) => (
          <Button key={value} loading={busy} danger={value === 'dissatisfied'} onClick={() => rate(value)}>
            {label}
          </Button>
        ))}
      </div>
    </section>
  );
}
