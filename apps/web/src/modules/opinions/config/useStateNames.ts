import { useMemo } from 'react';
import { useApi } from '../../../shared/useApi';
import type { StateNames } from './config.types';

/**
 * The state names in force at a jurisdiction (the viewer's own when no scope is given), for
 * screens that list states themselves, e.g. a state filter. Falls back to the given labels.
 */
export function useStateNames(type: string, scope?: string | null): Map<string, string> {
  const names = useApi<StateNames>(`/api/settings/state-names/${type}`, scope ? { scope } : {});
  return useMemo(() => new Map((names.data?.items ?? []).map((i) => [i.state, i.label])), [names.data]);
}
