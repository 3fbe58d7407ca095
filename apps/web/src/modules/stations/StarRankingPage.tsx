import { Alert, Card, Rate, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../shared/useApi';
import { useScope } from '../console/scope';
import { todayInChina } from './ChecklistTab';
import { starText } from './StarsTab';
import { stationKindLabels, stationPath } from './stations.types';

interface RankRow {
  rank: number;
  id: string;
  name: string;
  kind: string;
  townshipName: string | null;
  stars: number;
  score: number;
  items: Array<{
    metric: string;
    label: string;
    value: number | null;
    unit: string;
    points: number;
    weight: number;
  }>;
}

/** 星级排名: every active station of the jurisdiction, best first, with the points per item. */
export function StarRankingPage() {
  const { scope } = useScope();
  const thisYear = Number(todayInChina().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [kind, setKind] = useState<string>();
  const ranking = useApi<{ year: number; items: RankRow[] }>('/api/stations/ranking', {
    scope: scope.code,
    year,
    kind,
  });

  return (
    <>
      <Typography.Title level={3}>星级排名</Typography.Title>
      <Typography.Paragraph type="secondary">
        星级按公开的评定公式由平台数据自动计算；点击站点名称可查看每一项得分的依据。
      </Typography.Paragraph>
      {ranking.error ? (
        <Alert type="error" showIcon title={ranking.error.message} style={{ marginBottom: 16 }} />
      ) : null}
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Select
            aria-label="评定年度"
            value={year}
            onChange={setYear}
            options={[thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y} 年` }))}
          />
          <Select
            allowClear
            placeholder="类型"
            aria-label="类型"
            style={{ width: 170 }}
            value={kind}
            onChange={setKind}
            options={Object.entries(stationKindLabels).map(([value, label]) => ({ value, label }))}
          />
        </Space>
        <Table<RankRow>
          rowKey="id"
          loading={ranking.loading}
          dataSource={ranking.data?.items ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          scroll={{ x: 1000 }}
          columns={[
            { title: '名次', dataIndex: 'rank', width: 70 },
            {
              title: '家站点',
              dataIndex: 'name',
              render: (name: string, r) => <Link to={stationPath(r.id, 'stars')}>{name}</Link>,
            },
            {
              title: '类型',
              dataIndex: 'kind',
              render: (k: string) => <Tag>{stationKindLabels[k] ?? k}</Tag>,
            },
            { title: '所在街镇', dataIndex: 'townshipName', render: (t: string | null) => t ?? '—' },
            {
              title: '星级',
              key: 'stars',
              render: (_, r) => (
                <Space>
                  <Rate disabled value={r.stars} style={{ fontSize: 14 }} />
                  <span>{starText(r.stars)}</span>
                </Space>
              ),
            },
            { title: '得分', dataIndex: 'score', align: 'right' },
            {
              title: '各项得分',
              key: 'items',
              render: (_, r) =>
                r.items.map((i) => (
                  <Tag
                    key={i.metric}
                    title={`${i.label}：${i.value ?? '无数据'}${i.value === null ? '' : i.unit}`}
                  >
                    {i.label} {i.points}/{i.weight}
                  </Tag>
                )),
            },
          ]}
        />
      </Card>
    </>
  );
}
