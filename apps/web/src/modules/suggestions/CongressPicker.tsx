import { Select } from 'antd';
import { useEffect } from 'react';
import { useApi } from '../../shared/useApi';

export interface SuggestionCongress {
  code: string;
  name: string;
  term: number | null;
  /** This account is congress staff over it (may record its sessions). */
  staff: boolean;
}

/** The congresses this account may count (GET /api/suggestions/congresses), the broadest first. */
export function useSuggestionCongresses(onlyStaff = false) {
  const s = useApi<{ items: SuggestionCongress[] }>('/api/suggestions/congresses');
  const items = (s.data?.items ?? []).filter((c) => !onlyStaff || c.staff);
  return { ...s, items };
}

/**
 * Picks exactly one congress (a district's figures never include its townships'); starts on the
 * broadest. Hidden when there is only one to pick.
 */
export function CongressPicker({
  items,
  value,
  onChange,
}: {
  items: SuggestionCongress[];
  value: string | undefined;
  onChange: (code: string) => void;
}) {
  const first = items[0]?.code;
  useEffect(() => {
    if (!value && first) onChange(first);
  }, [value, first, onChange]);
  if (items.length < 2) return null;
  return (
    <Select
      aria-label="人大"
      style={{ minWidth: 220 }}
      value={value}
      onChange={onChange}
      showSearch
      optionFilterProp="label"
      options={items.map((c) => ({ value: c.code, label: c.name }))}
    />
  );
}
