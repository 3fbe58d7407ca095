import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { revealPersonalData } from '../../kernel/audit/reveal';
import { assertCan } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { maskPhone } from '../../kernel/crypto/pii';
import { commonErrors } from '../../kernel/errors';
import type { App } from '../../kernel/http/app';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { deputies } from './deputies.schema';

/**
 * A deputy's private phone: masked by default; congress staff over the deputy's jurisdiction may
 * reveal it with a stated purpose, and every reveal is audited.
 */
export function deputyContactRoutes(app: App, ctx: AppContext): void {
  const { db } = ctx.database;
  app.post(
    '/api/deputies/:id/phone',
    {
      config: { access: { roles: ['congress_staff'] } },
      schema: {
        tags: ['人大代表'],
        summary: '查看代表联系电话（记录审计）',
        params: z.object({ id: z.string().uuid('代表编号格式不正确') }),
        body: z.object({
          purpose: z.string().trim().min(2, '请填写查看原因').max(100, '查看原因不超过 100 字'),
        }),
        response: { 200: z.object({ phone: z.string(), masked: z.string() }) },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const [d] = await db
        .select()
        .from(deputies)
        .where(and(eq(deputies.regionCode, actor.regionCode), eq(deputies.id, req.params.id)));
      if (!d?.phoneEnc) throw commonErrors.not_found();
      const j = await findJurisdiction(db, d.jurisdictionCode);
      assertCan(actor, ['congress_staff'], j?.path ?? '');
      const phone = await revealPersonalData(
        ctx,
        db,
        actor,
        {
          targetType: 'deputy',
          targetId: d.id,
          field: 'phone',
          jurisdictionCode: d.jurisdictionCode,
          purpose: req.body.purpose,
        },
        d.phoneEnc,
      );
      return { phone, masked: maskPhone(phone) };
    },
  );
}
