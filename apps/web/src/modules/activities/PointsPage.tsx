import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorText } from '../../api';
import { useApi } from '../../shared/useApi';
import { type CongressLevel, CongressLevelPicker, useCongresses } from './ActivitiesShared';
import {
  type DeputyPoints,
  drawerWidth,
  type PointsRow,
  type PointsTable,
  ruleSetName,
  thisYear,
} from './activities.types';
import { Formula, PointsDetail } from './PointsDetail';

/** Years a screen offers: this year and the four before it. */
export const yearOptions = () =>
  Array.from({ length: 5 }, (_, i) => thisYear() - i).map((y) => ({ value: y, label: `${y}年` }));

/** The shared header of the points screens: congress, level (never mixed) and year. */
export function usePointsScope() {
  const congresses = useCongresses();
  const [cl, setCl] = useState<CongressLevel>();
  const [year, setYear] = useState(thisYear());
  const bar = (
    <Space wrap>
      <CongressLevelPicker items={congresses.data?.items ?? []} value={cl} onChange={setCl} onlyPoints />
      <Select
        aria-label="年度"
        style={{ width: 110 }}
        value={year}
        onChange={setYear}
        options={yearOptions()}
      />
    </Space>
  );
  return { congresses, cl, year, bar };
}

/** 履职积分 per congress and level: every score with its formula; a deputy's lines and evidence on click. */
export function PointsPage() {
  const { congresses, cl, year, bar } = usePointsScope();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<PointsRow | null>(null);
  const table = useApi<PointsTable>(cl?.level ? '/api/points' : null, {
    congressCode: cl?.congress.code,
    level: cl?.level,
    year,
  });
  const rows = (table.data?.items ?? []).filter((r) => !q || r.name.includes(q));
  return (
    <>
      <Typography.Title level={3}>履职积分</Typography.Title>
      <Typography.Paragraph type="secondary">
        积分由履职记录按年度积分规则自动计算，不能手工修改；只在同一人大、同一层级的代表之间比较，任职不满一年的按月折算。
      </Typography.Paragraph>
      {congresses.error ? <Alert type="error" showIcon title={congresses.error.message} /> : null}
      {table.error ? <Alert type="error" showIcon title={table.error.message} /> : null}
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          {bar}
          <Input.Search
            aria-label="代表姓名"
            allowClear
            placeholder="代表姓名"
            style={{ width: 160 }}
            onSearch={(v) => setQ(v.trim())}
          />
          {table.data ? (
            <Link to={`/console/point-rules?year=${year}`}>
              适用规则：{ruleSetName(table.data.ruleSetYear)}
            </Link>
          ) : null}
        </Space>
      </Card>
      <Table<PointsRow>
        rowKey="deputyId"
        size="middle"
        loading={table.loading}
        dataSource={rows}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 名代表` }}
        columns={[
          { title: '代表', dataIndex: 'name', width: 110 },
          {
            title: '积分',
            dataIndex: 'total',
            width: 90,
            sorter: (a, b) => a.total - b.total,
          },
          { title: '任职月数', dataIndex: 'months', width: 90 },
          { title: '计算方法', dataIndex: 'formula', render: (f: string) => <Formula text={f} /> },
        ]}
      />
      <DeputyPointsDrawer
        row={open}
        congressCode={cl?.congress.code}
        year={year}
        onClose={() => setOpen(null)}
        onChanged={table.reload}
      />
    </>
  );
}

function DeputyPointsDrawer({
  row,
  congressCode,
  year,
  onClose,
  onChanged,
}: {
  row: PointsRow | null;
  congressCode: string | undefined;
  year: number;
  onClose: () => void;
  onChanged: () => void;
}) {
  const p = useApi<DeputyPoints>(row && congressCode ? '/api/points/deputy' : null, {
    congressCode,
    year,
    deputyId: row?.deputyId,
  });
  const [adjusting, setAdjusting] = useState(false);
  const d = p.data;
  return (
    <Drawer
      open={!!row}
      width={drawerWidth(760)}
      onClose={onClose}
      title={row ? `${row.name} · ${year}年履职积分` : ''}
      destroyOnHidden
      extra={
        <Button onClick={() => setAdjusting(true)} disabled={!d}>
          年终核定
        </Button>
      }
    >
      {p.error ? <Alert type="error" showIcon title={p.error.message} /> : null}
      {!d || d.deputyId !== row?.deputyId ? <Spin /> : <PointsDetail p={d} staff />}
      {d && congressCode ? (
        <AdjustModal
          open={adjusting}
          points={d}
          congressCode={congressCode}
          onClose={() => setAdjusting(false)}
          onDone={() => {
            setAdjusting(false);
            p.reload();
            onChanged();
          }}
        />
      ) : null}
    </Drawer>
  );
}

/** 年终核定: a recorded, audited entry with its reason (e.g. 农牧民/社区居民代表 平时履职 + 年终核定). */
function AdjustModal({
  open,
  points,
  congressCode,
  onClose,
  onDone,
}: {
  open: boolean;
  points: DeputyPoints;
  congressCode: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [value, setValue] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    if (value === null || value === 0) return setError('请填写核定分值（可为负数）');
    if (reason.trim().length < 4) return setError('请填写核定理由（至少 4 个字）');
    try {
      await api.post('/api/points/adjustments', {
        deputyId: points.deputyId,
        congressCode,
        year: points.year,
        points: value,
        reason: reason.trim(),
      });
      message.success('年终核定已记录');
      setValue(null);
      setReason('');
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open={open}
      title={`年终核定：${points.name}（${points.year}年）`}
      onCancel={onClose}
      onOk={submit}
      okText="记录核定"
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {error ? <Alert type="error" showIcon title={error} /> : null}
        <Typography.Paragraph type="secondary">
          核定记录在案并留痕审计，不改动任何履职记录；积分明细中单列显示。
        </Typography.Paragraph>
        <InputNumber
          aria-label="核定分值"
          min={-100}
          max={100}
          step={0.5}
          value={value}
          onChange={setValue}
          addonAfter="分"
        />
        <Input.TextArea
          aria-label="核定理由"
          rows={3}
          maxLength={500}
          placeholder="如：农民代表平时履职受农忙影响，经代表小组评议年终核定加分"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Space>
    </Modal>
  );
}
