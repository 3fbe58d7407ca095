import { Alert, App, Button, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import type { OpinionDetail } from './opinions.types';

/** 公开状态 in the console drawer: congress staff withhold a case (with a reason) or release it. */
export function DisclosureControl({
  d,
  onDone,
}: {
  d: OpinionDetail & { disclosureWithheldReason?: string | null };
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const withheld = !!d.disclosureWithheldReason;
  const send = async (withhold: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/opinions/${d.id}/disclosure`, withhold ? { withhold, reason } : { withhold });
      message.success(withhold ? '已设为暂不公开' : '已恢复公开');
      setReason('');
      onDone();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section style={{ marginTop: 12 }} aria-label="公开状态">
      <strong>民意处置公开：</strong>
      {!d.allowDisclosure ? (
        <Tag>反映人未同意公开</Tag>
      ) : withheld ? (
        <Tag color="orange">暂不公开：{d.disclosureWithheldReason}</Tag>
      ) : (
        <Tag color="green">{d.state === 'closed' ? '已公开' : '办结后公开'}</Tag>
      )}
      {d.allowDisclosure ? (
        withheld ? (
          <Button size="small" loading={busy} onClick={() => send(false)}>
            恢复公开
          </Button>
        ) : (
          <Space.Compact style={{ marginTop: 8, width: '100%' }}>
            <Input
              placeholder="暂不公开的理由（必填）"
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button loading={busy} disabled={!reason.trim()} onClick={() => send(true)}>
              暂不公开
            </Button>
          </Space.Compact>
        )
      ) : null}
      {error ? <Alert style={{ marginTop: 8 }} type="error" showIcon title={error} /> : null}
    </section>
  );
}
