import { Alert, Card, Table, Tabs, Typography } from 'antd';
import { useApi } from '../../shared/useApi';
import type { ListEntry, PointLists } from './activities.types';
import { Formula } from './PointsDetail';
import { usePointsScope } from './PointsPage';

function EntryTable({ rows, empty }: { rows: ListEntry[]; empty: string }) {
  return (
    <Table<ListEntry>
      rowKey="deputyId"
      size="small"
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: empty }}
      columns={[
        { title: '代表', dataIndex: 'name', width: 110 },
        { title: '积分', dataIndex: 'total', width: 80 },
        { title: '计算方法', dataIndex: 'formula', render: (f: string) => <Formula text={f} /> },
      ]}
    />
  );
}

/** 约谈提醒 / 书面提醒 / 评优候选 (staff only): thresholds from the year's rule set, one level at a time. */
export function ListsPage() {
  const { congresses, cl, year, bar } = usePointsScope();
  const lists = useApi<PointLists>(cl?.level ? '/api/points/lists' : null, {
    congressCode: cl?.congress.code,
    level: cl?.level,
    year,
  });
  const d = lists.data;
  return (
    <>
      <Typography.Title level={3}>约谈与评优</Typography.Title>
      <Typography.Paragraph type="secondary">
        名单仅供人大工作人员掌握情况、开展谈话提醒和评优推荐，不对外公开。
      </Typography.Paragraph>
      {congresses.error ? <Alert type="error" showIcon title={congresses.error.message} /> : null}
      {lists.error ? <Alert type="error" showIcon title={lists.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>{bar}</Card>
      {d ? (
        <Tabs
          items={[
            {
              key: 'talk',
              label: `约谈提醒（${d.talk.length}）`,
              children: (
                <>
                  <Typography.Paragraph type="secondary">
                    积分低于 {d.talkBelow} 分的代表。
                  </Typography.Paragraph>
                  <EntryTable rows={d.talk} empty="没有低于约谈线的代表" />
                </>
              ),
            },
            {
              key: 'warning',
              label: `书面提醒（${d.warning.length}）`,
              children: (
                <>
                  <Typography.Paragraph type="secondary">
                    {d.year - 1}年、{d.year}年连续两年低于约谈线的代表。
                  </Typography.Paragraph>
                  <EntryTable rows={d.warning} empty="没有连续两年低于约谈线的代表" />
                </>
              ),
            },
            {
              key: 'honours',
              label: `评优候选（${d.honours.length}）`,
              children: (
                <>
                  <Typography.Paragraph type="secondary">
                    积分达到 {d.honourFrom} 分的代表。
                  </Typography.Paragraph>
                  <EntryTable rows={d.honours} empty="暂无达到评优线的代表" />
                </>
              ),
            },
          ]}
        />
      ) : null}
    </>
  );
}
