import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Input,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type Query, withQuery } from '../../api';
import { useApi } from '../../shared/useApi';
import { grantScopes } from '../console/scope';
import { useMe } from '../console/session';
import { JurisdictionTreeSelect } from '../jurisdictions/JurisdictionTreeSelect';
import { useStateNames } from './config/useStateNames';
import { OpinionDrawer } from './OpinionDrawer';
import { type Category, day, type OpinionRow, type Page } from './opinions.types';

type Kind = 'collected' | 'assigned' | 'closed';
const TITLES: Record<Kind, string> = { collected: '问题清单', assigned: '交办清单', closed: '办结清单' };

/** States each ledger can be narrowed to (the 交办清单 holds every case from 交办 on). */
const STATES: Record<Kind, Array<{ value: string; label: string }>> = {
  collected: [
    { value: 'submitted', label: '待受理' },
    { value: 'accepted', label: '已受理' },
    { value: 'assigned', label: '已交办' },
    { value: 'in_progress', label: '办理中' },
    { value: 'replied', label: '已答复待评价' },
    { value: 'staff_review', label: '不满意待审核' },
    { value: 'closed', label: '已办结' },
    { value: 'rejected', label: '不予受理' },
    { value: 'merged', label: '已合并' },
  ],
  assigned: [
    { value: 'assigned', label: '已交办' },
    { value: 'in_progress', label: '办理中' },
    { value: 'replied', label: '已答复待评价' },
    { value: 'staff_review', label: '不满意待审核' },
    { value: 'closed', label: '已办结' },
  ],
  closed: [
    { value: 'closed', label: '已办结' },
    { value: 'rejected', label: '不予受理' },
    { value: 'merged', label: '已合并' },
  ],
};

interface LedgerRow extends OpinionRow {
  dueAt?: string | null;
  repliedAt?: string | null;
  answeredOnTime?: boolean | null;
  timelinessLabel?: string | null;
}

/** The filter keys kept in the address, so a filtered ledger can be shared as a link. */
const FILTER_KEYS = ['categoryCode', 'departmentId', 'from', 'to', 'scope', 'state', 'overdue', 'q'] as const;

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

function categoryTree(items: Category[]): TreeNode[] {
  const nodes = new Map(
    items.map((c) => [c.code, { value: c.code, title: c.name, children: [] as TreeNode[] }]),
  );
  const roots: TreeNode[] = [];
  for (const c of items) {
    const parent = c.parentCode ? nodes.get(c.parentCode) : undefined;
    (parent ? parent.children : roots).push(nodes.get(c.code)!);
  }
  return roots;
}

