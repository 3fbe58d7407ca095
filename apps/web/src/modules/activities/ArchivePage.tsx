import { Card, Empty, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { withQuery } from '../../api';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { useApi } from '../../shared/useApi';
import { useScope } from '../console/scope';
import { DeputyPicker } from './ActivitiesShared';
import { type Archive, ArchiveView } from './ArchiveView';
import { thisYear } from './activities.types';
import { yearOptions } from './PointsPage';

function YearInput({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  return (
    <Select
      aria-label="年度"
      style={{ width: 110 }}
      options={yearOptions()}
      value={value}
      onChange={onChange}
    />
  );
}

function ArchiveOf({ deputyId, year }: { deputyId?: string; year: number }) {
  const query = { year, deputyId };
  const state = useApi<Archive>('/api/archive', query);
  return (
    <AsyncBlock state={state}>
      {(a) => <ArchiveView archive={a} pdfHref={withQuery('/api/archive.pdf', query)} />}
    </AsyncBlock>
  );
}

/** 履职档案 (congress staff): any deputy of the area, any year; each opening is on record. */
export function ArchivePage() {
  const { scope } = useScope();
  const [deputy, setDeputy] = useState<string[]>([]);
  const [year, setYear] = useState(thisYear);
  return (
    <>
      <Typography.Title level={3}>履职档案</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <DeputyPicker scope={scope.code} value={deputy} onChange={(ids) => setDeputy(ids)} />
          <YearInput value={year} onChange={setYear} />
        </Space>
      </Card>
      {deputy[0] ? (
        <ArchiveOf deputyId={deputy[0]} year={year} />
      ) : (
        <Empty description="请选择代表，查看其年度履职档案" />
      )}
    </>
  );
}

/** 我的履职档案 (deputy workbench): the signed-in deputy's own archive. */
export function ArchiveMine() {
  const [year, setYear] = useState(thisYear);
  return (
    <>
      <Typography.Title level={3}>我的履职档案</Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <YearInput value={year} onChange={setYear} />
      </Space>
      <ArchiveOf year={year} />
    </>
  );
}
