import type { Me } from '@lianxin/contracts';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export interface Scope {
  code: string;
  name: string;
}

interface ScopeState {
  scope: Scope;
  setScope: (scope: Scope) => void;
}

const STORAGE_KEY = 'lx_scope';
const ScopeContext = createContext<ScopeState | null>(null);

/** The jurisdiction the console is looking at; list endpoints receive it as `?scope=CODE`. */
export function useScope(): ScopeState {
  const state = useContext(ScopeContext);
  if (!state) throw new Error('useScope outside ScopeProvider');
  return state;
}

export function grantScopes(me: Me): Scope[] {
  const seen = new Map<string, Scope>();
  for (const grant of me.grants) {
    if (!seen.has(grant.scopeCode))
      seen.set(grant.scopeCode, { code: grant.scopeCode, name: grant.scopeName });
  }
  return [...seen.values()];
}

/** Administrative codes are hierarchical (310112 → 310112102 → …), so a prefix test finds subtrees. */
function withinGrants(code: string, scopes: Scope[]): boolean {
  return scopes.some((scope) => code.startsWith(scope.code.replace(/(00)+$/, '')));
}

function initialScope(me: Me): Scope {
  const scopes = grantScopes(me);
  const fallback = scopes[0] ?? { code: '', name: '' };
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Scope> | null;
    if (stored && typeof stored.code === 'string' && typeof stored.name === 'string') {
      if (withinGrants(stored.code, scopes)) return { code: stored.code, name: stored.name };
    }
  } catch {
    // A corrupt entry falls back to the first grant.
  }
  return fallback;
}

export function ScopeProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [scope, setScopeState] = useState<Scope>(() => initialScope(me));
  const setScope = useCallback((next: Scope) => {
    setScopeState(next);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  }, []);
  const value = useMemo(() => ({ scope, setScope }), [scope, setScope]);
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}