/** 民意台账: 问题清单 / 交办清单 / 办结清单 with the full filter bar, shareable, exportable in full. */
export function LedgersPage() {
  const [params, setParams] = useSearchParams();
  const kind = (
    ['collected', 'assigned', 'closed'].includes(params.get('kind') ?? '') ? params.get('kind') : 'collected'
  ) as Kind;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const filters: Query = Object.fromEntries(
    FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
  );
  const [open, setOpen] = useState<string | null>(null);
  const [keyword, setKeyword] = useState(params.get('q') ?? '');
  useEffect(() => setKeyword(params.get('q') ?? ''), [params]);

  /** Changes some filters (empty removes them) and goes back to page 1. */
  const update = (patch: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const list = useApi<Page<LedgerRow>>(`/api/opinions/ledgers/${kind}`, { ...filters, page, pageSize: 20 });
  const categories = useApi<{ items: Category[] }>('/api/opinions/categories');
  const units = useApi<{ items: Array<{ id: string; name: string }> }>('/api/opinions/departments');
  const tree = useMemo(() => categoryTree(categories.data?.items ?? []), [categories.data]);
  const roots = grantScopes(useMe());
  const scope = params.get('scope')
    ? { code: params.get('scope')!, name: params.get('scopeName') ?? params.get('scope')! }
    : null;
  const stateNames = useStateNames('opinions', scope?.code);
  const total = list.data ? `${list.data.total}${list.data.totalIsLowerBound ? '+' : ''}` : '…';
  const exportHref = withQuery(`/api/opinions/ledgers/${kind}/export`, filters);

  return (
    <>
      <Select
        aria-label="台账"
        style={{ width: 160, float: 'right' }}
        value={kind}
        onChange={(v) => update({ kind: v, state: null })}
        options={Object.entries(TITLES).map(([value, label]) => ({ value, label }))}
      />
      <Typography.Title level={3}>台账 · {TITLES[kind]}</Typography.Title>
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <TreeSelect
            aria-label="问题分类"
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder="全部分类"
            style={{ width: 200 }}
            popupMatchSelectWidth={false}
            treeData={tree}
            value={params.get('categoryCode') ?? undefined}
            onChange={(v?: string) => update({ categoryCode: v })}
          />
          <Select
            aria-label="承办单位"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部承办单位"
            style={{ width: 220 }}
            value={params.get('departmentId') ?? undefined}
            onChange={(v?: string) => update({ departmentId: v })}
            options={(units.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
          <DatePicker.RangePicker
            aria-label="提交日期"
            placeholder={['提交日期自', '至']}
            value={[
              params.get('from') ? dayjs(params.get('from')) : null,
              params.get('to') ? dayjs(params.get('to')) : null,
            ]}
            onChange={(v) =>
              update({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })
            }
          />
          <Space.Compact>
            <JurisdictionTreeSelect
              ariaLabel="街镇/社区"
              roots={roots}
              value={scope}
              onChange={(s) => update({ scope: s.code, scopeName: s.name })}
              style={{ width: 220 }}
            />
            {scope ? (
              <Button aria-label="清除辖区" onClick={() => update({ scope: null, scopeName: null })}>
                全部辖区
              </Button>
            ) : null}
          </Space.Compact>
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 150 }}
            value={params.get('state') ?? undefined}
            onChange={(v?: string) => update({ state: v })}
            options={STATES[kind].map((o) => ({ ...o, label: stateNames.get(o.value) ?? o.label }))}
          />
          {kind !== 'closed' ? (
            <Checkbox
              checked={params.get('overdue') === '1'}
              onChange={(e) => update({ overdue: e.target.checked ? '1' : null })}
            >
              仅看超期
            </Checkbox>
          ) : null}
          <Input.Search
            aria-label="关键词"
            allowClear
            placeholder="关键词或受理编号，如：加装电梯"
            style={{ width: 260 }}
            maxLength={100}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || null })}
          />
          <Button
            disabled={Object.keys(filters).length === 0}
            onClick={() => setParams(new URLSearchParams({ kind }))}
          >
            清空筛选
          </Button>
        </Space>
        <div style={{ marginTop: 12 }}>
          <Space wrap>
            <Button type="primary" href={exportHref} disabled={!list.data || list.data.total === 0}>
              导出 Excel（{total} 件）
            </Button>
            <Typography.Text type="secondary">
              导出当前筛选条件下的全部事项，不截断；事项较多时生成需要一些时间，可先按分类、日期或辖区缩小范围。
            </Typography.Text>
          </Space>
        </div>
      </Card>
      <Table<LedgerRow>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: (p) => update({ page: String(p) }),
          showSizeChanger: false,
          showTotal: () => `共 ${total} 件`,
        }}
        columns={[
          { title: '受理编号', dataIndex: 'trackingNo', width: 170 },
          { title: '标题', dataIndex: 'title' },
          {
            title: '状态',
            dataIndex: 'stateLabel',
            width: 140,
            render: (v: string, r) => (
              <>
                <Tag color={r.overdue ? 'red' : 'blue'}>{v}</Tag>
                {r.supervisionLevel ? <Tag color="volcano">{r.supervisionLevel}级督办</Tag> : null}
              </>
            ),
          },
          { title: '分类', dataIndex: 'categoryName', width: 110 },
          {
            title: '街镇/社区',
            dataIndex: 'township',
            width: 150,
            render: (v: string | null, r) => [v, r.community].filter(Boolean).join(' / '),
          },
          ...(kind === 'collected'
            ? [{ title: '来源', dataIndex: 'channelLabel', width: 100 }]
            : [
                { title: '承办单位', dataIndex: 'departmentName', width: 170 },
                {
                  title: '交办日期',
                  dataIndex: 'assignedAt',
                  width: 110,
                  render: (v: string | null) => day(v),
                },
                { title: '答复期限', dataIndex: 'dueAt', width: 110, render: (v: string | null) => day(v) },
                {
                  title: '答复日期',
                  dataIndex: 'repliedAt',
                  width: 110,
                  render: (v: string | null) => day(v),
                },
                {
                  title: '是否按期',
                  dataIndex: 'timelinessLabel',
                  width: 120,
                  render: (v: string | null, r: LedgerRow) =>
                    v ? (
                      <Tag color={r.answeredOnTime === false || v === '已超期未答复' ? 'red' : 'green'}>
                        {v}
                      </Tag>
                    ) : null,
                },
              ]),
          ...(kind === 'closed'
            ? [
                { title: '办理结果', dataIndex: 'outcomeLabel', width: 100 },
                { title: '满意度', dataIndex: 'ratingLabel', width: 100 },
              ]
            : []),
          { title: '提交日期', dataIndex: 'openedAt', width: 110, render: (v: string) => day(v) },
        ]}
      />
      <OpinionDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
    </>
  );
}
