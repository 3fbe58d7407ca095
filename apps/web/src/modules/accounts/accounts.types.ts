import type { Role } from '@lianxin/contracts';

/** `GET /api/accounts` items */
export interface AccountRow {
  id: string;
  username: string | null;
  displayName: string;
  kind: 'staff' | 'citizen';
  status: string;
  locked: boolean;
  grants: { role: Role; scopeCode: string; scopeName: string }[];
  lastLoginAt: string | null;
}

/** `POST /api/accounts` body */
export interface CreateAccountRequest {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopeCode: string;
}
