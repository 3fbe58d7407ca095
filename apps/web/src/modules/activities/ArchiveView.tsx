import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ruleSetName } from './activities.types';

type Count = { total: number; present: number; excused: number; absent: number };
interface Activity {
  id: string;
  day: string;
  kind: string;
  kindName: string;
  title: string;
  place: string | null;
  attendance: 'present' | 'excused' | 'absent';
  attendanceLabel: string;
}

/** GET /api/archive (apps/api/src/modules/activities/archive.usecases.ts). */
export interface Archive {
  year: number;
  generatedAt: string;
  congressName: string;
  deputy: {
    id: string;
    name: string;
    gender: string;
    ethnicity: string;
    birthYear: number | null;
    party: string | null;
    occupationCategory: string | null;
    workplace: string | null;
    jurisdictionName: string;
    phoneMasked: string | null;
    status: string;
  };
  mandates: Array<{
    congressCode: string;
    congressName: string;
    levelLabel: string;
    term: number;
    electoralDistrict: string | null;
    delegation: string | null;
    groupName: string | null;
    startedOn: string | null;
    endedOn: string | null;
  }>;
  activities: {
    attendance: Count;
    byKind: Array<Count & { kind: string; kindName: string }>;
    items: Activity[];
    trainings: Activity[];
    citizensReceived: number;
  };
  suggestions: {
    total: number;
    led: number;
    cosigned: number;
    registered: number;
    key: number;
    items: Array<{
      caseId: string;
      trackingNo: string;
      title: string;
      roleLabel: string;
      stateLabel: string;
      registerNo: string | null;
      answerCategory: string | null;
      answerCategoryLabel: string | null;
      attitudeLabel: string | null;
      resultLabel: string | null;
      key: boolean;
    }>;
  };
  opinions: {
    received: number;
    closed: number;
    ratings: { satisfied: number; basicallySatisfied: number; dissatisfied: number; unrated: number };
    items: Array<{
      caseId: string;
      trackingNo: string;
      title: string;
      openedOn: string;
      stateLabel: string;
      ratingLabel: string | null;
    }>;
  };
  points: Array<{
    congressCode: string;
    congressName: string;
    levelLabel: string;
    ruleSetYear: number | null;
    total: number;
    base: number;
    months: number;
    formula: string;
    lines: Array<{
      key: string;
      label: string;
      count: number;
      pointsEach: number;
      cap: number | null;
      points: number;
      capped: boolean;
      words: string;
    }>;
    adjustments: Array<{ id: string; points: number; reason: string; at: string }>;
  }>;
  voterReports: Array<{
    id: string;
    title: string;
    scheduledOn: string;
    place: string | null;
    statusLabel: string;
    total: number;
    satisfied: number;
    basicallySatisfied: number;
    dissatisfied: number;
    satisfactionRate: number | null;
  }>;
}

const attendanceColor = { present: 'green', excused: 'orange', absent: 'red' } as const;
const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card size="small" title={title} extra={extra} style={{ marginBottom: 12 }}>
      {children}
    </Card>
  );
}

