/** `GET /api/audit` items */
export interface AuditEntry {
  seq: number;
  at: string;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  jurisdictionCode: string | null;
  ip: string | null;
}

export interface AuditPageResult {
  items: AuditEntry[];
  nextBefore: number | null;
}

/** `POST /api/audit/verify` */
export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}
