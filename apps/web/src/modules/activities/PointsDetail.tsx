import { Alert, Button, List, Popover, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../shared/format';
import { type DeputyPoints, type RuleSet, ruleSetName } from './activities.types';
import { EvidenceLink, refLabels, useEvidenceDrawer } from './PointsEvidence';

/** The formula in words, always next to the score it explains. */
export function Formula({ text }: { text: string }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="points-formula">
      计算方法：{text}
    </Typography.Text>
  );
}

/** The rule that priced a line: its wording, points and cap, in the set in force that year. */
function RuleLink({
  p,
  ruleKey,
  label,
  staff,
}: {
  p: DeputyPoints;
  ruleKey: string;
  label: string;
  staff?: boolean;
}) {
  const line = p.lines.find((l) => l.key === ruleKey);
  const content = (
    <div style={{ maxWidth: 280 }}>
      <div>
        {ruleSetName(p.ruleSetYear)}（{p.year}年适用）
      </div>
      <div>
        规则：{label}
        {line
          ? `，每次 ${line.pointsEach} 分${line.cap !== null ? `，全年最多 ${line.cap} 分` : ''}`
          : '，本年度不计分'}
      </div>
      {line?.capped ? <div>已达全年上限，超出部分不计分</div> : null}
      {staff ? <Link to={`/console/point-rules?year=${p.year}&key=${ruleKey}`}>查看完整规则</Link> : null}
    </div>
  );
  return (
    <Popover content={content} title="计分规则" trigger="click">
      <Button type="link" size="small" style={{ padding: 0 }}>
        规则：{label}
      </Button>
    </Popover>
  );
}

/**
 * One deputy's points for a year: total with its formula, a line per rule (count × points, capped),
 * and every piece of evidence with a link to it and to the rule that priced it.
 */
export function PointsDetail({ p, staff }: { p: DeputyPoints; staff?: boolean }) {
  const [openEvidence, drawers] = useEvidenceDrawer();
  return (
    <div>
      <Space align="start" wrap style={{ marginBottom: 8 }}>
        <Statistic title={`${p.year}年履职积分`} value={p.total} />
        <Statistic title="任职月数" value={p.months} suffix="/ 12" />
        {p.adjustments ? <Statistic title="年终核定" value={p.adjustments} /> : null}
      </Space>
      <div style={{ marginBottom: 12 }}>
        <Formula text={p.formula} />
      </div>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={p.lines}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '计分项', dataIndex: 'label' },
          { title: '次数', dataIndex: 'count', width: 60 },
          { title: '每次', dataIndex: 'pointsEach', width: 60 },
          {
            title: '上限',
            dataIndex: 'cap',
            width: 70,
            render: (v: number | null) => (v === null ? '不限' : v),
          },
          {
            title: '得分',
            dataIndex: 'points',
            width: 90,
            render: (v: number, l) => (
              <>
                {v}
                {l.capped ? <Tag style={{ marginLeft: 4 }}>封顶</Tag> : null}
              </>
            ),
          },
        ]}
      />
      {p.unpriced.length ? (
        <Alert
          style={{ marginTop: 8 }}
          type="info"
          showIcon
          title={`以下依据本年度规则未计分：${p.unpriced.join('、')}`}
        />
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        积分依据（{p.evidence.length}）
      </Typography.Title>
      <List
        size="small"
        aria-label="积分依据"
        dataSource={p.evidence}
        locale={{ emptyText: '本年度暂无积分依据' }}
        renderItem={(e) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Space wrap size={4}>
                <span style={{ color: '#8c8c8c' }}>{e.day}</span>
                <Tag>{refLabels[e.refType]}</Tag>
                <EvidenceLink refType={e.refType} refId={e.refId} onOpen={openEvidence}>
                  {e.label}
                </EvidenceLink>
              </Space>
              <div>
                <RuleLink p={p} ruleKey={e.key} label={e.ruleLabel} staff={staff} />
                <span style={{ marginLeft: 8, color: e.pointsEach < 0 ? '#cf1322' : undefined }}>
                  {e.pointsEach > 0 ? '+' : ''}
                  {e.pointsEach} 分
                </span>
              </div>
            </div>
          </List.Item>
        )}
      />
      {p.adjustmentEntries.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            年终核定记录
          </Typography.Title>
          <List
            size="small"
            dataSource={p.adjustmentEntries}
            renderItem={(a) => (
              <List.Item>
                {a.points > 0 ? '+' : ''}
                {a.points} 分 · {a.reason} · {formatDateTime(a.at)}
              </List.Item>
            )}
          />
        </>
      ) : null}
      {drawers}
    </div>
  );
}

/** A rule set in words (for the rule-set list and the creation preview). */
export function RuleSetSummary({ rules }: { rules: RuleSet }) {
  return (
    <Typography.Text type="secondary">
      基础分 {rules.baseScore}
      {rules.prorate ? '（按任职月数折算）' : ''} · 低于 {rules.talkBelow} 分约谈提醒 · {rules.honourFrom}{' '}
      分以上评优候选 · {rules.rules.length} 条计分规则
    </Typography.Text>
  );
}
