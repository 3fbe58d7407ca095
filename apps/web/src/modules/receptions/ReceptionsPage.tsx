import { Alert, Card, Empty, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../shared/useApi';
import { useScope } from '../console/scope';
import { DayBookingsPanel } from './DayBookingsPanel';
import { DaysPanel } from './DaysPanel';
import { RulesPanel } from './RulesPanel';
import type { ItemsOf, ManagedStation } from './receptions.types';

/** 接待与预约 (console): a station's schedule rules and rota, its upcoming days, and a day's bookings. */
export function ReceptionsPage() {
  const { scope } = useScope();
  const [params, setParams] = useSearchParams();
  const stations = useApi<ItemsOf<ManagedStation>>('/api/receptions/stations', { scope: scope.code });
  const items = stations.data?.items ?? [];
  const stationId = params.get('station') ?? items[0]?.id ?? '';
  const station = items.find((s) => s.id === stationId) ?? (params.get('station') ? undefined : items[0]);
  const tab = params.get('tab') ?? 'days';
  const [day, setDay] = useState<string | null>(null);

  const update = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged, { replace: true });
  };

  return (
    <>
      <Typography.Title level={3}>接待与预约</Typography.Title>
      {stations.error ? <Alert type="error" showIcon title={stations.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>联络站</span>
          <Select
            aria-label="选择联络站"
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 320 }}
            loading={stations.loading}
            value={station?.id}
            placeholder="请选择联络站"
            options={items.map((s) => ({ value: s.id, label: `${s.name}（${s.kindLabel}）` }))}
            onChange={(v: string) => {
              setDay(null);
              update({ station: v });
            }}
          />
          {station ? (
            <Typography.Text type="secondary">
              群众预约链接：
              <Typography.Link href={`/s/${station.publicCode}/book`} target="_blank" copyable>
                {`${window.location.origin}/s/${station.publicCode}/book`}
              </Typography.Link>
            </Typography.Text>
          ) : null}
        </Space>
      </Card>
      {!station ? (
        stations.loading ? null : (
          <Empty description="辖区内暂无可管理的联络站" />
        )
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k })}
          items={[
            {
              key: 'days',
              label: '接待日安排',
              children: (
                <DaysPanel
                  stationId={station.id}
                  onOpenDay={(d) => {
                    setDay(d);
                    update({ tab: 'bookings' });
                  }}
                />
              ),
            },
            { key: 'rules', label: '接待规则与轮值', children: <RulesPanel stationId={station.id} /> },
            {
              key: 'bookings',
              label: '预约与签到',
              children: <DayBookingsPanel stationId={station.id} day={day} onDayChange={setDay} />,
            },
          ]}
        />
      )}
    </>
  );
}
