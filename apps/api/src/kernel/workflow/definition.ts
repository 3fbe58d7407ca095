import type { Role } from '@lianxin/contracts';
import type { z } from 'zod';
import { type Actor, grantsCovering } from '../auth/actor';
import type { MonthsRule } from '../calendar/service';
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
  /** The period's setting; a function picks it by the case (e.g. simple or complex matters). */
  setting: SettingDefinition<number> | ((c: CaseRow) => SettingDefinition<number>);
  /** For a period in months: the setting naming how months are counted (default: the civil code's). */
  monthsRule?: SettingDefinition<MonthsRule>;
  /** Opened only for cases this returns true for (e.g. monthly progress reports on complex matters). */
  when?: (c: CaseRow) => boolean;
  /** An action the system performs on the case when the timer fires (e.g. 'escalate'). */
  onDue?: string;
}

export interface ActionDef {
  label: string;
  from: readonly string[];
  /** The state it leads to; omitted: the case stays where it is (e.g. an escalation or a note). */
  to?: string;
  /**
   * Who may perform it, over a jurisdiction containing the case. The system actor always may.
   * `'citizen'` lets a signed-in citizen of the case's region act; such an action must have a
   * guard, which decides whether this citizen may (e.g. only on their own case).
   */
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
    if (a.to !== undefined && !def.states[a.to])
      problems.push(`action ${name} goes to undeclared state ${a.to}`);
    if (a.roles.includes('citizen') && !a.guard)
      problems.push(`action ${name} allows citizens but has no guard to check whose case it is`);
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

/**
 * The actions that could be taken next on a case (for the UI to show only what it may do). Given
 * an actor, only those it may perform by role, jurisdiction and guard (payload-independent part).
 */
export function availableActions(
  def: CaseTypeDef,
  c: CaseRow,
  actor?: Actor,
): Array<{ action: string; label: string; roles: readonly Role[] }> {
  return Object.entries(def.actions)
    .filter(([, a]) => a.from.includes(c.state))
    .filter(([, a]) => !actor || (mayAct(actor, a, c) && !a.guard?.(c, {}, actor)))
    .map(([action, a]) => ({ action, label: a.label, roles: a.roles }));
}

/** Role and scope check of one action (the guard is checked separately, with the payload). */
export function mayAct(actor: Actor, a: ActionDef, c: CaseRow): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'citizen') return a.roles.includes('citizen') && actor.regionCode === c.regionCode;
  return grantsCovering(actor, a.roles, c.jurisdictionPath).length > 0;
}
