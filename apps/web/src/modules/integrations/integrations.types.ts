export type ApiClientKind = 'open311' | 'hotline';

export const apiClientKindLabels: Record<ApiClientKind, string> = {
  open311: 'Open311 GeoReport v2',
  hotline: '12345热线工单',
};

/** One row of GET /api/integrations/clients (never the key itself). */
export interface ApiClientRow {
  id: string;
  kind: ApiClientKind;
  kindLabel: string;
  name: string;
  jurisdictionCode: string;
  jurisdictionName: string | null;
  keyPrefix: string;
  contact: string | null;
  active: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface IssueApiKeyRequest {
  kind: ApiClientKind;
  name: string;
  jurisdictionCode: string;
  contact?: string;
}

export interface IssueApiKeyResponse {
  client: ApiClientRow;
  key: string;
}
