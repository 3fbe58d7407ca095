import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { MediationActions } from './MediationActions';
import { Findings, Sittings } from './MediationRecords';
import { AGREEMENT_FORMS, day, type MediationDetail, type Party, stateColors, when } from './mediation.types';

interface Props {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}

/** One mediation: the facts, the (masked) parties, mediators, deadline, sittings, findings, history. */
export function MediationDrawer({ id, onClose, onChanged }: Props) {
  const state = useApi<MediationDetail>(id ? `/api/mediations/${id}` : null);
  const d = state.data;
  const done = () => {
    state.reload();
    onChanged();
  };
  return (
    <Drawer
      open={!!id}
      width={780}
      onClose={onClose}
      title={d && d.id === id ? `${d.trackingNo} ${d.title}` : '调解案件'}
      destroyOnHidden
    >
      {state.error ? <Alert type="error" showIcon title={state.error.message} /> : null}
      {!d || d.id !== id ? (
        <Spin />
      ) : (
        <>
          <Facts d={d} />
          <Parties d={d} />
          <Outcome d={d} />
          <MediationActions d={d} onDone={done} />
          <Sittings d={d} onDone={done} />
          <Findings d={d} onDone={done} />
          <h4 style={{ marginTop: 16 }}>办理过程</h4>
          <Timeline
            items={d.history.map((h) => ({
              children: (
                <>
                  <strong>{h.actionLabel}</strong> → {h.stateLabel}（{h.actor}，{when(h.at)}）
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

function Facts({ d }: { d: MediationDetail }) {
  const dueLabel = d.state === 'agreed' ? '回访期限' : '调解期限';
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label="状态">
        <Tag color={d.overdue ? 'red' : stateColors[d.state]}>{d.stateLabel}</Tag>
        {d.supervisionLevel ? <Tag color="volcano">{d.supervisionLevel}级督办</Tag> : null}
      </Descriptions.Item>
      <Descriptions.Item label="纠纷类型">{d.disputeTypeLabel}</Descriptions.Item>
      <Descriptions.Item label="来源">
        {d.sourceLabel}
        {d.referredBy ? `（${d.referredBy}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label="调解地点">{d.station?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="登记时间">{when(d.openedAt)}</Descriptions.Item>
      <Descriptions.Item label={dueLabel}>
        {d.dueAt ? day(d.dueAt) : d.state === 'registered' ? '受理后按工作日起算' : '—'}
        {d.overdue ? (
          <Tag color="red" style={{ marginLeft: 8 }}>
            已超期
          </Tag>
        ) : null}
      </Descriptions.Item>
      <Descriptions.Item label="调解代表" span={2}>
        {d.mediators.length ? d.mediators.map((m) => <Tag key={m.id}>{m.name}</Tag>) : '尚未指派'}
        {d.coMediators ? <span>（其他调解员：{d.coMediators}）</span> : null}
      </Descriptions.Item>
      <Descriptions.Item label="纠纷事实与诉求" span={2}>
        <div style={{ whiteSpace: 'pre-wrap' }}>{d.summary}</div>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The parties masked; the full contacts on request, which the server records in the audit log. */
function Parties({ d }: { d: MediationDetail }) {
  const { message } = App.useApp();
  const [full, setFull] = useState<Party[] | null>(null);
  const [loading, setLoading] = useState(false);
  const reveal = async () => {
    setLoading(true);
    try {
      const r = await api.get<{ items: Party[] }>(`/api/mediations/${d.id}/parties`);
      setFull(r.items);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setLoading(false);
    }
  };
  return (
    <section aria-label="当事人" style={{ marginTop: 16 }}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>当事人</Typography.Text>
        {full ? (
          <Tag color="orange">完整联系方式（本次查看已留痕）</Tag>
        ) : (
          <>
            <Button size="small" loading={loading} onClick={reveal}>
              查看完整联系方式
            </Button>
            <Typography.Text type="secondary">查看将记入审计日志（留痕）</Typography.Text>
          </>
        )}
        {full ? (
          <Button size="small" onClick={() => setFull(null)}>
            隐藏
          </Button>
        ) : null}
      </Space>
      <Table<Party>
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={full ?? d.parties}
        columns={[
          { title: '身份', dataIndex: 'roleLabel', width: 100 },
          { title: '姓名', dataIndex: 'name', width: 120 },
          { title: '联系电话', dataIndex: 'phone', width: 140, render: (v: string | null) => v || '—' },
          { title: '住址', dataIndex: 'address', render: (v: string | null) => v || '—' },
        ]}
      />
    </section>
  );
}

/** What came of it: the agreement, the failure and the route shown, the reason, the follow-up visit. */
function Outcome({ d }: { d: MediationDetail }) {
  return (
    <>
      {d.agreement ? (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          title={`调解协议（${d.agreementForm ? AGREEMENT_FORMS[d.agreementForm] : ''}${d.performanceDueOn ? `，履行期限 ${d.performanceDueOn}` : ''}）`}
          description={<div style={{ whiteSpace: 'pre-wrap' }}>{d.agreement}</div>}
        />
      ) : null}
      {d.state === 'failed' ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          title={`调解不成${d.guidanceLabel ? `：${d.guidanceLabel}` : ''}`}
          description={d.outcomeReason ?? undefined}
        />
      ) : null}
      {d.state === 'withdrawn' || d.state === 'rejected' ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          title={d.stateLabel}
          description={d.outcomeReason ?? undefined}
        />
      ) : null}
      {d.performanceLabel ? (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          title={`回访：协议${d.performanceLabel}`}
          description={d.followUpNote ?? undefined}
        />
      ) : null}
    </>
  );
}
