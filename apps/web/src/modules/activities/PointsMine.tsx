import { TrophyOutlined } from '@ant-design/icons';
import { Card, Select, Space } from 'antd';
import { useState } from 'react';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { useMyCongress } from './ActivitiesMine';
import { type DeputyPoints, thisYear } from './activities.types';
import { PointsDetail } from './PointsDetail';
import { yearOptions } from './PointsPage';

/** 我的积分 (workbench): my points with the formula, every line's evidence and rule. */
export function PointsMine() {
  const { congress, picker } = useMyCongress();
  const [year, setYear] = useState(thisYear());
  const p = useApi<DeputyPoints>(congress ? '/api/points/deputy' : null, {
    congressCode: congress?.code,
    year,
  });
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          <TrophyOutlined />
          我的积分
        </Space>
      }
      extra={
        <Space>
          {picker}
          <Select
            aria-label="积分年度"
            size="small"
            value={year}
            onChange={setYear}
            options={yearOptions()}
          />
        </Space>
      }
    >
      <AsyncBlock state={p}>{(d) => <PointsDetail p={d} />}</AsyncBlock>
    </Card>
  );
}
