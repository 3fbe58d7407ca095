import type { JurisdictionNode } from '@lianxin/contracts';
import { api } from '../../api';

export interface JurisdictionChildren {
  parent: JurisdictionNode | null;
  items: JurisdictionNode[];
}

export const fetchRoots = () => api.get<{ items: JurisdictionNode[] }>('/api/jurisdictions/roots');

export const fetchChildren = (code: string) =>
  api.get<JurisdictionChildren>(`/api/jurisdictions/${encodeURIComponent(code)}/children`);
