import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, errorText, withQuery } from '../../api';
import { useApi } from '../../shared/useApi';
import { ReportTags } from './ReportTags';
import { SuggestionDrawer } from './SuggestionDrawer';
import { day, type Page, type SuggestionRow } from './suggestions.types';

interface Props {
  title: string;
  /** Which list: staff review and assignment, deadlines board, a unit's inbox, a deputy's own. */
  source: 'review' | 'deadlines' | 'department' | 'deputy' | 'followUp';
}

const STATES = [
  { value: 'submitted', label: '待审查' },
  { value: 'registered', label: '待交办' },
  { value: 'assigned', label: '办理中' },
  { value: 'rehandling', label: '重新办理' },
  { value: 'answered', label: '待测评' },
  { value: 'follow_up', label: '跟踪落实' },
  { value: 'closed', label: '已办结' },
  { value: 'letter', label: '转来信' },
];

/** The one list behind 建议审查交办, 期限看板, 承办建议, 我的建议 and 回头看. */
export function SuggestionList({ title, source }: Props) {
  const [state, setState] = useState<string | undefined>(source === 'review' ? 'submitted' : undefined);
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  // A link from another screen (e.g. the opinion a suggestion was drawn from) opens ?open=<id>.
  const [params] = useSearchParams();
  const [open, setOpen] = useState<string | null>(params.get('open'));
  useEffect(() => {
    if (params.get('open')) setOpen(params.get('open'));
  }, [params]);
  const [selected, setSelected] = useState<string[]>([]);
  const [assigning, setAssigning] = useState(false);
  const query = {
    page,
    pageSize: 20,
    ...(state ? { state } : {}),
    ...(q ? { q } : {}),
    ...(overdue ? { overdue: 1 } : {}),
    ...(source === 'department' || source === 'deputy' ? { view: source } : {}),
    ...(source === 'followUp' ? { followUp: 1 } : {}),
  };
  const list = useApi<Page<SuggestionRow>>(
    source === 'deadlines' ? '/api/suggestions/deadlines' : '/api/suggestions',
    query,
  );
  const canAssign = source === 'review' && state === 'registered';
  // 并案: suggestions on one matter, submitted or registered, handled together under the first picked.
  const canGroup = source === 'review' && (state === 'submitted' || state === 'registered');
  const { message } = App.useApp();
  const group = async () => {
    try {
      const r = await api.post<{ count: number }>('/api/suggestions/group', {
        mainId: selected[0],
        ids: selected.slice(1),
      });
      message.success(`已并案 ${r.count} 件，交办时将一并交办`);
      setSelected([]);
      list.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <>
      <Typography.Title level={3}>{title}</Typography.Title>
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            aria-label="状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 150 }}
            value={state}
            onChange={(v) => {
              setState(v);
              setPage(1);
              setSelected([]);
            }}
            options={STATES}
          />
          {source === 'deadlines' ? (
            <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
              只看超期
            </Checkbox>
          ) : null}
          <Input.Search
            aria-label="关键词"
            allowClear
            placeholder="标题关键词"
            style={{ width: 240 }}
            maxLength={100}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
          {canGroup ? (
            <Button disabled={selected.length < 2} onClick={group}>
              并案办理（{selected.length}）
            </Button>
          ) : null}
          {canAssign ? (
            <Button type="primary" disabled={selected.length === 0} onClick={() => setAssigning(true)}>
              批量交办（{selected.length}）
            </Button>
          ) : null}
          {source === 'review' ? (
            <Button href={withQuery('/api/suggestions/ledger/export', q ? { q } : {})}>导出台账</Button>
          ) : null}
          <Button onClick={list.reload}>刷新</Button>
        </Space>
      </Card>
      <Table<SuggestionRow>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        rowSelection={
          canAssign || canGroup
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }
            : undefined
        }
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: '立案号',
            dataIndex: 'registerNo',
            width: 210,
            render: (v: string | null, r) => v ?? r.trackingNo,
          },
          // Never narrower than a readable title: the table scrolls sideways on small screens instead.
          { title: '标题', dataIndex: 'title', width: 260 },
          {
            title: '状态',
            dataIndex: 'stateLabel',
            width: 170,
            render: (v: string, r) => (
              <>
                <Tag color={r.overdue ? 'red' : 'blue'}>{v}</Tag>
                {r.supervisionLevel ? <Tag color="volcano">督办</Tag> : null}
                {r.keyYear ? <Tag color="gold">重点</Tag> : null}
                {r.groupId ? <Tag>并案</Tag> : null}
              </>
            ),
          },
          { title: '领衔代表', dataIndex: 'deputyName', width: 90 },
          { title: '主办单位', dataIndex: 'leadDepartmentName', width: 150 },
          { title: '答复期限', dataIndex: 'answerDueDay', width: 110 },
          { title: '答复类别', dataIndex: 'answerCategory', width: 80 },
          {
            title: '测评（态度/结果）',
            width: 130,
            render: (_: unknown, r) => (r.attitudeLabel ? `${r.attitudeLabel}/${r.resultLabel}` : ''),
          },
          ...(source === 'followUp'
            ? [
                { title: '承诺完成', dataIndex: 'promisedOn', width: 110 },
                {
                  title: '年中/年末报告',
                  width: 230,
                  render: (_: unknown, r: SuggestionRow) => <ReportTags r={r} />,
                },
              ]
            : [
                {
                  title: '提出',
                  dataIndex: 'submittedAt',
                  width: 110,
                  render: (v: string | null, r: SuggestionRow) => `${day(v)} ${r.periodLabel ?? ''}`,
                },
              ]),
        ]}
      />
      <SuggestionDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
      <AssignModal
        ids={assigning ? selected : []}
        grouped={(list.data?.items ?? []).some((r) => selected.includes(r.id) && r.groupId)}
        onClose={() => setAssigning(false)}
        onDone={() => {
          setAssigning(false);
          setSelected([]);
          list.reload();
        }}
      />
    </>
  );
}