/** The 履职档案 of one deputy-year as the API generated it (the same content as the PDF). */
export function ArchiveView({ archive: a, pdfHref }: { archive: Archive; pdfHref: string }) {
  const d = a.deputy;
  const at = a.activities.attendance;
  return (
    <div>
      <Space align="baseline" wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {d.name} {a.year}年度履职档案
        </Typography.Title>
        <Typography.Text type="secondary">{a.congressName} · 根据履职记录自动生成</Typography.Text>
        <Button icon={<FilePdfOutlined />} href={pdfHref} target="_blank" rel="noopener">
          打印版（PDF）
        </Button>
      </Space>

      <Section title="基本信息与任职">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label="姓名">{d.name}</Descriptions.Item>
          <Descriptions.Item label="性别">{d.gender}</Descriptions.Item>
          <Descriptions.Item label="民族">{d.ethnicity}</Descriptions.Item>
          <Descriptions.Item label="政治面貌">{dash(d.party)}</Descriptions.Item>
          <Descriptions.Item label="职业类别">{dash(d.occupationCategory)}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{dash(d.phoneMasked)}</Descriptions.Item>
          <Descriptions.Item label="所在区划">{d.jurisdictionName}</Descriptions.Item>
        </Descriptions>
        {a.mandates.map((m) => (
          <Tag key={`${m.congressCode}-${m.term}-${m.startedOn}`} color="red" style={{ marginTop: 4 }}>
            {m.congressName} · {m.levelLabel} · 第{m.term}届{m.groupName ? ` · ${m.groupName}` : ''}（
            {m.startedOn ?? '—'} 至 {m.endedOn ?? '今'}）
          </Tag>
        ))}
      </Section>

      <Section title="履职活动">
        <Space size="large" wrap style={{ marginBottom: 12 }}>
          <Statistic title="参加活动" value={at.total} suffix="次" />
          <Statistic title="出席" value={at.present} />
          <Statistic title="请假" value={at.excused} />
          <Statistic title="缺席" value={at.absent} />
          <Statistic title="接待群众" value={a.activities.citizensReceived} suffix="人次" />
        </Space>
        <Table
          size="small"
          rowKey="kind"
          pagination={false}
          dataSource={a.activities.byKind}
          locale={{ emptyText: '本年度无已确认的履职活动' }}
          columns={[
            { title: '活动类型', dataIndex: 'kindName' },
            { title: '次数', dataIndex: 'total', align: 'right' },
            { title: '出席', dataIndex: 'present', align: 'right' },
            { title: '请假', dataIndex: 'excused', align: 'right' },
            { title: '缺席', dataIndex: 'absent', align: 'right' },
          ]}
        />
        <Table
          size="small"
          rowKey="id"
          style={{ marginTop: 12 }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={a.activities.items}
          columns={[
            { title: '日期', dataIndex: 'day', width: 110 },
            { title: '类型', dataIndex: 'kindName', width: 110 },
            { title: '活动', dataIndex: 'title' },
            { title: '地点', dataIndex: 'place', render: dash },
            {
              title: '考勤',
              dataIndex: 'attendanceLabel',
              width: 80,
              render: (v: string, r: Activity) => <Tag color={attendanceColor[r.attendance]}>{v}</Tag>,
            },
          ]}
        />
      </Section>

      <Section title="参加培训">
        {a.activities.trainings.length === 0 ? (
          <Empty description="本年度无培训记录" />
        ) : (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={a.activities.trainings}
            columns={[
              { title: '日期', dataIndex: 'day', width: 110 },
              { title: '培训', dataIndex: 'title' },
              { title: '地点', dataIndex: 'place', render: dash },
              { title: '考勤', dataIndex: 'attendanceLabel', width: 80 },
            ]}
          />
        )}
      </Section>

      <Section
        title="代表建议"
        extra={`提出 ${a.suggestions.total} 件（领衔 ${a.suggestions.led}，联名 ${a.suggestions.cosigned}），立案 ${a.suggestions.registered} 件`}
      >
        <Table
          size="small"
          rowKey="caseId"
          pagination={false}
          dataSource={a.suggestions.items}
          locale={{ emptyText: '本年度未提出建议' }}
          columns={[
            {
              title: '建议',
              dataIndex: 'title',
              render: (v: string, r: Archive['suggestions']['items'][number]) => (
                <>
                  {v} <Typography.Text type="secondary">{r.trackingNo}</Typography.Text>
                  {r.key ? <Tag color="volcano">重点督办</Tag> : null}
                </>
              ),
            },
            { title: '方式', dataIndex: 'roleLabel', width: 70 },
            { title: '立案号', dataIndex: 'registerNo', render: dash },
            { title: '办理状态', dataIndex: 'stateLabel' },
            {
              title: '答复分类',
              dataIndex: 'answerCategory',
              render: (v: string | null, r: Archive['suggestions']['items'][number]) =>
                v ? `${v}类 ${r.answerCategoryLabel}` : '—',
            },
            {
              title: '测评（态度/结果）',
              dataIndex: 'attitudeLabel',
              render: (v: string | null, r: Archive['suggestions']['items'][number]) =>
                v ? `${v} / ${r.resultLabel}` : '—',
            },
          ]}
        />
      </Section>

      <Section
        title="群众意见"
        extra={`收到 ${a.opinions.received} 件，办结 ${a.opinions.closed} 件；满意 ${a.opinions.ratings.satisfied}，基本满意 ${a.opinions.ratings.basicallySatisfied}，不满意 ${a.opinions.ratings.dissatisfied}`}
      >
        <Table
          size="small"
          rowKey="caseId"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={a.opinions.items}
          locale={{ emptyText: '本年度未收到群众意见' }}
          columns={[
            { title: '收到日期', dataIndex: 'openedOn', width: 110 },
            { title: '群众意见', dataIndex: 'title' },
            { title: '办理状态', dataIndex: 'stateLabel' },
            { title: '群众评价', dataIndex: 'ratingLabel', render: dash },
          ]}
        />
      </Section>

      <Section title="履职积分">
        {a.points.length === 0 ? <Empty description="本年度无积分记录" /> : null}
        {a.points.map((p) => (
          <div key={p.congressCode} style={{ marginBottom: 16 }}>
            <Space align="baseline" wrap>
              <Statistic title={`${p.congressName}（${p.levelLabel}）`} value={p.total} suffix="分" />
              <Typography.Text type="secondary">
                任职 {p.months} 个月 · {ruleSetName(p.ruleSetYear)}
              </Typography.Text>
            </Space>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={p.lines}
              columns={[
                { title: '计分项目', dataIndex: 'label' },
                { title: '规则键', dataIndex: 'key', render: (v: string) => <code>{v}</code> },
                { title: '次数', dataIndex: 'count', align: 'right' },
                { title: '每次', dataIndex: 'pointsEach', align: 'right' },
                {
                  title: '封顶',
                  dataIndex: 'cap',
                  align: 'right',
                  render: (v: number | null) => v ?? '不封顶',
                },
                { title: '得分', dataIndex: 'points', align: 'right' },
                { title: '计算', dataIndex: 'words' },
              ]}
            />
            {p.adjustments.map((x) => (
              <div key={x.id} style={{ marginTop: 6 }}>
                <Tag color="blue">
                  年终核定 {x.points > 0 ? '+' : ''}
                  {x.points}
                </Tag>
                {x.reason}
              </div>
            ))}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              计算公式：{p.formula}
            </Typography.Paragraph>
          </div>
        ))}
      </Section>

      <Section title="述职评议">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={a.voterReports}
          locale={{ emptyText: '本年度无述职评议记录' }}
          columns={[
            { title: '述职', dataIndex: 'title' },
            { title: '日期', dataIndex: 'scheduledOn', width: 110 },
            { title: '地点', dataIndex: 'place', render: dash },
            { title: '状态', dataIndex: 'statusLabel', width: 90 },
            {
              title: '满意/基本满意/不满意',
              dataIndex: 'total',
              render: (_: number, r: Archive['voterReports'][number]) =>
                `${r.satisfied} / ${r.basicallySatisfied} / ${r.dissatisfied}`,
            },
            {
              title: '满意率',
              dataIndex: 'satisfactionRate',
              align: 'right',
              render: (v: number | null) => (v === null ? '尚无评议' : `${v}%`),
            },
          ]}
        />
      </Section>
    </div>
  );
}
