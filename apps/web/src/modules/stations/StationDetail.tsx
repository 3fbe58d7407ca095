import { ArrowLeftOutlined, CalendarOutlined } from '@ant-design/icons';
import { Alert, Card, Space, Tabs, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { BasicTab } from './BasicTab';
import { ChecklistTab } from './ChecklistTab';
import { DeputiesTab } from './DeputiesTab';
import { PlansTab } from './PlansTab';
import { StaffTab } from './StaffTab';
import { StarsTab } from './StarsTab';
import type { StationDetail } from './stations.types';

const CN_COUNT = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 九有 / 八有 after the size of the congress's checklist; anything else is just 建设标准. */
function checklistTitle(total: number): string {
  return total >= 1 && total <= 10 ? `${CN_COUNT[total]}有` : '建设标准';
}

export function StationDetailView({ id }: { id: string }) {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'basic';
  const station = useApi<StationDetail>(`/api/stations/${encodeURIComponent(id)}`);

  return (
    <>
      <Link to="/console/stations">
        <ArrowLeftOutlined /> 返回家站点列表
      </Link>
      <AsyncBlock state={station}>
        {(s) => (
          <>
            <Space align="center" wrap style={{ margin: '12px 0' }}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {s.name}
              </Typography.Title>
              <Tag color="red">{s.kindLabel}</Tag>
              <Tag>{s.basisLabel}</Tag>
              {s.active ? <Tag color="green">运行中</Tag> : <Tag>已停用</Tag>}
            </Space>
            <Typography.Paragraph type="secondary">
              {s.townshipName ?? s.jurisdictionName} · {s.address}
            </Typography.Paragraph>
            <Alert
              type="info"
              showIcon
              icon={<CalendarOutlined />}
              style={{ marginBottom: 16 }}
              title={
                <span>
                  接待日规则、轮值代表和群众预约在“接待日与预约”中管理：{' '}
                  <Link to={`/console/receptions?station=${encodeURIComponent(s.id)}`}>
                    打开本站的接待日与预约
                  </Link>
                  {' · '}
                  <a
                    href={`/api/stations/${encodeURIComponent(s.id)}/poster.pdf`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    下载海报（PDF，含二维码）
                  </a>
                  {' · '}
                  <a
                    href={`/api/public/qr/station/${encodeURIComponent(s.publicCode)}.png`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    二维码图片
                  </a>
                </span>
              }
            />
            <Card>
              <Tabs
                activeKey={tab}
                onChange={(key) => {
                  const next = new URLSearchParams(params);
                  next.set('tab', key);
                  setParams(next, { replace: true });
                }}
                items={[
                  {
                    key: 'basic',
                    label: '基本信息',
                    children: <BasicTab station={s} onSaved={station.reload} />,
                  },
                  {
                    key: 'deputies',
                    label: `进站代表（${s.deputies.length}）`,
                    children: <DeputiesTab station={s} onSaved={station.reload} />,
                  },
                  {
                    key: 'staff',
                    label: `联络员（${s.staff.length}）`,
                    children: <StaffTab station={s} onSaved={station.reload} />,
                  },
                  {
                    key: 'checklist',
                    label: `${checklistTitle(s.checklist.total)}（${s.checklist.met}/${s.checklist.total}）`,
                    children: <ChecklistTab stationId={s.id} onChanged={station.reload} />,
                  },
                  { key: 'plans', label: '年度计划', children: <PlansTab stationId={s.id} /> },
                  { key: 'stars', label: '星级', children: <StarsTab stationId={s.id} /> },
                ]}
              />
            </Card>
          </>
        )}
      </AsyncBlock>
    </>
  );
}
