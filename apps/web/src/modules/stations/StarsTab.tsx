import { Alert, Card, Rate, Select, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { todayInChina } from './ChecklistTab';
import { EvidenceLink } from './EvidenceLink';
import type { StarItem, StarsResponse } from './stations.types';

export function starText(stars: number): string {
  return stars > 0 ? `${stars} 星` : '未评星';
}

function valueText(i: StarItem): string {
  return i.value === null ? '无数据' : `${i.value}${i.unit}`;
}

function targetText(i: StarItem): string {
  return i.better === 'lower' ? `≤ ${i.target}${i.unit}` : `${i.target}${i.unit}`;
}

/** 星级: computed stars with the published formula and, for every item, what was counted. */
export function StarsTab({ stationId }: { stationId: string }) {
  const thisYear = Number(todayInChina().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const stars = useApi<StarsResponse>(`/api/stations/${encodeURIComponent(stationId)}/stars`, { year });

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text>评定年度</Typography.Text>
        <Select
          aria-label="评定年度"
          value={year}
          onChange={setYear}
          options={[thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y} 年` }))}
        />
      </Space>
      <AsyncBlock state={stars}>
        {(r) => (
          <>
            <Space size={48} align="center" style={{ marginBottom: 16 }} wrap>
              <Space orientation="vertical" size={0}>
                <Rate disabled value={r.stars} aria-label="星级" />
                <Typography.Title level={4} style={{ margin: 0 }} aria-label="星级结果">
                  {starText(r.stars)}
                </Typography.Title>
              </Space>
              <Statistic title="得分" value={r.score} suffix="/ 100" />
            </Space>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="评定公式（自动计算，不可手工填写）"
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>
                    {r.formula.description}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">
                    一星至五星分数线：{r.formula.thresholds.join(' / ')} 分；公式来源：
                    {r.formula.from ? `${r.formula.from.name}设定` : '平台默认'}
                  </Typography.Text>
                </>
              }
            />
            <Table<StarItem>
              rowKey="metric"
              dataSource={r.items}
              pagination={false}
              scroll={{ x: 900 }}
              expandable={{
                rowExpandable: (i) => (i.evidence.items?.length ?? 0) > 0,
                expandedRowRender: (i) => <EvidenceList item={i} />,
              }}
              columns={[
                { title: '评分项', dataIndex: 'label' },
                { title: '实际值', key: 'value', render: (_, i) => valueText(i) },
                { title: '满分目标', key: 'target', render: (_, i) => targetText(i) },
                { title: '分值', dataIndex: 'weight', align: 'right' },
                {
                  title: '得分',
                  dataIndex: 'points',
                  align: 'right',
                  render: (p: number) => <Typography.Text strong>{p}</Typography.Text>,
                },
                {
                  title: '依据',
                  key: 'evidence',
                  render: (_, i) => (
                    <Space orientation="vertical" size={0}>
                      <span>{i.evidence.summary}</span>
                      {i.evidence.link ? (
                        <EvidenceLink href={i.evidence.link}>查看计入的记录</EvidenceLink>
                      ) : null}
                    </Space>
                  ),
                },
              ]}
            />
          </>
        )}
      </AsyncBlock>
    </>
  );
}

function EvidenceList({ item }: { item: StarItem }) {
  return (
    <Card size="small" title={`${item.label}：计入的记录`}>
      <ul style={{ margin: 0, paddingLeft: 20 }} aria-label={`${item.label}的依据`}>
        {(item.evidence.items ?? []).map((e, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: evidence lines have no id and never reorder.
          <li key={n}>
            {e.date ? <Typography.Text type="secondary">{e.date} </Typography.Text> : null}
            {e.link ? <EvidenceLink href={e.link}>{e.label}</EvidenceLink> : e.label}
          </li>
        ))}
      </ul>
    </Card>
  );
}
