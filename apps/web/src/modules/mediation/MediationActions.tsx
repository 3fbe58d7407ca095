import { Alert, App, Button, Input, Select, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { api } from '../../api';
import { useApi } from '../../shared/useApi';
import {
  AGREEMENT_FORMS,
  GUIDANCE,
  type MediationDetail,
  PERFORMANCE,
  problemText,
  todayInChina,
} from './mediation.types';

/** Actions with their own place in the drawer (调解记录, 发现的问题), not buttons of this bar. */
export const RECORDING = new Set(['recordSession', 'recordFinding']);

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The next steps the server offers this viewer, each with its form; posts to /actions. */
export function MediationActions({ d, onDone }: { d: MediationDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deputyIds, setDeputyIds] = useState<string[]>([]);
  const [coMediators, setCoMediators] = useState('');
  const [reason, setReason] = useState('');
  const [agreement, setAgreement] = useState('');
  const [form, setForm] = useState<'written' | 'oral'>('written');
  const [performanceDueOn, setPerformanceDueOn] = useState('');
  const [guidance, setGuidance] = useState<string | undefined>();
  const [performance, setPerformance] = useState<string>('performed');
  const [note, setNote] = useState('');
  const actions = d.actions.filter((a) => !RECORDING.has(a.action));
  if (actions.length === 0) return null;

  const body = (action: string): Record<string, unknown> => {
    switch (action) {
      case 'accept':
        return { deputyIds, ...(coMediators.trim() ? { coMediators: coMediators.trim() } : {}) };
      case 'reject':
      case 'withdraw':
        return { reason };
      case 'agree':
        return { agreement, form, ...(performanceDueOn ? { performanceDueOn } : {}) };
      case 'fail':
        return { reason, guidance };
      case 'followUp':
        return { performance, ...(note.trim() ? { note: note.trim() } : {}) };
      default:
        return {};
    }
  };

  const run = async (action: string) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api.post<MediationDetail>(`/api/mediations/${d.id}/actions`, {
        action,
        ...body(action),
      });
      message.success(
        `已提交「${d.actions.find((a) => a.action === action)?.label ?? ''}」，当前状态：${next.stateLabel}`,
      );
      setOpen(null);
      setReason('');
      setNote('');
      onDone();
    } catch (cause) {
      setError(problemText(cause));
    } finally {
      setBusy(false);
    }
  };

  const label = d.actions.find((a) => a.action === open)?.label;
  return (
    <section style={{ marginTop: 16 }} aria-label="可执行操作">
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a.action}
            type={open === a.action ? 'primary' : 'default'}
            danger={a.action === 'reject' || a.action === 'withdraw'}
            onClick={() => {
              setError(null);
              setOpen(a.action);
            }}
          >
            {a.label}
          </Button>
        ))}
      </Space>
      {open ? (
        <section
          style={{ marginTop: 12, padding: 12, background: '#fafafa', borderRadius: 8 }}
          aria-label="操作表单"
        >
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
          <Space direction="vertical" style={{ width: '100%' }}>
            {open === 'accept' ? (
              <>
                <MediatorPicker d={d} value={deputyIds} onChange={setDeputyIds} />
                <Input
                  aria-label="其他调解员"
                  placeholder="其他调解员（选填，如人民调解员、律师）"
                  maxLength={100}
                  value={coMediators}
                  onChange={(e) => setCoMediators(e.target.value)}
                />
                <Typography.Text type="secondary">
                  受理后按工作日计算调解期限，超期列入督办；指派的代表可在“我参与的调解”中看到本案。
                </Typography.Text>
              </>
            ) : null}
            {open === 'agree' ? (
              <>
                <Input.TextArea
                  aria-label="调解协议的主要内容"
                  placeholder="双方达成的协议内容：责任、履行方式、金额、期限等"
                  rows={4}
                  maxLength={4000}
                  value={agreement}
                  onChange={(e) => setAgreement(e.target.value)}
                />
                <Space wrap>
                  <Select
                    aria-label="协议形式"
                    style={{ width: 140 }}
                    value={form}
                    onChange={setForm}
                    options={options(AGREEMENT_FORMS)}
                  />
                  <span>履行期限</span>
                  <Input
                    aria-label="履行期限"
                    type="date"
                    style={{ width: 170 }}
                    value={performanceDueOn}
                    min={todayInChina()}
                    onChange={(e) => setPerformanceDueOn(e.target.value)}
                  />
                </Space>
              </>
            ) : null}
            {open === 'fail' ? (
              <Select
                aria-label="引导当事人"
                style={{ width: 260 }}
                placeholder="告知当事人的其他解决途径"
                value={guidance}
                onChange={setGuidance}
                options={options(GUIDANCE)}
              />
            ) : null}
            {open === 'reject' || open === 'withdraw' || open === 'fail' ? (
              <Input.TextArea
                aria-label="理由"
                rows={2}
                maxLength={500}
                placeholder={
                  open === 'fail'
                    ? '调解不成的原因'
                    : open === 'reject'
                      ? '不予受理的理由'
                      : '终止调解的理由（如当事人撤回申请）'
                }
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            ) : null}
            {open === 'followUp' ? (
              <>
                <Select
                  aria-label="协议履行情况"
                  style={{ width: 160 }}
                  value={performance}
                  onChange={setPerformance}
                  options={options(PERFORMANCE)}
                />
                <Input.TextArea
                  aria-label="回访情况"
                  rows={2}
                  maxLength={500}
                  placeholder="回访情况（选填）"
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              </>
            ) : null}
          </Space>
          <div style={{ marginTop: 8 }}>
            <Button type="primary" loading={busy} onClick={() => run(open)}>
              确认{label}
            </Button>
            <Button style={{ marginLeft: 8 }} onClick={() => setOpen(null)}>
              取消
            </Button>
          </div>
        </section>
      ) : null}
    </section>
  );
}

