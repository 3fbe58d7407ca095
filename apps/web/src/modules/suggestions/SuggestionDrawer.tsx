import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { ReportTags } from './ReportTags';
import { SuggestionAttachments } from './SuggestionAttachments';
import { SourceActivityText, SourceMediationText, SourceOpinionLink } from './SuggestionLinks';
import { RATINGS, type SuggestionDetail, when } from './suggestions.types';

interface Props {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}

/** Which form an action needs, and the route it posts to. */
const FORMS: Record<string, { route: string; label: string; form: string }> = {
  cosign: { route: 'cosign', label: '联名', form: 'none' },
  submit: { route: 'submit', label: '提交', form: 'none' },
  register: { route: 'register', label: '立案', form: 'none' },
  toLetter: { route: 'letter', label: '转作来信', form: 'reason' },
  return: { route: 'return', label: '退回', form: 'reason' },
  extend: { route: 'extend', label: '批准按复杂建议办理', form: 'reason' },
  jointOpinion: { route: 'joint-opinion', label: '提出会办意见', form: 'body' },
  contact: { route: 'contact', label: '记录面商', form: 'contact' },
  answer: { route: 'answer', label: '答复', form: 'answer' },
  rate: { route: 'rate', label: '测评', form: 'rate' },
  completeFollowUp: { route: 'follow-up-done', label: '承诺已落实', form: 'note' },
  report: { route: 'report', label: '报送进展', form: 'report' },
  markKey: { route: 'key', label: '列为重点督办', form: 'key' },
  unmarkKey: { route: 'unkey', label: '取消重点督办', form: 'reason' },
  pil: { route: 'pil', label: '公益诉讼衔接', form: 'pil' },
  publish: { route: 'publish', label: '公开办理结果', form: 'none' },
};
/** rate / rateFollowUp / rateDissatisfied are one form: the server picks the path from the rating. */
const ALIASES: Record<string, string> = { rateFollowUp: 'rate', rateDissatisfied: 'rate' };

