import { Collapse, Empty, Tag } from 'antd';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { VoterReportResults } from './VoterReportResults';
import { reportStatusColors, type VoterComment, type VoterReport } from './VoterReportTypes';

/** 我的述职 (workbench): the deputy's reports to voters and how voters rated them. */
export function VoterReportPanel() {
  const data = useApi<{ items: Array<VoterReport & { comments: VoterComment[] }> }>(
    '/api/voter-reports/mine',
  );
  return (
    <AsyncBlock state={data}>
      {(d) =>
        d.items.length === 0 ? (
          <Empty description="暂无述职安排" />
        ) : (
          <Collapse
            size="small"
            items={d.items.map((r) => ({
              key: r.id,
              label: (
                <span>
                  {r.scheduledOn} {r.title} <Tag color={reportStatusColors[r.status]}>{r.statusLabel}</Tag>
                  {r.results && r.results.total > 0 ? `满意率 ${r.results.satisfactionRate}%` : ''}
                </span>
              ),
              children: (
                <>
                  <p>
                    {r.stationName ?? r.place} · {r.ratingStateLabel}
                    {r.closesOn ? `（截止 ${r.closesOn}）` : ''} · <a href={`/r/${r.id}`}>选民评议页面</a>
                  </p>
                  <VoterReportResults report={r} />
                </>
              ),
            }))}
          />
        )
      }
    </AsyncBlock>
  );
}
