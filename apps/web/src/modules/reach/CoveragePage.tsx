import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { FullPageSpin } from '../../shared/FullPageSpin';
import { useApi } from '../../shared/useApi';
import { useScope } from '../console/scope';
import { type AreaCoverage, type CoverageReport, distanceText, type MapConfig } from './reach.types';

const CoverageMap = lazy(() => import('./CoverageMap'));

/** 覆盖分析: the service circles of the stations, the grids they miss, the deputies with no post. */
export function CoveragePage() {
  const { scope } = useScope();
  const report = useApi<CoverageReport>('/api/coverage', { scope: scope.code });
  const config = useApi<MapConfig>('/api/public/map-config');
  return (
    <>
      <Typography.Title level={3}>覆盖分析</Typography.Title>
      <AsyncBlock state={report}>
        {(data) => (
          <>
            <Typography.Paragraph type="secondary">
              {data.scope.name} · 服务圈半径 {data.radiusMeters} 米（可在“参数设置”中按辖区调整）
            </Typography.Paragraph>
            <Summary data={data} />
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col xs={24} xl={14}>
                <Card size="small" title="站点服务圈与未覆盖网格">
                  <Suspense fallback={<FullPageSpin />}>
                    {config.data ? <CoverageMap report={data} config={config.data} /> : <FullPageSpin />}
                  </Suspense>
                  <Typography.Text type="secondary">
                    蓝点：代表之家/联络站（浅蓝圆为服务圈）；红点：服务圈外的网格
                    {config.data?.tileUrl ? '' : '。未配置地图底图，以纯色背景显示'}
                  </Typography.Text>
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Lists data={data} />
              </Col>
            </Row>
          </>
        )}
      </AsyncBlock>
    </>
  );
}

function Summary({ data }: { data: CoverageReport }) {
  const s = data.summary;
  const cards = [
    { title: '未覆盖网格', value: s.grids.uncovered, suffix: `/ ${s.grids.total}` },
    { title: '未覆盖社区/村', value: s.communities.uncovered, suffix: `/ ${s.communities.total}` },
    { title: '未分配网格或站点的代表', value: s.deputies.unassigned, suffix: `/ ${s.deputies.total}` },
    {
      title: '在用站点',
      value: s.stations.total,
      suffix: s.stations.noLocation ? `（${s.stations.noLocation} 个无坐标）` : '',
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col key={c.title} xs={12} md={6}>
          <Card size="small">
            <Statistic title={c.title} value={c.value} suffix={c.suffix} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

const areaColumns = (parentTitle: string) => [
  { title: '名称', dataIndex: 'name', key: 'name' },
  { title: parentTitle, dataIndex: 'parentName', key: 'parentName' },
  {
    title: '最近站点',
    key: 'nearest',
    render: (_: unknown, a: AreaCoverage) =>
      a.nearestStation ? `${a.nearestStation.name}（${distanceText(a.distanceMeters)}）` : '无',
  },
];

function Lists({ data }: { data: CoverageReport }) {
  const township = data.scope.level === 'township';
  return (
    <Card size="small">
      {data.summary.grids.noLocation > 0 ? (
        <Alert type="info" showIcon title={`${data.summary.grids.noLocation} 个网格没有坐标，未参与分析`} />
      ) : null}
      <Tabs
        items={[
          {
            key: 'grids',
            label: `未覆盖网格（${data.uncoveredGrids.length}）`,
            children: (
              <Table
                aria-label="未覆盖网格"
                size="small"
                rowKey="code"
                columns={areaColumns('所属社区')}
                dataSource={data.uncoveredGrids}
                pagination={{ pageSize: 10, showSizeChanger: false }}
              />
            ),
          },
          {
            key: 'communities',
            label: `未覆盖社区（${data.uncoveredCommunities.length}）`,
            children: (
              <Table
                size="small"
                rowKey="code"
                columns={areaColumns('所属街道镇')}
                dataSource={data.uncoveredCommunities}
                pagination={{ pageSize: 10, showSizeChanger: false }}
              />
            ),
          },
          {
            key: 'deputies',
            label: `未分配代表（${data.unassignedDeputies.length}）`,
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {township ? (
                  <Button href={`/api/deputies/cards.pdf?township=${data.scope.code}`} target="_blank">
                    打印本街道镇全部代表联系卡
                  </Button>
                ) : null}
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={data.unassignedDeputies}
                  pagination={{ pageSize: 10, showSizeChanger: false }}
                  columns={[
                    { title: '姓名', dataIndex: 'name', key: 'name' },
                    { title: '代表身份', dataIndex: 'levelLabel', key: 'levelLabel' },
                    {
                      title: '联系卡',
                      key: 'card',
                      render: (_: unknown, d: { id: string }) => (
                        <a href={`/api/deputies/${d.id}/card.pdf`} target="_blank" rel="noreferrer">
                          PDF
                        </a>
                      ),
                    },
                  ]}
                />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
