import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../shared/format';
import { useApi } from '../../shared/useApi';
import { type CongressLevel, CongressLevelPicker, useCongresses } from './ActivitiesShared';
import { type Rule, type RuleSet, type RuleSets, ruleSetName, thisYear } from './activities.types';
import { RuleSetSummary } from './PointsDetail';
import { RuleSetEditor } from './RuleSetEditor';

export function RuleTable({ rules, highlight }: { rules: RuleSet; highlight?: string | null }) {
  return (
    <Table<Rule>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rules.rules}
      rowClassName={(r) => (r.key === highlight ? 'ant-table-row-selected' : '')}
      columns={[
        { title: '计分项', dataIndex: 'label' },
        { title: '规则键', dataIndex: 'key', width: 200 },
        { title: '每次分值', dataIndex: 'points', width: 90 },
        {
          title: '全年上限',
          dataIndex: 'capPerYear',
          width: 90,
          render: (v: number | null) => (v === null ? '不限' : v),
        },
      ]}
    />
  );
}

/**
 * 积分规则: versions by the year they take effect. A new set only starts with a year that has not
 * begun, so points already earned never change; it is drafted from the set in force now.
 */
export function RuleSetsPage() {
  const [params] = useSearchParams();
  const congresses = useCongresses();
  const [cl, setCl] = useState<CongressLevel>();
  const year = Number(params.get('year')) || thisYear();
  const highlight = params.get('key');
  const sets = useApi<RuleSets>(cl ? '/api/points/rule-sets' : null, {
    congressCode: cl?.congress.code,
    year,
  });
  const now = useApi<RuleSets>(cl ? '/api/points/rule-sets' : null, {
    congressCode: cl?.congress.code,
    year: thisYear(),
  });
  const [creating, setCreating] = useState(false);
  const inForce = sets.data?.inForce;
  const stored = [...(sets.data?.items ?? [])].sort((a, b) => b.effectiveYear - a.effectiveYear);
  return (
    <>
      <Typography.Title level={3}>积分规则</Typography.Title>
      <Typography.Paragraph type="secondary">
        积分规则按年度生效；新规则只能自尚未开始的年度起施行，已经产生的积分不受影响。
      </Typography.Paragraph>
      {sets.error ? <Alert type="error" showIcon title={sets.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <CongressLevelPicker
            items={congresses.data?.items ?? []}
            value={cl}
            onChange={setCl}
            onlyPoints
            withLevel={false}
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!now.data?.inForce}
            onClick={() => setCreating(true)}
          >
            制定新年度规则
          </Button>
        </Space>
      </Card>
      {inForce ? (
        <Card
          size="small"
          style={{ marginBottom: 16 }}
          title={
            <Space>
              {year}年适用：{ruleSetName(inForce.effectiveYear)}
              {year === thisYear() ? <Tag color="green">现行</Tag> : null}
            </Space>
          }
        >
          <RuleSetSummary rules={inForce.rules} />
          <div style={{ marginTop: 8 }}>
            <RuleTable rules={inForce.rules} highlight={highlight} />
          </div>
        </Card>
      ) : null}
      <Card size="small" title="全部版本">
        {stored.length === 0 ? (
          <Typography.Text type="secondary">尚未制定本级规则，各年度使用默认积分规则。</Typography.Text>
        ) : (
          <Collapse
            items={stored.map((s) => ({
              key: s.id,
              label: (
                <Space wrap>
                  <strong>{ruleSetName(s.effectiveYear)}</strong>
                  {s.effectiveYear > thisYear() ? <Tag color="blue">待施行</Tag> : null}
                  <span style={{ color: '#8c8c8c' }}>制定于 {formatDateTime(s.createdAt)}</span>
                  {s.note ? <span>{s.note}</span> : null}
                </Space>
              ),
              children: (
                <>
                  <RuleSetSummary rules={s.rules} />
                  <div style={{ marginTop: 8 }}>
                    <RuleTable rules={s.rules} />
                  </div>
                </>
              ),
            }))}
          />
        )}
      </Card>
      {cl && now.data?.inForce ? (
        <RuleSetEditor
          open={creating}
          congressCode={cl.congress.code}
          from={now.data.inForce.rules}
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            sets.reload();
            now.reload();
          }}
        />
      ) : null}
    </>
  );
}
