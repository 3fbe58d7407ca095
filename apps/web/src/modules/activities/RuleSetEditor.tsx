import { Alert, App, Checkbox, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText, fieldIssues } from '../../api';
import { type Rule, type RuleSet, thisYear } from './activities.types';

interface Props {
  open: boolean;
  congressCode: string;
  /** The set in force this year: the new one starts as a copy of it. */
  from: RuleSet;
  onClose: () => void;
  onDone: () => void;
}

/** Drafts next year's rule set from the current one: points, caps, base score, thresholds. */
export function RuleSetEditor({ open, congressCode, from, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<RuleSet>(from);
  const [effectiveYear, setEffectiveYear] = useState<number | null>(thisYear() + 1);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) {
      setDraft(from);
      setEffectiveYear(thisYear() + 1);
      setError(null);
    }
  }, [open, from]);
  const set = <K extends keyof RuleSet>(k: K, v: RuleSet[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const setRule = (key: string, patch: Partial<Rule>) =>
    setDraft((d) => ({ ...d, rules: d.rules.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));

  const submit = async () => {
    setError(null);
    if (!effectiveYear) return setError('请填写生效年度');
    setSaving(true);
    try {
      await api.post('/api/points/rule-sets', {
        congressCode,
        effectiveYear,
        rules: draft,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      message.success(`${effectiveYear}年积分规则已制定`);
      onDone();
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
      title="制定新年度积分规则"
      width={820}
      okText="保存规则"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert style={{ marginBottom: 12 }} type="error" showIcon title={error} /> : null}
      <Typography.Paragraph type="secondary">
        以现行规则为底稿修改。新规则自所填年度 1 月 1 日起施行，不影响此前各年度已产生的积分。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>
          生效年度{' '}
          <InputNumber
            aria-label="生效年度"
            min={2000}
            max={2100}
            value={effectiveYear}
            onChange={setEffectiveYear}
          />
        </span>
        <span>
          基础分{' '}
          <InputNumber
            aria-label="基础分"
            min={0}
            max={100}
            value={draft.baseScore}
            onChange={(v) => set('baseScore', v ?? 0)}
          />
        </span>
        <Checkbox checked={draft.prorate} onChange={(e) => set('prorate', e.target.checked)}>
          任职不满一年按月折算
        </Checkbox>
        <span>
          约谈提醒线（低于）{' '}
          <InputNumber
            aria-label="约谈提醒线"
            min={0}
            max={1000}
            value={draft.talkBelow}
            onChange={(v) => set('talkBelow', v ?? 0)}
          />
        </span>
        <span>
          评优候选线（不低于）{' '}
          <InputNumber
            aria-label="评优候选线"
            min={0}
            max={1000}
            value={draft.honourFrom}
            onChange={(v) => set('honourFrom', v ?? 0)}
          />
        </span>
      </Space>
      <Table<Rule>
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ y: 360 }}
        dataSource={draft.rules}
        columns={[
          { title: '计分项', dataIndex: 'label' },
          {
            title: '每次分值（扣分为负）',
            dataIndex: 'points',
            width: 170,
            render: (v: number, r) => (
              <InputNumber
                aria-label={`${r.label}分值`}
                min={-100}
                max={100}
                step={0.5}
                value={v}
                onChange={(x) => setRule(r.key, { points: x ?? 0 })}
              />
            ),
          },
          {
            title: '全年上限（空为不限）',
            dataIndex: 'capPerYear',
            width: 170,
            render: (v: number | null, r) => (
              <InputNumber
                aria-label={`${r.label}上限`}
                min={0}
                max={1000}
                value={v}
                onChange={(x) => setRule(r.key, { capPerYear: x ?? null })}
              />
            ),
          },
        ]}
      />
      <Input.TextArea
        style={{ marginTop: 12 }}
        aria-label="修订说明"
        placeholder="修订说明（如：提高接待选民分值，经主任会议通过）"
        rows={2}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
    </Modal>
  );
}
