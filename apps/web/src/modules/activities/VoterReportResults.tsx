import { Button, Empty, List, Progress, Space, Statistic, Tag } from 'antd';
import { RATINGS, type VoterComment, type VoterReportResultsData } from './VoterReportTypes';

const colors = { satisfied: 'green', basically_satisfied: 'blue', dissatisfied: 'red' } as const;

/** Counts, satisfaction rate ((满意 + 基本满意) / 总数) and the de-identified comments of one report. */
export function VoterReportResults({
  report,
  onHide,
}: {
  report: { results: VoterReportResultsData | null; comments: VoterComment[] };
  onHide?: (ratingId: string) => void;
}) {
  const r = report.results;
  if (!r || r.total === 0) return <Empty description="暂无选民评议" />;
  return (
    <>
      <Space size="large" wrap style={{ marginBottom: 12 }}>
        <Statistic title="评议人数" value={r.total} />
        <Statistic title="满意率（满意+基本满意）" value={r.satisfactionRate ?? 0} suffix="%" />
        {RATINGS.map((x) => (
          <Statistic key={x.value} title={x.label} value={r.counts[x.value]} />
        ))}
      </Space>
      <Progress
        percent={r.satisfactionRate ?? 0}
        success={{ percent: Math.round((r.counts.satisfied * 1000) / r.total) / 10 }}
        aria-label="满意率"
      />
      <List
        header="选民意见（已去除个人信息）"
        size="small"
        dataSource={report.comments}
        locale={{ emptyText: '没有留言' }}
        renderItem={(c) => (
          <List.Item
            actions={
              onHide && c.id && !c.hidden
                ? [
                    <Button key="hide" size="small" type="link" onClick={() => onHide(c.id!)}>
                      屏蔽
                    </Button>,
                  ]
                : undefined
            }
          >
            <Space wrap>
              <Tag color={colors[c.rating]}>{c.ratingLabel}</Tag>
              <span style={c.hidden ? { textDecoration: 'line-through', color: '#999' } : undefined}>
                {c.comment}
              </span>
              {c.hidden ? <Tag>已屏蔽</Tag> : null}
              <span style={{ color: '#999' }}>{c.ratedAt.slice(0, 10)}</span>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
