import type { Role } from '@lianxin/contracts';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import type { cases } from '../db/kernel.schema';
import type { SettingDefinition } from '../settings';

export type Phase = 'intake' | 'handling' | 'feedback' | 'closed';
export type CaseRow = typeof cases.$inferSelect;

export interface StateDef {
  phase: Phase;
  /** Default Chinese name; a congress may rename states within their phase (settings). */
  label: string;
}

/** A deadline opened by an action: the period comes from a per-congress setting. */
export interface TimerDef {
  kind: string;
  unit: 'workingDays' | 'months';
  setting: SettingDefinition<number>;
  /** An action the system performs on the case when the timer fires (e.g. 'escalate'). */
  onDue?: string;
}

export interface ActionDef {
  label: string;
  from: readonly string[];
  to: string;
  /** Who may perform it, over a jurisdiction containing the case. The system actor always may. */
  roles: readonly Role[];
  payload?: z.ZodType<Record<string, unknown>>;
  /** Returns a Chinese reason when the action is not allowed for this case and payload. */
  guard?: (c: CaseRow, payload: Record<string, unknown>, actor: Actor) => string | null;
  /** Timer kinds this action closes ('*' = all open timers of the case). */
  stopTimers?: readonly string[] | '*';
  startTimers?: readonly TimerDef[];
  /** A shallow patch to the case's data. */
  patch?: (c: CaseRow, payload: Record<string, unknown>) => Record<string, unknown>;
}

export interface CaseTypeDef {
  type: string;
  label: string;
  /** Letters that start the tracking number, e.g. 'MY' → MY20261123000001. */
  trackingPrefix: string;
  initial: string;
  states: Record<string, StateDef>;
  actions: Record<string, ActionDef>;
  /** Timers opened with the case. */
  openTimers?: readonly TimerDef[];
}

const registry = new Map<string, CaseTypeDef>();

/** Registers a case type (one line per module) after checking that it is self-consistent. */
export function defineCaseType(def: CaseTypeDef): CaseTypeDef {
  const problems: string[] = [];
  if (!def.states[def.initial]) problems.push(`initial state ${def.initial} is not declared`);
  for (const [name, a] of Object.entries(def.actions)) {
    if (!def.states[a.to]) problems.push(`action ${name} goes to undeclared state ${a.to}`);
    for (const f of a.from)
      if (!def.states[f]) problems.push(`action ${name} starts from undeclared state ${f}`);
    for (const t of a.startTimers ?? []) {
      if (t.onDue && !def.actions[t.onDue])
        problems.push(`timer ${t.kind} fires undeclared action ${t.onDue}`);
    }
  }
  if (problems.length > 0) throw new Error(`case type ${def.type}: ${problems.join('; ')}`);
  registry.set(def.type, def);
  return def;
}

export function caseType(type: string): CaseTypeDef {
  const def = registry.get(type);
  if (!def) throw new Error(`unknown case type ${type}`);
  return def;
}

/** The actions an actor could take next on a case (for the UI to show only what it may do). */
export function availableActions(
  def: CaseTypeDef,
  c: CaseRow,
): Array<{ action: string; label: string; roles: readonly Role[] }> {
  return Object.entries(def.actions)
    .filter(([, a]) => a.from.includes(c.state))
    .map(([action, a]) => ({ action, label: a.label, roles: a.roles }));
}
