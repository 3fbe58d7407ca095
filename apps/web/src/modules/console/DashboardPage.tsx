import { levelLabels } from '@lianxin/contracts';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Navigate } from 'react-router-dom';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { useScope } from './scope';
import { hasAnyRole, useMe } from './session';

type JurisdictionLevel = keyof typeof levelLabels;

interface DashboardSummary {
  scope: { code: string; name: string; level: JurisdictionLevel };
  counts: {
    townships: number;
    communities: number;
    grids: number;
    deputies: number;
    stations: number;
    departments: number;
    accounts: number;
  };
}

const cards: { key: keyof DashboardSummary['counts']; label: string }[] = [
  { key: 'townships', label: '街道/乡镇' },
  { key: 'communities', label: '社区/村' },
  { key: 'grids', label: '网格' },
  { key: 'deputies', label: '人大代表' },
  { key: 'stations', label: '代表之家/联络站' },
  { key: 'departments', label: '承办单位' },
  { key: 'accounts', label: '系统账号' },
];

export function DashboardPage() {
  const me = useMe();
  const { scope } = useScope();
  // A procuratorate's liaison has no congress overview: its screen is 公益诉讼衔接.
  const procuratorateOnly = me.grants.every((g) => g.role === 'procuratorate_liaison');
  const summary = useApi<DashboardSummary>(procuratorateOnly ? null : '/api/dashboard/summary', {
    scope: scope.code,
  });
  if (procuratorateOnly && hasAnyRole(me, ['procuratorate_liaison']))
    return <Navigate to="/console/pil" replace />;
  return (
    <>
      <Typography.Title level={3}>总览</Typography.Title>
      <AsyncBlock state={summary}>
        {(data) => (
          <>
            <Typography.Paragraph type="secondary">
              {data.scope.name}（{levelLabels[data.scope.level] ?? data.scope.level}）· 代码 {data.scope.code}
            </Typography.Paragraph>
            <Row gutter={[16, 16]}>
              {cards.map((card) => (
                <Col key={card.key} xs={12} md={8} xl={6}>
                  <Card>
                    <Statistic title={card.label} value={data.counts[card.key]} />
                  </Card>
                </Col>
              ))}
            </Row>
          </>
        )}
      </AsyncBlock>
    </>
  );
}
