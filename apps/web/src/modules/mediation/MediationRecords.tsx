import { Alert, App, Button, Card, Empty, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { SuggestionsOfFinding } from '../suggestions/FromMediation';
import { type MediationDetail, problemText, todayInChina, when } from './mediation.types';

const can = (d: MediationDetail, action: string) => d.actions.some((a) => a.action === action);

/** 调解记录: each sitting (day, place, who attended, what happened) and, while mediating, a new one. */
export function Sittings({ d, onDone }: { d: MediationDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [heldOn, setHeldOn] = useState(todayInChina());
  const [place, setPlace] = useState(d.station?.name ?? '');
  const [attendees, setAttendees] = useState('');
  const [minutes, setMinutes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = can(d, 'recordSession');
  if (d.sessions.length === 0 && !allowed) return null;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/mediations/${d.id}/sessions`, { heldOn, place, attendees, minutes });
      message.success('调解记录已保存');
      setAdding(false);
      setAttendees('');
      setMinutes('');
      onDone();
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="调解记录" style={{ marginTop: 16 }}>
      <h4>调解记录</h4>
      {d.sessions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无调解记录" />
      ) : (
        d.sessions.map((s, i) => (
          <Card
            key={s.id}
            size="small"
            style={{ marginBottom: 8 }}
            title={`第 ${i + 1} 次调解 · ${s.heldOn} · ${s.place}`}
          >
            <div>参加人员：{s.attendees}</div>
            <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{s.minutes}</div>
            <Typography.Text type="secondary">记录人：{s.recordedBy}</Typography.Text>
          </Card>
        ))
      )}
      {allowed && !adding ? <Button onClick={() => setAdding(true)}>记录调解</Button> : null}
      {allowed && adding ? (
        <div style={{ padding: 12, background: '#fafafa', borderRadius: 8 }}>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <span>调解日期</span>
              <Input
                aria-label="调解日期"
                type="date"
                style={{ width: 170 }}
                max={todayInChina()}
                value={heldOn}
                onChange={(e) => setHeldOn(e.target.value)}
              />
              <Input
                aria-label="调解地点"
                placeholder="调解地点"
                style={{ width: 300 }}
                maxLength={60}
                value={place}
                onChange={(e) => setPlace(e.target.value)}
              />
            </Space>
            <Input
              aria-label="参加人员"
              placeholder="参加人员（如：双方当事人、调解代表、社区调解员）"
              maxLength={200}
              value={attendees}
              onChange={(e) => setAttendees(e.target.value)}
            />
            <Input.TextArea
              aria-label="调解经过"
              placeholder="调解经过：各方陈述、查明的事实、调解意见"
              rows={4}
              maxLength={4000}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
            <Space>
              <Button type="primary" loading={busy} onClick={save}>
                保存调解记录
              </Button>
              <Button onClick={() => setAdding(false)}>取消</Button>
            </Space>
          </Space>
        </div>
      ) : null}
    </section>
  );
}

/** 调解中发现的问题: the recurring problems behind the dispute; a mediating deputy may make one a suggestion. */
export function Findings({ d, onDone }: { d: MediationDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [body, setBody] = useState('');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = can(d, 'recordFinding');
  if (d.findings.length === 0 && !allowed) return null;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/mediations/${d.id}/findings`, { body });
      message.success('发现的问题已记录');
      setAdding(false);
      setBody('');
      onDone();
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="调解中发现的问题" style={{ marginTop: 16 }}>
      <h4>调解中发现的问题</h4>
      {d.findings.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="调解中发现的共性问题（如设施老化、政策空白）可记录在此，由调解代表转为代表建议"
        />
      ) : (
        d.findings.map((f, i) => (
          <Card key={f.id} size="small" style={{ marginBottom: 8 }}>
            <section aria-label={`问题 ${i + 1}`}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{f.body}</div>
              <Typography.Text type="secondary">
                {f.recordedBy}，{when(f.at)}
              </Typography.Text>
              <SuggestionsOfFinding finding={f} caseTitle={d.title} />
            </section>
          </Card>
        ))
      )}
      {allowed && !adding ? <Button onClick={() => setAdding(true)}>记录发现的问题</Button> : null}
      {allowed && adding ? (
        <div style={{ padding: 12, background: '#fafafa', borderRadius: 8 }}>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
          <Input.TextArea
            aria-label="发现的问题内容"
            placeholder="调解中发现的共性问题（不写当事人姓名），至少 10 个字"
            rows={3}
            maxLength={1000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <Space style={{ marginTop: 8 }}>
            <Button type="primary" loading={busy} onClick={save}>
              保存
            </Button>
            <Button onClick={() => setAdding(false)}>取消</Button>
          </Space>
        </div>
      ) : null}
    </section>
  );
}