interface Candidate {
  id: string;
  name: string;
  /** 进站代表 · 区县级代表 … */
  note: string;
  atStation: boolean;
}

/**
 * The deputies to name as mediators, from the case's own candidate list (its station's 进站代表
 * first, then the deputies of the congresses over the case), searched by name.
 */
function MediatorPicker(props: { d: MediationDetail; value: string[]; onChange: (ids: string[]) => void }) {
  const [q, setQ] = useState('');
  // The chosen ones with their labels: they stay named when a new search no longer lists them.
  const [chosen, setChosen] = useState<Array<{ value: string; label: string }>>([]);
  const found = useApi<{ items: Candidate[] }>(`/api/mediations/${props.d.id}/mediator-candidates`, {
    q: q || undefined,
  });
  const label = (x: Candidate) => (x.note ? `${x.name}（${x.note}）` : x.name);
  const items = found.data?.items ?? [];
  const atStation = items.filter((x) => x.atStation);
  const others = items.filter((x) => !x.atStation);
  return (
    <Select
      aria-label="调解代表"
      mode="multiple"
      allowClear
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      placeholder="选择参与调解的代表（可输入姓名查找）"
      style={{ width: '100%' }}
      loading={found.loading}
      labelInValue
      value={chosen.filter((c) => props.value.includes(c.value))}
      onChange={(v: Array<{ value: string; label: ReactNode }> | undefined) => {
        const next = (v ?? []).map((x) => ({ value: x.value, label: String(x.label) }));
        setChosen(next);
        props.onChange(next.map((x) => x.value));
      }}
      options={[
        ...(atStation.length
          ? [
              {
                label: `${props.d.station?.name ?? ''}进站代表`,
                options: atStation.map((x) => ({ value: x.id, label: label(x) })),
              },
            ]
          : []),
        ...(others.length
          ? [{ label: '本级及上级人大代表', options: others.map((x) => ({ value: x.id, label: label(x) })) }]
          : []),
      ]}
    />
  );
}
