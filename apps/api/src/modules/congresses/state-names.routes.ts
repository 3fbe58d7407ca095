import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../kernel/audit/audit';
import { type Actor, ALL_STAFF_ROLES, assertCan, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { App } from '../../kernel/http/app';
import {
  duplicateNameProblems,
  PHASE_LABELS,
  resolveStateNames,
  stateNameProblems,
  stateNameRows,
  stateNamesChanged,
  stateNamesSetting,
} from '../../kernel/workflow/state-names';
import { findJurisdiction, findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { settings } from './congresses.schema';

const tags = ['参数设置'];
const EDIT = ['congress_staff', 'sysadmin'] as const;
const params = z.object({ type: z.string().regex(/^[a-z_]{2,30}$/) });
const scopeQuery = z.object({
  scope: z
    .string()
    .regex(/^\d{2,15}$/, '区划代码为 2–15 位数字')
    .optional(),
});

const stateOut = z.object({
  state: z.string(),
  phase: z.string(),
  phaseLabel: z.string(),
  defaultLabel: z.string(),
  /** The name in force here. */
  label: z.string(),
  /** The name this level sets, if any. */
  setHere: z.string().nullable(),
  inheritedFrom: z.object({ code: z.string(), name: z.string() }).nullable(),
});
const namesOut = z.object({
  type: z.string(),
  typeLabel: z.string(),
  scope: z.object({ code: z.string(), name: z.string() }),
  items: z.array(stateOut),
});

/**
 * 状态名称: what each congress calls the states of a case type, per jurisdiction (names merge down
 * the tree state by state). Editing writes the case type's state-name setting, audited.
 */
export function stateNamesRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx.database;

  async function scopeOf(actor: Actor, code: string | undefined, roles: Parameters<typeof assertCan>[1]) {
    const fallback = scopePaths(actor, roles)[0]?.split('/').filter(Boolean).at(-1);
    const j = await findJurisdiction(db, code ?? fallback ?? '');
    if (!j) throw new AppError('jurisdictions.not_found', 404);
    assertCan(actor, roles, j.path);
    return j;
  }
  const registered = (type: string) => {
    const reg = stateNamesSetting(type);
    if (!reg) throw new AppError('settings.unknown_key', 404);
    return reg;
  };

  async function view(actor: Actor, type: string, scope: string | undefined) {
    const { def } = registered(type);
    const j = await scopeOf(actor, scope, ALL_STAFF_ROLES);
    const rows = await stateNameRows(db, actor.regionCode, type);
    const resolved = resolveStateNames(def, rows, j.path);
    const names = await findJurisdictions(
      db,
      Object.values(resolved).flatMap((r) => (r.from && r.from !== j.code ? [r.from] : [])),
    );
    const here = rows.get(j.code) ?? {};
    return {
      type,
      typeLabel: def.label,
      scope: { code: j.code, name: j.name },
      items: Object.entries(def.states).map(([state, d]) => {
        const r = resolved[state]!;
        return {
          state,
          phase: d.phase,
          phaseLabel: PHASE_LABELS[d.phase],
          defaultLabel: d.label,
          label: r.label,
          setHere: here[state] ?? null,
          inheritedFrom:
            r.from && r.from !== j.code ? { code: r.from, name: names.get(r.from)?.name ?? r.from } : null,
        };
      }),
    };
  }

  app.get(
    '/api/settings/state-names/:type',
    {
      config: { access: { roles: ALL_STAFF_ROLES } },
      schema: {
        tags,
        summary: '状态名称（本辖区生效的名称、本级设定与继承来源）',
        params,
        querystring: scopeQuery,
        response: { 200: namesOut },
      },
    },
    async (req) => view(req.actor!, req.params.type, req.query.scope),
  );

  app.put(
    '/api/settings/state-names/:type',
    {
      config: { access: { roles: [...EDIT] } },
      schema: {
        tags,
        summary: '设置本级的状态名称（只改名称，不改所属阶段；留空则沿用上级）',
        params,
        querystring: scopeQuery,
        body: z.object({ names: z.record(z.string(), z.unknown()) }),
        response: { 200: namesOut },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const { def, setting } = registered(req.params.type);
      const j = await scopeOf(actor, req.query.scope, EDIT);
      // Blank means "follow the level above"; a name equal to the inherited one is not stored either.
      const given = Object.fromEntries(
        Object.entries(req.body.names).filter(([, n]) => !(typeof n === 'string' && n.trim() === '')),
      );
      const invalid = (problems: string[]) =>
        new AppError(
          'settings.invalid_value',
          400,
          `状态名称不符合要求：${problems.join('；')}`,
          problems.map((message) => ({ path: 'names', message })),
        );
      const problems = stateNameProblems(def, given);
      if (problems.length > 0) throw invalid(problems);
      const names = Object.fromEntries(
        Object.entries(given).map(([s, n]) => [s, String(n).trim()]),
      ) as Record<string, string>;
      const rows = new Map(await stateNameRows(db, actor.regionCode, def.type));
      rows.set(j.code, names);
      const effective = Object.fromEntries(
        Object.entries(resolveStateNames(def, rows, j.path)).map(([s, r]) => [s, r.label]),
      );
      const dup = duplicateNameProblems(def, effective);
      if (dup.length > 0) throw invalid(dup);
      const now = ctx.clock.now();
      await db.transaction(async (tx) => {
        const where = and(
          eq(settings.regionCode, actor.regionCode),
          eq(settings.jurisdictionCode, j.code),
          eq(settings.key, setting.key),
        );
        const [before] = await tx.select().from(settings).where(where);
        if (Object.keys(names).length === 0) await tx.delete(settings).where(where);
        else
          await tx
            .insert(settings)
            .values({
              regionCode: actor.regionCode,
              jurisdictionCode: j.code,
              key: setting.key,
              value: names,
              updatedAt: now,
              updatedBy: actor.accountId,
            })
            .onConflictDoUpdate({
              target: [settings.regionCode, settings.jurisdictionCode, settings.key],
              set: { value: names, updatedAt: now, updatedBy: actor.accountId },
            });
        await appendAudit(tx, actor, now, {
          action: 'settings.set',
          targetType: 'setting',
          targetId: setting.key,
          jurisdictionCode: j.code,
          details: { before: before?.value ?? null, after: names },
        });
      });
      stateNamesChanged();
      return view(actor, def.type, j.code);
    },
  );
}
