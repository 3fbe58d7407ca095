import { Button, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import type { ItemsOf, PublicTownship } from '../portal/portal.types';
import { type Category, when } from './opinions.types';
import './opinions.css';

interface Disclosure {
  trackingNo: string;
  /** 已办结, as the case's congress names it. */
  stateLabel: string;
  title: string;
  description: string;
  categoryName: string | null;
  township: string | null;
  openedAt: string;
  closedAt: string | null;
  steps: Array<{ label: string; at: string }>;
  replies: Array<{
    round: number;
    departmentName: string | null;
    body: string;
    outcomeLabel: string;
    repliedAt: string;
  }>;
  satisfaction: string | null;
}
interface Page {
  total: number;
  page: number;
  pageSize: number;
  items: Disclosure[];
}

/** /public — 民意处置公开: handled cases the citizen agreed to publish, de-identified by the server. */
export function DisclosuresPage() {
  const [params, setParams] = useSearchParams();
  const category = params.get('category') ?? '';
  const township = params.get('township') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const townships = useApi<ItemsOf<PublicTownship>>('/api/public/townships');
  const cats = useApi<{ items: Category[] }>('/api/public/opinion-categories');
  const list = useApi<Page>('/api/public/disclosures', {
    ...(category ? { category } : {}),
    ...(township ? { township } : {}),
    ...(page > 1 ? { page: String(page) } : {}),
  });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <>
      <section className="portal-card">
        <h3>民意处置公开</h3>
        <p className="op-hint">已办结、且反映人同意公开的事项。个人信息已隐去。</p>
        <select
          className="portal-select"
          value={township}
          onChange={(e) => set('township', e.target.value)}
          aria-label="按街道镇筛选"
        >
          <option value="">全部街道镇</option>
          {(townships.data?.items ?? []).map((t) => (
            <option key={t.code} value={t.code}>
              {t.name}
            </option>
          ))}
        </select>
        <select
          className="portal-select"
          value={category}
          onChange={(e) => set('category', e.target.value)}
          aria-label="按问题分类筛选"
        >
          <option value="">全部分类</option>
          {(cats.data?.items ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {c.level > 1 ? '　' : ''}
              {c.name}
            </option>
          ))}
        </select>
      </section>
      <AsyncBlock state={list} isEmpty={(d) => d.items.length === 0} emptyText="暂无公开的办理结果">
        {(d) => (
          <>
            <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="公开事项">
              {d.items.map((item) => (
                <DisclosureCard key={item.trackingNo} item={item} />
              ))}
            </ul>
            <div style={{ display: 'flex', justifyContent: 'space-between', margin: '8px 0' }}>
              <Button disabled={d.page <= 1} onClick={() => set('page', String(d.page - 1))}>
                上一页
              </Button>
              <span className="op-hint">
                共 {d.total} 件 · 第 {d.page} 页
              </span>
              <Button
                disabled={d.page * d.pageSize >= d.total}
                onClick={() => set('page', String(d.page + 1))}
              >
                下一页
              </Button>
            </div>
          </>
        )}
      </AsyncBlock>
    </>
  );
}

function DisclosureCard({ item }: { item: Disclosure }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="portal-card">
      <button
        type="button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
      >
        <strong>{item.title}</strong>{' '}
        {item.satisfaction ? <Tag color="green">{item.satisfaction}</Tag> : null}
        <div className="op-hint">
          {item.trackingNo}
          {item.categoryName ? ` · ${item.categoryName}` : ''}
          {item.township ? ` · ${item.township}` : ''}
          {item.closedAt ? ` · ${when(item.closedAt)}${item.stateLabel}` : ''}
        </div>
      </button>
      {open ? (
        <>
          <p>{item.description}</p>
          {item.replies.map((r) => (
            <section key={r.round} className="op-reply" aria-label={`第${r.round}次答复`}>
              <strong>
                {item.replies.length > 1 ? `第 ${r.round} 次答复` : '答复'}（{r.outcomeLabel}）
                {r.departmentName ? ` · ${r.departmentName}` : ''}
              </strong>
              <p style={{ margin: 0 }}>{r.body}</p>
              <small className="op-hint">{when(r.repliedAt)}</small>
            </section>
          ))}
          <ol className="op-steps" aria-label="办理过程">
            {item.steps.map((s) => (
              <li key={`${s.at}-${s.label}`}>
                {s.label}
                <small>{when(s.at)}</small>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </li>
  );
}
