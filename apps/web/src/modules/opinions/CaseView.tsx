import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import { type PublicCase, when } from './opinions.types';

/** The public view of a case (follow page, 我的): steps with dates and the answers — no personal data. */
export function CaseView({ c }: { c: PublicCase }) {
  return (
    <>
      <h3>
        {c.title} <Tag color={c.phase === 'closed' ? 'default' : 'red'}>{c.stateLabel}</Tag>
      </h3>
      <p className="op-hint">
        受理编号 {c.trackingNo}
        {c.categoryName ? ` · ${c.categoryName}` : ''}
        {c.township ? ` · ${c.township}` : ''}
        {c.deputyName ? ` · 反映给：${c.deputyName}代表` : ''}
        {c.stationName ? ` · ${c.stationName}` : ''}
      </p>
      <p>{c.description}</p>
      {c.departmentName ? <p className="op-hint">承办单位：{c.departmentName}</p> : null}
      {c.mergedInto ? (
        <section className="op-reply" aria-label="合并办理">
          <strong>
            已与同类问题合并办理（主办事项 {c.mergedInto.trackingNo}，{c.mergedInto.stateLabel}）
          </strong>
          {c.mergedInto.replies.map((r) => (
            <p key={r.round} style={{ margin: '4px 0' }}>
              答复（{r.outcomeLabel}，{when(r.repliedAt)}）：{r.body}
            </p>
          ))}
          <ol className="op-steps">
            {c.mergedInto.steps.map((s) => (
              <li key={`${s.at}-${s.label}`}>
                {s.label} → {s.stateLabel}
                <small>{when(s.at)}</small>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {c.suggestions?.length ? (
        <section className="op-reply" aria-label="转为代表建议">
          {c.suggestions.map((s) => (
            <p key={`${s.registerNo}-${s.stateLabel}`} style={{ margin: 0 }}>
              代表已将此意见转为代表建议{s.registerNo ? `（${s.registerNo}）` : ''}，{s.stateLabel}
              {s.publishedId ? (
                <>
                  ，<Link to="/suggestions">查看办理结果公开</Link>
                </>
              ) : null}
            </p>
          ))}
        </section>
      ) : null}
      {c.progress.length ? (
        <section aria-label="办理进度">
          <strong>办理进度</strong>
          <ul className="op-steps">
            {c.progress.map((p) => (
              <li key={p.at}>
                {p.body}
                <small>{when(p.at)}</small>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {c.replies.map((r) => (
        <section key={r.round} className="op-reply" aria-label={`第${r.round}次答复`}>
          <strong>
            {c.replies.length > 1 ? `第 ${r.round} 次答复` : '答复'}（{r.outcomeLabel}）
          </strong>
          <p style={{ margin: 0 }}>{r.body}</p>
          <small className="op-hint">{when(r.repliedAt)}</small>
        </section>
      ))}
      <ol className="op-steps" aria-label="办理过程">
        {c.steps.map((s) => (
          <li key={`${s.at}-${s.label}`}>
            {s.label} → {s.stateLabel}
            {s.note ? `：${s.note}` : ''}
            <small>{when(s.at)}</small>
          </li>
        ))}
      </ol>
    </>
  );
}
