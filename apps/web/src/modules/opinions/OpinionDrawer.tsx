import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Image,
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
import { MediationsOfOpinion } from '../mediation/FromOpinion';
import { SuggestionsFromOpinion } from '../suggestions/FromOpinion';
import { DisclosureControl } from './DisclosureControl';
import { type Category, day, type OpinionDetail, when } from './opinions.types';
import { RelocateControl } from './RelocateControl';
import { SimilarCases } from './SimilarCases';

interface Props {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}

/** Case detail with its history timeline; only the actions the server says this user may take. */
export function OpinionDrawer({ id, onClose, onChanged }: Props) {
  const state = useApi<OpinionDetail>(id ? `/api/opinions/${id}` : null);
  const d = state.data;
  return (
    <Drawer
      open={!!id}
      width={720}
      onClose={onClose}
      title={d ? `${d.trackingNo} ${d.title}` : '事项详情'}
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
              {d.supervisionLevel ? <Tag color="volcano">{d.supervisionLevel}级督办</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="来源">
              {d.channelLabel}
              {d.receptionDay ? `（${d.receptionDay} 接待日）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="分类">
              {d.categoryName ?? '未分类'}
              {d.complex ? <Tag style={{ marginLeft: 8 }}>复杂事项</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="区域">
              {[d.township, d.community].filter(Boolean).join(' ') || '区级'}
              <RelocateControl
                d={d}
                onDone={() => {
                  state.reload();
                  onChanged();
                }}
              />
            </Descriptions.Item>
            <Descriptions.Item label="地址">{d.addressMasked ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系人">
              {[d.contactNameMasked, d.contactPhoneMasked].filter(Boolean).join(' ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="反映给">
              {d.deputyName ? `${d.deputyName}代表` : (d.stationName ?? '—')}
            </Descriptions.Item>
            <Descriptions.Item label="承办单位">{d.departmentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="答复期限">{day(d.replyDueAt) || '—'}</Descriptions.Item>
            <Descriptions.Item label="退回/重办">
              {d.returnCount} / {d.reopenCount}
            </Descriptions.Item>
            <Descriptions.Item label="描述" span={2}>
              {d.description}
            </Descriptions.Item>
          </Descriptions>
          <Files d={d} stage="intake" />
          <SuggestionsFromOpinion opinion={d} />
          <MediationsOfOpinion
            opinion={{ id: d.id, trackingNo: d.trackingNo, title: d.title, description: d.description }}
          />
          {d.assignments
            .filter((a) => a.role === 'joint')
            .map((a) => (
              <Alert
                key={a.id}
                style={{ marginTop: 12 }}
                type={a.opinion ? 'info' : 'warning'}
                title={`会办单位：${a.departmentName ?? ''}${a.opinion ? `（${when(a.opinionAt)}）` : '，尚未提出会办意见'}`}
                description={a.opinion ?? undefined}
              />
            ))}
          {d.progress.length ? (
            <section style={{ marginTop: 12 }} aria-label="办理进度">
              <h4>办理进度{d.complex ? '（复杂事项，每月报送）' : ''}</h4>
              <Timeline
                items={d.progress.map((p) => ({
                  children: (
                    <>
                      {p.body}
                      <div style={{ color: '#666' }}>
                        {p.departmentName}，{when(p.at)}
                      </div>
                    </>
                  ),
                }))}
              />
            </section>
          ) : null}
          {d.replies.map((r) => (
            <Alert
              key={r.round}
              style={{ marginTop: 12 }}
              type="success"
              title={`第 ${r.round} 次答复（${r.departmentName ?? ''}，${r.outcomeLabel}，${when(r.repliedAt)}）`}
              description={
                <>
                  {r.body}
                  <Files d={d} stage="reply" round={r.round} />
                </>
              }
            />
          ))}
          <SimilarCases
            d={d}
            onDone={() => {
              state.reload();
              onChanged();
            }}
          />
          <Actions
            d={d}
            onDone={() => {
              state.reload();
              onChanged();
            }}
          />
          <DisclosureControl
            d={d}
            onDone={() => {
              state.reload();
              onChanged();
            }}
          />
          {d.mergedRatings?.length ? (
            <>
              <h4 style={{ marginTop: 16 }}>并单群众评价</h4>
              <ul aria-label="并单群众评价" style={{ paddingLeft: 18 }}>
                {d.mergedRatings.map((r) => (
                  <li key={`${r.trackingNo}-${r.round}`}>
                    {r.trackingNo}（第 {r.round} 次答复）：{r.ratingLabel}
                    {r.comment ? `；${r.comment}` : ''}（{when(r.ratedAt)}）
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h4 style={{ marginTop: 16 }}>办理过程</h4>
          <Timeline
            items={d.history.map((h) => ({
              children: (
                <>
                  <strong>{h.label}</strong> → {h.toLabel}（{h.actorLabel}，{when(h.at)}）
                  {h.note ? <div style={{ color: '#666' }}>{h.note}</div> : null}
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

/** Photos (thumbnails) and PDF letters of one stage (and reply round). */
function Files({ d, stage, round }: { d: OpinionDetail; stage: 'intake' | 'reply'; round?: number }) {
  const files = d.attachments.filter((a) => a.stage === stage && (round === undefined || a.round === round));
  if (files.length === 0) return null;
  const url = (id: string) => `/api/opinions/${d.id}/attachments/${id}`;
  return (
    <Space style={{ marginTop: 8 }} wrap>
      {files.map((a) =>
        a.mime === 'application/pdf' ? (
          <a key={a.id} href={url(a.id)} target="_blank" rel="noreferrer">
            答复函（PDF，{Math.ceil(a.bytes / 1024)} KB）
          </a>
        ) : (
          <Image key={a.id} width={96} src={url(a.id)} alt={stage === 'intake' ? '照片' : '答复附件'} />
        ),
      )}
    </Space>
  );
}

/** Reads chosen files as data URLs (sent as base64; the server sniffs the real type). */
const readAsDataUrl = (f: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(f);
  });

/** Which form an action needs. */
const NEEDS: Record<
  string,
  | 'none'
  | 'reason'
  | 'category'
  | 'department'
  | 'extension'
  | 'reply'
  | 'rating'
  | 'decide'
  | 'review'
  | 'text'
> = {
  accept: 'category',
  classify: 'category',
  reject: 'reason',
  assign: 'department',
  reroute: 'department',
  sign: 'none',
  return: 'reason',
  requestExtension: 'extension',
  approveExtension: 'decide',
  refuseExtension: 'decide',
  reply: 'reply',
  rate: 'rating',
  rateMerged: 'rating',
  reviewReopen: 'review',
  reviewClose: 'review',
  reportProgress: 'text',
  jointOpinion: 'text',
};
const ROUTE: Record<string, string> = {
  // 并单: a merged citizen's rating of the main case's answer, taken by phone, goes through /rate.
  rateMerged: 'rate',
  reportProgress: 'progress',
  jointOpinion: 'joint-opinion',
  requestExtension: 'extension',
  approveExtension: 'extension/decide',
  refuseExtension: 'extension/decide',
  reviewReopen: 'review',
  reviewClose: 'review',
};
/** Actions the console does not offer as buttons (timers and the citizen's own rating choices). */
const HIDDEN = new Set([
  'merge',
  'rateReopen',
  'rateReview',
  'escalate',
  'escalateLeader',
  'autoClose',
  'progressReminder',
]);

function Actions({ d, onDone }: { d: OpinionDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const [department, setDepartment] = useState<string | undefined>();
  const [days, setDays] = useState<number | null>(10);
  const [body, setBody] = useState('');
  const [outcome, setOutcome] = useState('solved');
  const [files, setFiles] = useState<File[]>([]);
  const cats = useApi<{ items: Category[] }>(
    open && NEEDS[open] === 'category' ? '/api/opinions/categories' : null,
  );
  const deps = useApi<{ items: Array<{ id: string; name: string }> }>(
    open && NEEDS[open] === 'department' ? '/api/opinions/departments' : null,
  );
  const suggestion = useApi<{ suggestion: { departmentId: string; name: string } | null }>(
    open === 'assign' ? `/api/opinions/${d.id}/suggestion` : null,
  );
  const actions = d.actions.filter((a) => !HIDDEN.has(a.action));
  if (actions.length === 0) return null;

  const payload = (action: string): Record<string, unknown> => {
    switch (NEEDS[action]) {
      case 'reason':
        return { reason };
      case 'category':
        return category ? { categoryCode: category } : {};
      case 'department':
        return { ...(department ? { departmentId: department } : {}), ...(reason.trim() ? { reason } : {}) };
      case 'extension':
        return { days, reason };
      case 'reply':
        return { body, outcome };
      case 'text':
        return { body };
      case 'rating':
        return { rating: outcome === 'solved' ? 'satisfied' : outcome };
      case 'decide':
        return { approve: action === 'approveExtension', ...(reason.trim() ? { note: reason } : {}) };
      case 'review':
        return { decision: action === 'reviewReopen' ? 'reopen' : 'close', reason };
      default:
        return {};
    }
  };

  const run = async (action: string) => {
    setBusy(true);
    setError(null);
    try {
      const extra =
        NEEDS[action] === 'reply' && files.length
          ? { attachments: await Promise.all(files.map(readAsDataUrl)) }
          : {};
      await api.post(`/api/opinions/${d.id}/${ROUTE[action] ?? action}`, { ...payload(action), ...extra });
      message.success('已提交');
      setOpen(null);
      setReason('');
      setBody('');
      setFiles([]);
      onDone();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };

  const need = open ? NEEDS[open] : null;
  return (
    <section style={{ marginTop: 16 }} aria-label="可执行操作">
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a.action}
            type={open === a.action ? 'primary' : 'default'}
            onClick={() => (NEEDS[a.action] === 'none' ? run(a.action) : setOpen(a.action))}
            loading={busy && NEEDS[a.action] === 'none'}
          >
            {a.label}
          </Button>
        ))}
      </Space>
      {open && need !== 'none' ? (
        <section
          style={{ marginTop: 12, padding: 12, background: '#fafafa', borderRadius: 8 }}
          aria-label="操作表单"
        >
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
          {need === 'category' ? (
            <Select
              aria-label="问题分类"
              style={{ width: 320 }}
              allowClear
              placeholder="选择分类"
              value={category}
              onChange={setCategory}
              options={(cats.data?.items ?? [])
                .filter((c) => c.level === 2)
                .map((c) => ({ value: c.code, label: c.name }))}
            />
          ) : null}
          {need === 'department' ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              {open === 'assign' ? (
                <div>
                  按派单规则建议：
                  <strong>{suggestion.data?.suggestion?.name ?? '（规则未覆盖，请选择）'}</strong>
                </div>
              ) : null}
              <Select
                aria-label="承办单位"
                showSearch
                optionFilterProp="label"
                style={{ width: 360 }}
                allowClear
                placeholder={open === 'assign' ? '不选则按建议交办' : '选择承办单位'}
                value={department}
                onChange={setDepartment}
                options={(deps.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
              />
            </Space>
          ) : null}
          {need === 'extension' ? (
            <InputNumber
              aria-label="延期工作日"
              min={1}
              max={60}
              value={days}
              onChange={setDays}
              addonAfter="个工作日"
            />
          ) : null}
          {need === 'reply' ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Select
                aria-label="办理结果"
                style={{ width: 200 }}
                value={outcome}
                onChange={setOutcome}
                options={[
                  { value: 'solved', label: '已解决' },
                  { value: 'in_progress', label: '正在解决' },
                  { value: 'explained', label: '已解释说明' },
                ]}
              />
              <Input.TextArea
                aria-label="答复内容"
                rows={4}
                value={body}
                placeholder={outcome === 'explained' ? '无法解决的，请书面说明原因和依据' : undefined}
                onChange={(e) => setBody(e.target.value)}
              />
              <input
                aria-label="答复附件"
                type="file"
                multiple
                accept="image/jpeg,image/png,image/webp,application/pdf"
                onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 6))}
              />
              <small style={{ color: '#666' }}>可附整改照片或 PDF 答复函，最多 6 个</small>
            </Space>
          ) : null}
          {need === 'text' ? (
            <Input.TextArea
              aria-label={open === 'jointOpinion' ? '会办意见' : '办理进度'}
              rows={4}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
          ) : null}
          {need === 'rating' ? (
            <Select
              aria-label="满意度"
              style={{ width: 200 }}
              value={outcome}
              onChange={setOutcome}
              options={[
                { value: 'solved', label: '满意' },
                { value: 'basically_satisfied', label: '基本满意' },
              ]}
            />
          ) : null}
          {need !== 'category' && need !== 'rating' && need !== 'reply' && need !== 'text' ? (
            <Input.TextArea
              aria-label={need === 'department' ? '改派/调整理由' : '理由'}
              rows={2}
              style={{ marginTop: 8 }}
              placeholder={need === 'department' ? '理由（改派或不按建议交办时必填）' : '理由'}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          ) : null}
          <div style={{ marginTop: 8 }}>
            <Button type="primary" loading={busy} onClick={() => run(open)}>
              确认{d.actions.find((a) => a.action === open)?.label}
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
