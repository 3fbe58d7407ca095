import { Button, Tag } from 'antd';
import { useState } from 'react';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import '../opinions/opinions.css';

interface Published {
  id: string;
  registerNo: string | null;
  title: string;
  body: string;
  category: string;
  deputyName: string | null;
  stateLabel: string;
  leadUnit: string | null;
  jointUnits: string[];
  answerCategory: string | null;
  answerCategoryLabel: string | null;
  answer: string | null;
  answeredOn: string | null;
  promisedOn: string | null;
  attitudeLabel: string | null;
  resultLabel: string | null;
  publishedOn: string;
}

/** /suggestions — 代表建议办理结果公开 (代表法第五十一条). */
export function PublicSuggestionsPage() {
  const [page, setPage] = useState(1);
  const list = useApi<{ total: number; pageSize: number; items: Published[] }>(
    '/api/public/suggestions',
    page > 1 ? { page } : {},
  );
  return (
    <section className="portal-card">
      <h3>代表建议办理结果公开</h3>
      <p className="op-hint">代表建议、承办单位、答复类别与答复内容、代表测评结果。</p>
      <AsyncBlock state={list}>
        {(data) => (
          <>
            {data.items.length === 0 ? <p>暂无公开的办理结果。</p> : null}
            {data.items.map((s) => (
              <article key={s.id} className="portal-card" aria-label={s.title}>
                <h4>{s.title}</h4>
                <p className="op-hint">
                  {s.registerNo} · {s.deputyName}代表 · {s.category}
                </p>
                <p>{s.body}</p>
                <p>
                  主办：{s.leadUnit ?? '—'}
                  {s.jointUnits.length ? `；会办：${s.jointUnits.join('、')}` : ''}
                </p>
                {s.answer ? (
                  <p>
                    <Tag color="green">
                      {s.answerCategory}类 {s.answerCategoryLabel}
                    </Tag>
                    {s.answer}
                    {s.promisedOn ? `（承诺 ${s.promisedOn} 前完成）` : ''}
                  </p>
                ) : null}
                {s.attitudeLabel ? (
                  <p className="op-hint">
                    代表测评：办理态度{s.attitudeLabel}，办理结果{s.resultLabel}
                  </p>
                ) : null}
              </article>
            ))}
            {data.total > page * data.pageSize ? (
              <Button onClick={() => setPage(page + 1)}>下一页</Button>
            ) : null}
            {page > 1 ? <Button onClick={() => setPage(page - 1)}>上一页</Button> : null}
          </>
        )}
      </AsyncBlock>
    </section>
  );
}
