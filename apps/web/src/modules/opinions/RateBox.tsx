import { Alert, Button, Input } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import type { PublicCase } from './opinions.types';

const CHOICES = [
  ['satisfied', '满意'],
  ['basically_satisfied', '基本满意'],
  ['dissatisfied', '不满意'],
] as const;

/**
 * 满意度评价 of the citizen's own case (我的, or their follow page once signed in). For a merged
 * case (并单) it rates the main case's answer: recorded on the citizen's own case, and a 不满意 goes
 * to the congress staff rather than reopening the main case.
 */
export function RateBox({ c, onRated }: { c: PublicCase; onRated: () => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const merged = !!c.mergedInto;
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
      <strong>{merged ? '请对主办事项的答复进行评价' : '请对办理结果进行评价'}</strong>
      <p className="op-hint">
        {merged
          ? '您的事项已与同类问题合并办理，评价记入您本人的事项；选择“不满意”将告知人大工作人员跟进。'
          : c.dissatisfiedReopens
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
