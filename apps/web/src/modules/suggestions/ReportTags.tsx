import { Tag } from 'antd';
import type { SuggestionRow } from './suggestions.types';

/** 回头看: the last report period passed (已报送 / 未报送) and the next one due. */
export function ReportTags({ r }: { r: Pick<SuggestionRow, 'followUpReports'> }) {
  const f = r.followUpReports;
  if (!f) return null;
  return (
    <>
      {f.last ? (
        <Tag color={f.last.reported ? 'green' : 'red'}>
          {f.last.label}
          {f.last.reported ? '已报送' : '未报送'}
        </Tag>
      ) : null}
      <Tag color={f.next.reported ? 'green' : 'default'}>
        {f.next.label}
        {f.next.reported ? '已报送' : `待报送（${f.next.day}前）`}
      </Tag>
    </>
  );
}