/** Suggestion detail: signers, units, 面商, answers, ratings, history and the allowed next steps. */
export function SuggestionDrawer({ id, onClose, onChanged }: Props) {
  const state = useApi<SuggestionDetail>(id ? `/api/suggestions/${id}` : null);
  const d = state.data;
  const done = () => {
    state.reload();
    onChanged();
  };
  return (
    <Drawer
      open={!!id}
      width={760}
      onClose={onClose}
      title={d ? `${d.registerNo ?? d.trackingNo} ${d.title}` : '建议详情'}
      destroyOnHidden
    >
      {state.error ? <Alert type="error" showIcon title={state.error.message} /> : null}
      {!d || d.id !== id ? (
        <Spin />
      ) : (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="状态">
              <Tag color={d.overdue ? 'red' : 'blue'}>{d.stateLabel}</Tag>
              {d.supervisionLevel ? <Tag color="volcano">督办</Tag> : null}
              {d.keyYear ? (
                <Tag color="gold">
                  {d.keyYear}年重点督办{d.keyLeader ? `（${d.keyLeader}督办）` : ''}
                </Tag>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label="类别">{d.category}</Descriptions.Item>
            <Descriptions.Item label="领衔代表">{d.deputyName}</Descriptions.Item>
            <Descriptions.Item label="提出时段">{d.periodLabel ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="主办单位">{d.leadDepartmentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="答复期限">
              {d.answerDueDay ?? '—'}
              {d.difficult ? <Tag style={{ marginLeft: 8 }}>复杂建议</Tag> : null}
            </Descriptions.Item>
            {d.promisedOn ? <Descriptions.Item label="承诺完成">{d.promisedOn}</Descriptions.Item> : null}
            {d.followUpReports ? (
              <Descriptions.Item label="回头看报告" span={2}>
                <ReportTags r={d} />
              </Descriptions.Item>
            ) : null}
            {d.pilLabel ? <Descriptions.Item label="公益诉讼">{d.pilLabel}</Descriptions.Item> : null}
            {d.sourceOpinion ? (
              <Descriptions.Item label="来源民意" span={2}>
                <SourceOpinionLink value={d.sourceOpinion} />
              </Descriptions.Item>
            ) : null}
            {d.sourceActivity ? (
              <Descriptions.Item label="来源" span={2}>
                <SourceActivityText value={d.sourceActivity} />
              </Descriptions.Item>
            ) : null}
            {d.sourceMediation ? (
              <Descriptions.Item label="来源" span={2}>
                <SourceMediationText value={d.sourceMediation} />
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label="内容" span={2}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{d.body}</div>
            </Descriptions.Item>
            <Descriptions.Item label="联名" span={2}>
              {d.signers
                .map((s) => `${s.name ?? ''}${s.role === 'lead' ? '（领衔）' : ''}·${when(s.signedAt)}`)
                .join('；')}
            </Descriptions.Item>
          </Descriptions>
          <SuggestionAttachments d={d} onChanged={done} />
          {d.letterReason ? (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              title="转作来信处理"
              description={d.letterReason}
            />
          ) : null}
          {d.assignments.map((a) => (
            <Alert
              key={a.id}
              style={{ marginTop: 12 }}
              type={a.status === 'returned' ? 'warning' : 'info'}
              title={`${a.role === 'lead' ? '主办' : '会办'}：${a.departmentName ?? ''}（${when(a.assignedAt)}${a.batch ? `，${a.batch}` : ''}）${a.status === 'returned' ? ' 已退回' : ''}`}
              description={
                a.returnReason ?? a.opinion ?? (a.role === 'joint' ? '尚未提出会办意见' : undefined)
              }
            />
          ))}
          {d.contacts.length ? (
            <section aria-label="面商记录" style={{ marginTop: 12 }}>
              <h4>面商记录</h4>
              <Timeline
                items={d.contacts.map((c) => ({
                  children: `${c.day} ${c.stageLabel}·${c.formLabel}：${c.agreed}`,
                }))}
              />
            </section>
          ) : null}
          {d.answers.map((a) => (
            <Alert
              key={a.round}
              style={{ marginTop: 12 }}
              type={a.noContact ? 'warning' : 'success'}
              title={`第 ${a.round} 次答复：${a.category}类 ${a.categoryLabel}（${a.signerTitle} ${a.signerName} 签发，${when(a.answeredAt)}${a.onTime ? '' : '，超期'}）${a.noContact ? ' · 未记录面商' : ''}`}
              description={`${a.body}${a.promisedOn ? `（承诺 ${a.promisedOn} 前完成）` : ''}`}
            />
          ))}
          {d.ratings.map((r) => (
            <Alert
              key={r.round}
              style={{ marginTop: 8 }}
              type="info"
              title={`第 ${r.round} 次测评：态度${r.attitudeLabel}，结果${r.resultLabel}`}
              description={r.comment ?? undefined}
            />
          ))}
          {d.reports.map((r) => (
            <Alert
              key={r.at}
              style={{ marginTop: 8 }}
              title={`进展报告（${r.year}年 ${{ key: '重点督办', midyear: '年中', yearend: '年末' }[r.kind] ?? ''}）`}
              description={r.body}
            />
          ))}
          <Actions d={d} onDone={done} />
          <h4 style={{ marginTop: 16 }}>办理过程</h4>
          <Timeline
            items={d.history.map((h) => ({
              children: (
                <>
                  <strong>{h.label}</strong> → {h.stateLabel}（{h.actorLabel}，{when(h.at)}）
                  {h.reason ? <div style={{ color: '#666' }}>{h.reason}</div> : null}
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

function Actions({ d, onDone }: { d: SuggestionDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [f, setF] = useState<Record<string, string | number | undefined>>({});
  const set = (k: string, v: string | number | undefined) => setF((x) => ({ ...x, [k]: v }));
  const actions = [...new Set(d.actions.map((a) => ALIASES[a] ?? a))].filter((a) => FORMS[a]);
  if (actions.length === 0) return null;
  const form = open ? FORMS[open]!.form : null;
  const payload = (): Record<string, unknown> => {
    switch (form) {
      case 'reason':
        return { reason: f.reason };
      case 'body':
        return { body: f.body };
      case 'note':
        return { note: f.body };
      case 'contact':
        return { stage: f.stage ?? 'before', day: f.day, form: f.form ?? 'visit', agreed: f.body };
      case 'answer':
        return {
          body: f.body,
          category: f.category,
          signerName: f.signerName,
          signerTitle: f.signerTitle,
          ...(f.promisedOn ? { promisedOn: f.promisedOn } : {}),
        };
      case 'rate':
        return { attitude: f.attitude, result: f.result, ...(f.body ? { comment: f.body } : {}) };
      case 'report':
        return { kind: f.kind ?? 'key', body: f.body };
      case 'key':
        return { year: f.year ?? new Date().getFullYear(), leader: f.leader };
      case 'pil':
        return { status: f.status ?? 'handed', ...(f.body ? { note: f.body } : {}) };
      default:
        return {};
    }
  };
  const submit = async (action: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(
        `/api/suggestions/${d.id}/${FORMS[action]!.route}`,
        FORMS[action]!.form === 'none' ? {} : payload(),
      );
      message.success(`${FORMS[action]!.label}成功`);
      setOpen(null);
      setF({});
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const text = (placeholder: string) => (
    <Input.TextArea
      aria-label={placeholder}
      placeholder={placeholder}
      rows={3}
      value={f.body as string}
      onChange={(e) => set('body', e.target.value)}
    />
  );
  return (
    <section aria-label="办理操作" style={{ marginTop: 16 }}>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            type={open === a ? 'primary' : 'default'}
            onClick={() => (FORMS[a]!.form === 'none' ? submit(a) : setOpen(open === a ? null : a))}
            loading={busy && open === a}
          >
            {FORMS[a]!.label}
          </Button>
        ))}
      </Space>
      {error ? <Alert style={{ marginTop: 8 }} type="error" showIcon title={error} /> : null}
      {open && form !== 'none' ? (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          {form === 'reason' ? (
            <Input.TextArea
              aria-label="理由"
              placeholder="理由"
              rows={2}
              value={f.reason as string}
              onChange={(e) => set('reason', e.target.value)}
            />
          ) : null}
          {form === 'body' ? text('会办意见') : null}
          {form === 'note' ? text('落实情况') : null}
          {form === 'contact' ? (
            <>
              <Space wrap>
                <Select
                  aria-label="阶段"
                  style={{ width: 120 }}
                  value={f.stage ?? 'before'}
                  onChange={(v) => set('stage', v)}
                  options={[
                    { value: 'before', label: '办前' },
                    { value: 'during', label: '办中' },
                    { value: 'after', label: '办后' },
                  ]}
                />
                <Select
                  aria-label="方式"
                  style={{ width: 120 }}
                  value={f.form ?? 'visit'}
                  onChange={(v) => set('form', v)}
                  options={[
                    { value: 'visit', label: '走访' },
                    { value: 'meeting', label: '座谈' },
                    { value: 'phone', label: '电话' },
                  ]}
                />
                <DatePicker aria-label="面商日期" onChange={(_, s) => set('day', s as string)} />
              </Space>
              {text('商定内容')}
            </>
          ) : null}
          {form === 'answer' ? (
            <>
              <Space wrap>
                <Select
                  aria-label="答复类别"
                  placeholder="答复类别"
                  style={{ width: 240 }}
                  value={f.category}
                  onChange={(v) => set('category', v)}
                  options={d.answerCategories.map((c) => ({ value: c.code, label: `${c.code} ${c.label}` }))}
                />
                <Input
                  aria-label="签发人"
                  placeholder="签发领导姓名"
                  style={{ width: 140 }}
                  value={f.signerName as string}
                  onChange={(e) => set('signerName', e.target.value)}
                />
                <Input
                  aria-label="职务"
                  placeholder="职务"
                  style={{ width: 120 }}
                  value={f.signerTitle as string}
                  onChange={(e) => set('signerTitle', e.target.value)}
                />
                {d.answerCategories.find((c) => c.code === f.category)?.followUp ? (
                  <DatePicker
                    aria-label="承诺完成日期"
                    placeholder="承诺完成日期"
                    onChange={(_, s) => set('promisedOn', s as string)}
                  />
                ) : null}
              </Space>
              {text('答复内容')}
            </>
          ) : null}
          {form === 'rate' ? (
            <>
              <Space wrap>
                <Select
                  aria-label="办理态度"
                  placeholder="办理态度"
                  style={{ width: 140 }}
                  value={f.attitude}
                  onChange={(v) => set('attitude', v)}
                  options={RATINGS}
                />
                <Select
                  aria-label="办理结果"
                  placeholder="办理结果"
                  style={{ width: 140 }}
                  value={f.result}
                  onChange={(v) => set('result', v)}
                  options={RATINGS}
                />
              </Space>
              {text('意见（选填）')}
            </>
          ) : null}
          {form === 'report' ? (
            <>
              <Select
                aria-label="报告类型"
                style={{ width: 160 }}
                value={f.kind ?? 'key'}
                onChange={(v) => set('kind', v)}
                options={[
                  { value: 'key', label: '重点督办进展' },
                  { value: 'midyear', label: '年中报告' },
                  { value: 'yearend', label: '年末报告' },
                ]}
              />
              {text('进展情况')}
            </>
          ) : null}
          {form === 'key' ? (
            <Space wrap>
              <InputNumber
                aria-label="年度"
                min={2000}
                max={2100}
                value={(f.year as number) ?? new Date().getFullYear()}
                onChange={(v) => set('year', v ?? undefined)}
              />
              <Input
                aria-label="督办领导"
                placeholder="督办领导"
                value={f.leader as string}
                onChange={(e) => set('leader', e.target.value)}
              />
            </Space>
          ) : null}
          {form === 'pil' ? (
            <>
              <Select
                aria-label="衔接状态"
                style={{ width: 240 }}
                value={f.status ?? 'handed'}
                onChange={(v) => set('status', v)}
                options={[
                  { value: 'handed', label: '已移送检察机关' },
                  { value: 'accepted', label: '检察机关已受理' },
                  { value: 'filed', label: '检察机关已立案' },
                  { value: 'declined', label: '检察机关不予立案' },
                ]}
              />
              {text('说明（选填）')}
            </>
          ) : null}
          <Button type="primary" loading={busy} onClick={() => submit(open)}>
            确定{FORMS[open]!.label}
          </Button>
        </Space>
      ) : null}
    </section>
  );
}
