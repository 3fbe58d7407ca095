import { ImportOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { formatDate, formatDateTime } from '../../shared/format';
import { useApi } from '../../shared/useApi';
import { hasAnyRole, useMe } from '../console/session';
import { CalendarImportModal } from './CalendarImportModal';
import type { CalendarYearDetail, CalendarYearRow, CalendarYears } from './calendar.types';
import { YearGrid } from './YearGrid';

export function CalendarPage() {
  const me = useMe();
  const canLoad = hasAnyRole(me, ['sysadmin']);
  const years = useApi<CalendarYears>('/api/calendar/years');
  const [selected, setSelected] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const detail = useApi<CalendarYearDetail>(selected === null ? null : `/api/calendar/years/${selected}`);

  useEffect(() => {
    if (selected !== null || !years.data) return;
    const thisYear = new Date().getFullYear();
    const loaded = years.data.items.map((row) => row.year);
    setSelected(loaded.includes(thisYear) ? thisYear : (loaded[loaded.length - 1] ?? null));
  }, [years.data, selected]);

  const loadedYear = (year: number) => {
    setImporting(false);
    setSelected(year);
    years.reload();
    detail.reload();
  };

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="center">
        <Typography.Title level={3}>工作日历</Typography.Title>
        {canLoad ? (
          <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            导入节假日安排
          </Button>
        ) : null}
      </Space>
      {years.data && !years.data.nextYearLoaded ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`尚未导入 ${years.data.nextYear} 年法定节假日安排，跨年期限将按周一至周五临时计算，请尽快导入`}
        />
      ) : null}
      <Card title="已导入年度" style={{ marginBottom: 16 }}>
        <Table<CalendarYearRow>
          rowKey="year"
          size="small"
          loading={years.loading}
          dataSource={years.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: years.error ? years.error.message : '尚未导入任何年度的节假日安排' }}
          onRow={(row) => ({ onClick: () => setSelected(row.year), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: '年度',
              dataIndex: 'year',
              render: (year: number) => (year === selected ? <Tag color="red">{year}</Tag> : year),
            },
            { title: '依据', dataIndex: 'source' },
            { title: '发布日期', dataIndex: 'publishedOn', render: formatDate },
            { title: '全年工作日', dataIndex: 'workingDays', render: (n: number) => `${n} 天` },
            { title: '导入时间', dataIndex: 'loadedAt', render: formatDateTime },
          ]}
        />
      </Card>
      {selected !== null ? (
        <Card
          title={
            <Space>
              <span>年度日历</span>
              <Select
                value={selected}
                onChange={setSelected}
                options={(years.data?.items ?? []).map((row) => ({
                  value: row.year,
                  label: `${row.year} 年`,
                }))}
                style={{ width: 120 }}
                aria-label="选择年度"
              />
            </Space>
          }
          extra={
            <Space>
              <Tag color="red">休 法定节假日</Tag>
              <Tag color="blue">班 调休上班</Tag>
            </Space>
          }
        >
          <AsyncBlock state={detail}>
            {(data) => (
              <>
                <Typography.Paragraph>全年工作日 {data.workingDays} 天</Typography.Paragraph>
                <YearGrid year={data.year} days={data.days} />
              </>
            )}
          </AsyncBlock>
        </Card>
      ) : null}
      {canLoad && years.data ? (
        <CalendarImportModal
          open={importing}
          defaultYear={years.data.nextYear}
          onClose={() => setImporting(false)}
          onLoaded={loadedYear}
        />
      ) : null}
    </>
  );
}
