import {
  Alert,
  Button,
  Card,
  Col,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { withQuery } from '../../api';
import { useApi } from '../../shared/useApi';
import { CongressPicker, type SuggestionCongress, useSuggestionCongresses } from './CongressPicker';

interface Figures {
  received: number;
  duringSession: number;
  interim: number;
  registered: number;
  letters: number;
  assigned: number;
  answered: number;
  answeredOnTime: number;
  byCategory: Record<string, number>;
  firstCategoryRate: number | null;
  rated: number;
  attitudeSatisfaction: number | null;
  resultSatisfaction: number | null;
  rehandled: number;
  followUpOpen: number;
}
interface Stats extends Figures {
  congress: SuggestionCongress;
  categories: Array<{ code: string; label: string }>;
  byUnit: Array<Figures & { departmentId: string; departmentName: string | null }>;
}

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

/**
 * 办理统计 of exactly one congress (picked among those this account may count), optionally one term
 * and session; the ledger and per-unit reports as Excel, for the same congress.
 */
export function StatsPage() {
  const congresses = useSuggestionCongresses();
  const [congress, setCongress] = useState<string>();
  const [term, setTerm] = useState<number | null>(null);
  const [session, setSession] = useState('');
  const sessions = useApi<{ items: Array<{ term: number; session: number; label: string }> }>(
    congress ? '/api/suggestions/sessions' : null,
    { congressCode: congress },
  );
  // The API takes the session's number (or 'interim') with the term.
  const sessionNo = session.includes('/') ? session.split('/')[1] : session;
  const query = { congress, ...(term ? { term } : {}), ...(sessionNo ? { session: sessionNo } : {}) };
  const s = useApi<Stats>(congress ? '/api/suggestions/stats' : null, query);
  const d = s.data;
  return (
    <>
      <Typography.Title level={3}>
        建议办理统计{d ? <Typography.Text type="secondary">（{d.congress.name}）</Typography.Text> : null}
      </Typography.Title>
      {congresses.error ? <Alert type="error" showIcon title={congresses.error.message} /> : null}
      {congresses.data && congresses.items.length === 0 ? (
        <Alert type="info" showIcon title="本账号没有可统计的人大" />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <CongressPicker
            items={congresses.items}
            value={congress}
            onChange={(c) => {
              setCongress(c);
              setTerm(null);
              setSession('');
            }}
          />
          <InputNumber
            aria-label="届次"
            placeholder="届次"
            min={1}
            max={99}
            value={term}
            onChange={(v) => {
              setTerm(v);
              if (session.includes('/')) setSession('');
            }}
          />
          <Select
            aria-label="会次"
            style={{ width: 220 }}
            value={session}
            onChange={(v: string) => {
              setSession(v);
              // A session belongs to one term: picking it sets the term too.
              const hit = sessions.data?.items.find((x) => `${x.term}/${x.session}` === v);
              if (hit) setTerm(hit.term);
            }}
            options={[
              { value: '', label: '全部（会议期间和闭会期间）' },
              { value: 'interim', label: '闭会期间' },
              ...(sessions.data?.items ?? [])
                .filter((x) => !term || x.term === term)
                .map((x) => ({ value: `${x.term}/${x.session}`, label: x.label })),
            ]}
          />
          <Button href={withQuery('/api/suggestions/ledger/export', query)}>导出建议办理台账</Button>
        </Space>
      </Card>
      {s.error ? <Alert type="error" showIcon title={s.error.message} /> : null}
      {d ? (
        <>
          <Row gutter={16}>
            {[
              ['收到建议', d.received],
              ['会议期间', d.duringSession],
              ['闭会期间', d.interim],
              ['立案', d.registered],
              ['转来信', d.letters],
              ['已答复', d.answered],
              ['按期答复', d.answeredOnTime],
              ['重新办理', d.rehandled],
              ['跟踪落实中', d.followUpOpen],
            ].map(([label, v]) => (
              <Col key={label as string} span={4} style={{ marginBottom: 16 }}>
                <Card size="small">
                  <Statistic title={label as string} value={v as number} />
                </Card>
              </Col>
            ))}
            <Col span={4}>
              <Card size="small">
                <Statistic title={`${d.categories[0]?.code ?? 'A'}类比例`} value={pct(d.firstCategoryRate)} />
              </Card>
            </Col>
            <Col span={4}>
              <Card size="small">
                <Statistic title="态度满意率" value={pct(d.attitudeSatisfaction)} />
              </Card>
            </Col>
            <Col span={4}>
              <Card size="small">
                <Statistic title="结果满意率" value={pct(d.resultSatisfaction)} />
              </Card>
            </Col>
          </Row>
          <Card title="答复类别" size="small" style={{ marginBottom: 16 }}>
            {d.categories.map((c) => `${c.code}类（${c.label}）${d.byCategory[c.code] ?? 0} 件`).join('；')}
          </Card>
          <Table
            rowKey="departmentId"
            size="small"
            dataSource={d.byUnit}
            pagination={false}
            columns={[
              { title: '承办单位', dataIndex: 'departmentName' },
              { title: '交办', dataIndex: 'assigned', width: 70 },
              { title: '已答复', dataIndex: 'answered', width: 70 },
              { title: '按期', dataIndex: 'answeredOnTime', width: 70 },
              { title: 'A类比例', dataIndex: 'firstCategoryRate', width: 90, render: pct },
              { title: '结果满意率', dataIndex: 'resultSatisfaction', width: 100, render: pct },
              { title: '重新办理', dataIndex: 'rehandled', width: 80 },
              { title: '跟踪中', dataIndex: 'followUpOpen', width: 70 },
              {
                title: '报告',
                width: 90,
                render: (_: unknown, r) => (
                  <a
                    href={withQuery('/api/suggestions/unit-report/export', {
                      ...query,
                      departmentId: r.departmentId,
                    })}
                  >
                    导出
                  </a>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
