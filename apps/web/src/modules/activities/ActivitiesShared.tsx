import { Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useApi } from '../../shared/useApi';
import type { Congresses, Kind, WorkingCongress } from './activities.types';

/** The congresses (with their deputies' levels) this account registers activities for / reads points of. */
export function useCongresses() {
  return useApi<Congresses>('/api/activities/congresses');
}

/** The activity kinds the congress configured (setting `activities.kinds`). */
export function useKinds(congressCode: string | undefined) {
  const s = useApi<{ items: Kind[] }>(congressCode ? '/api/activities/kinds' : null, { congressCode });
  return s.data?.items ?? [];
}

export const kindName = (kinds: Kind[], code: string) => kinds.find((k) => k.code === code)?.name ?? code;

export interface CongressLevel {
  congress: WorkingCongress;
  level: string;
}

/**
 * Picks one congress and one level of its deputies: points are only ever compared within both,
 * so no screen offers "all levels". `onlyPoints` hides congresses whose points this account may not read.
 */
export function CongressLevelPicker({
  items,
  value,
  onChange,
  onlyPoints,
  withLevel = true,
}: {
  items: WorkingCongress[];
  value: CongressLevel | undefined;
  onChange: (v: CongressLevel) => void;
  onlyPoints?: boolean;
  withLevel?: boolean;
}) {
  const list = onlyPoints ? items.filter((c) => c.points) : items;
  const first = list[0];
  // Start on the broadest congress and its largest level.
  useEffect(() => {
    if (!value && first) onChange({ congress: first, level: first.levels[0]?.level ?? '' });
  }, [value, first, onChange]);
  return (
    <Space wrap>
      <Select
        aria-label="人大"
        style={{ minWidth: 200 }}
        value={value?.congress.code}
        options={list.map((c) => ({ value: c.code, label: c.name }))}
        onChange={(code) => {
          const c = list.find((x) => x.code === code)!;
          onChange({ congress: c, level: c.levels[0]?.level ?? '' });
        }}
      />
      {withLevel && value ? (
        <Select
          aria-label="代表层级"
          style={{ minWidth: 140 }}
          value={value.level}
          options={value.congress.levels.map((l) => ({
            value: l.level,
            label: `${l.label}代表（${l.deputies}人）`,
          }))}
          onChange={(level) => onChange({ ...value, level })}
        />
      ) : null}
    </Space>
  );
}

interface DeputyOption {
  id: string;
  name: string;
  jurisdictionName: string;
}

/** Searches the roster of a scope by name (staff only); selected deputies stay listed. */
export function DeputyPicker({
  scope,
  level,
  value,
  onChange,
  multiple,
  placeholder = '输入姓名查找代表',
  label = '代表',
}: {
  scope: string;
  level?: string;
  value: string[];
  onChange: (ids: string[], names: Map<string, string>) => void;
  multiple?: boolean;
  placeholder?: string;
  label?: string;
}) {
  const [q, setQ] = useState('');
  const [known, setKnown] = useState(new Map<string, string>());
  const found = useApi<{ items: DeputyOption[] }>('/api/deputies', {
    scope,
    q: q || undefined,
    level,
    status: 'active',
    pageSize: 50,
  });
  const options = found.data?.items ?? [];
  useEffect(() => {
    if (options.length === 0) return;
    setKnown((m) => {
      const next = new Map(m);
      for (const d of options) next.set(d.id, d.name);
      return next;
    });
  }, [options]);
  const shown = new Map(known);
  return (
    <Select
      aria-label={label}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch
      filterOption={false}
      placeholder={placeholder}
      style={{ minWidth: 200, width: multiple ? '100%' : undefined }}
      loading={found.loading}
      onSearch={(v) => setQ(v.trim())}
      value={multiple ? value : value[0]}
      onChange={(v: string | string[] | undefined) =>
        onChange(v === undefined ? [] : Array.isArray(v) ? v : [v], shown)
      }
      options={[
        ...options.map((d) => ({ value: d.id, label: `${d.name}（${d.jurisdictionName}）` })),
        ...value
          .filter((id) => !options.some((d) => d.id === id))
          .map((id) => ({ value: id, label: shown.get(id) ?? id })),
      ]}
    />
  );
}

/** Stations of a congress's jurisdiction (for the filter and the registration form). */
export function useStations(scope: string | undefined) {
  const s = useApi<{ stations: Array<{ id: string; name: string }> }>(
    scope ? '/api/deputies/options' : null,
    { scope },
  );
  return s.data?.stations ?? [];
}
