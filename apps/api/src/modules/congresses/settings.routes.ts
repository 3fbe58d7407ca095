import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { appendAudit } from '../../kernel/audit/audit';
import { ALL_STAFF_ROLES, assertCan, scopePaths } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { App } from '../../kernel/http/app';
import { resolveSettings, settingDefinition, settingDefinitions } from '../../kernel/settings';
import { stateNamesChanged } from '../../kernel/workflow/state-names';
import { findJurisdiction, findJurisdictions } from '../jurisdictions/jurisdictions.repository';
import { settings } from './congresses.schema';
import { stateNamesRoutes } from './state-names.routes';
import './congress-settings';

const tags = ['参数设置'];
const scopeQuery = z.object({
  scope: z
    .string()
    .regex(/^\d{2,15}$/, '区划代码为 2–15 位数字')
    .optional(),
});

export function settingsRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx.database;

  async function scopeOf(
    actor: NonNullable<import('fastify').FastifyRequest['actor']>,
    code: string | undefined,
    roles: Parameters<typeof assertCan>[1],
  ) {
    const fallback = scopePaths(actor, roles)[0]?.split('/').filter(Boolean).at(-1);
    const j = await findJurisdiction(db, code ?? fallback ?? '');
    if (!j) throw new AppError('jurisdictions.not_found', 404);
    assertCan(actor, roles, j.path);
    return j;
  }

  app.get(
    '/api/settings',
    {
      config: { access: { roles: ALL_STAFF_ROLES } },
      schema: {
        tags,
        summary: '本辖区生效的参数（含继承）',
        querystring: scopeQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                key: z.string(),
                label: z.string(),
                description: z.string(),
                value: z.unknown(),
                inheritedFrom: z.object({ code: z.string(), name: z.string() }).nullable(),
                definedHere: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const j = await scopeOf(req.actor!, req.query.scope, ALL_STAFF_ROLES);
      const defs = settingDefinitions();
      const resolved = await resolveSettings(
        db,
        req.actor!.regionCode,
        j.path,
        defs.map((d) => d.key),
      );
      const names = await findJurisdictions(
        db,
        [...resolved.values()].flatMap((r) => (r.from ? [r.from] : [])),
      );
      return {
        items: defs.map((d) => {
          const r = resolved.get(d.key)!;
          const from =
            r.from && r.from !== j.code ? { code: r.from, name: names.get(r.from)?.name ?? r.from } : null;
          return {
            key: d.key,
            label: d.label,
            description: d.description,
            value: r.value,
            inheritedFrom: from,
            definedHere: r.from === j.code,
          };
        }),
      };
    },
  );

  app.put(
    '/api/settings/:key',
    {
      config: { access: { roles: ['congress_staff', 'sysadmin'] } },
      schema: {
        tags,
        summary: '设置本辖区参数（下级默认继承）',
        params: z.object({ key: z.string().max(100) }),
        querystring: scopeQuery,
        body: z.object({ value: z.unknown() }),
      },
    },
    async (req) => {
      const actor = req.actor!;
      const def = settingDefinition(req.params.key);
      if (!def) throw new AppError('settings.unknown_key', 404);
      const j = await scopeOf(actor, req.query.scope, ['congress_staff', 'sysadmin']);
      const parsed = def.schema.safeParse(req.body.value);
      if (!parsed.success) {
        throw new AppError(
          'settings.invalid_value',
          400,
          undefined,
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
      const now = ctx.clock.now();
      await db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(settings)
          .where(
            and(
              eq(settings.regionCode, actor.regionCode),
              eq(settings.jurisdictionCode, j.code),
              eq(settings.key, def.key),
            ),
          );
        await tx
          .insert(settings)
          .values({
            regionCode: actor.regionCode,
            jurisdictionCode: j.code,
            key: def.key,
            value: parsed.data,
            updatedAt: now,
            updatedBy: actor.accountId,
          })
          .onConflictDoUpdate({
            target: [settings.regionCode, settings.jurisdictionCode, settings.key],
            set: { value: parsed.data, updatedAt: now, updatedBy: actor.accountId },
          });
        await appendAudit(tx, actor, now, {
          action: 'settings.set',
          targetType: 'setting',
          targetId: def.key,
          jurisdictionCode: j.code,
          details: { before: before?.value ?? null, after: parsed.data },
        });
      });
      if (def.key.startsWith('workflow.stateNames.')) stateNamesChanged();
      return { key: def.key, value: parsed.data };
    },
  );

  stateNamesRoutes(app, ctx);
}