/**
 * 交办会: one lead unit, optional joint units, 3 or 6 months, for every selected suggestion at
 * once; members of a 并案 group are assigned with the one picked.
 */
function AssignModal({
  ids,
  grouped,
  onClose,
  onDone,
}: {
  ids: string[];
  grouped: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const deps = useApi<{ items: Array<{ id: string; name: string }> }>(
    ids.length ? '/api/opinions/departments' : null,
  );
  const [lead, setLead] = useState<string>();
  const [joint, setJoint] = useState<string[]>([]);
  const [difficult, setDifficult] = useState(false);
  const [batch, setBatch] = useState('');
  const [error, setError] = useState<string | null>(null);
  const options = (deps.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));
  const submit = async () => {
    setError(null);
    try {
      const done = await api.post<{ items: unknown[] }>('/api/suggestions/assign', {
        ids,
        departmentId: lead,
        jointDepartmentIds: joint,
        difficult,
        ...(batch ? { batch } : {}),
      });
      const extra = done.items.length - ids.length;
      message.success(`已交办 ${done.items.length} 件${extra > 0 ? `（含并案建议 ${extra} 件）` : ''}`);
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open={ids.length > 0}
      title={`交办 ${ids.length} 件建议`}
      onCancel={onClose}
      onOk={submit}
      okText="交办"
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        {grouped ? (
          <Alert type="info" showIcon title="所选建议已并案办理，同组其他已立案建议将一并交办给相同单位" />
        ) : null}
        <Select
          aria-label="主办单位"
          placeholder="主办单位"
          showSearch
          optionFilterProp="label"
          value={lead}
          onChange={setLead}
          options={options}
        />
        <Select
          aria-label="会办单位"
          placeholder="会办单位（可多选）"
          mode="multiple"
          optionFilterProp="label"
          value={joint}
          onChange={setJoint}
          options={options}
        />
        <Checkbox checked={difficult} onChange={(e) => setDifficult(e.target.checked)}>
          涉及面广、处理难度大（六个月内答复）
        </Checkbox>
        <Input
          aria-label="交办批次"
          placeholder="交办批次，如：2026年代表建议交办会"
          value={batch}
          onChange={(e) => setBatch(e.target.value)}
        />
      </Space>
    </Modal>
  );
}

export const ReviewPage = () => <SuggestionList title="建议审查交办" source="review" />;
export const DeadlinesPage = () => <SuggestionList title="建议期限看板" source="deadlines" />;
export const InboxPage = () => <SuggestionList title="承办建议" source="department" />;
export const MinePage = () => <SuggestionList title="我的建议" source="deputy" />;
export const FollowUpPage = () => <SuggestionList title="建议回头看" source="followUp" />;
