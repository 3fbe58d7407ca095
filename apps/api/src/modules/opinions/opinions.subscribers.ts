import { phonePattern } from '@lianxin/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../kernel/context';
import type { Tx } from '../../kernel/db/client';
import { cases, timers } from '../../kernel/db/kernel.schema';
import type { DomainEvent } from '../../kernel/events';
import { notify } from '../../kernel/notifications/notify';
import { accountsCovering } from '../accounts/accounts.repository';
import { accounts, roleGrants } from '../accounts/accounts.schema';
import { departments } from '../congresses/congresses.schema';
import { departmentAccounts } from '../congresses/departments.repository';
import { deputies } from '../deputies/deputies.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { REMIND, registerDeadlineSubscribers } from './deadlines';
import { followUrl } from './intake.usecases';
import { opinions } from './opinions.schema';
import { recordAutoClose, recordMergedAutoClose } from './rating.usecases';

/** Public steps texted to the citizen, by action. */
const CITIZEN_STEPS: Record<string, string> = {
  accept: '已受理',
  reject: '不予受理，详情请查看办理进度',
  assign: '已交办承办单位办理',
  reroute: '已改派承办单位办理',
  reply: '已答复，请查看答复并进行满意度评价',
  rateReopen: '已安排重新办理',
  reviewReopen: '已安排重新办理',
  reviewClose: '已办结',
  autoClose: '已办结',
  reportProgress: '承办单位报送了办理进度',
};

async function load(tx: Tx, e: DomainEvent) {
  const id = String(e.payload.caseId);
  const [row] = await tx
    .select({ c: cases, o: opinions })
    .from(cases)
    .innerJoin(opinions, and(eq(opinions.regionCode, cases.regionCode), eq(opinions.caseId, cases.id)))
    .where(and(eq(cases.regionCode, e.regionCode), eq(cases.id, id)));
  return row;
}

async function departmentName(tx: Tx, regionCode: string, id: string | null | undefined) {
  if (!id) return '承办单位';
  const [d] = await tx
    .select({ name: departments.name })
    .from(departments)
    .where(and(eq(departments.regionCode, regionCode), eq(departments.id, id)));
  return d?.name ?? '承办单位';
}

/** The deputy's SMS (decrypted only here, for sending) and their workbench account. */
async function tellDeputy(
  tx: Tx,
  ctx: AppContext,
  e: DomainEvent,
  deputyId: string,
  template: 'opinions.addressed' | 'opinions.deputy_replied',
  params: Record<string, string>,
) {
  const [d] = await tx
    .select({ phoneEnc: deputies.phoneEnc })
    .from(deputies)
    .where(and(eq(deputies.regionCode, e.regionCode), eq(deputies.id, deputyId)));
  if (d?.phoneEnc) {
    await notify(
      tx,
      ctx,
      e.regionCode,
      { channel: 'sms', phone: ctx.vault.decrypt(d.phoneEnc) },
      template,
      params,
      `${template}:${e.id}`,
    );
  }
  const acc = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.regionCode, e.regionCode), eq(accounts.deputyId, deputyId)));
  for (const a of acc)
    await notify(
      tx,
      ctx,
      e.regionCode,
      { channel: 'inapp', accountId: a.id },
      template,
      params,
      `${template}:${e.id}:${a.id}`,
    );
}

/**
 * Side effects of opinion events (never inline in commands): texts to the citizen at public steps,
 * the deputy told of opinions addressed to them and of the reply, the unit's inbox, 督办 levels.
 */
export function registerOpinionSubscribers(ctx: AppContext): void {
  registerDeadlineSubscribers(ctx);
  ctx.events.subscribe('opinions.*', 'opinions-notify', async (e, tx) => {
    const action = e.topic.slice('opinions.'.length);
    const hit = await load(tx, e);
    if (!hit) return;
    const { c, o } = hit;
    const base = { trackingNo: c.trackingNo, title: c.title };
    const tellUnit = async (
      departmentId: string | null | undefined,
      template:
        | 'opinions.assigned'
        | 'opinions.due_soon'
        | 'opinions.progress_due'
        | 'opinions.joint_assigned'
        | 'opinions.joint_opinion',
      params: Record<string, string>,
    ) => {
      if (!departmentId) return;
      for (const id of await departmentAccounts(tx, e.regionCode, departmentId))
        await notify(
          tx,
          ctx,
          e.regionCode,
          { channel: 'inapp', accountId: id },
          template,
          { ...base, ...params },
          `${template}:${e.id}:${id}`,
        );
    };
    if (action === 'timer_fired') {
      if (e.payload.kind === REMIND && c.phase === 'handling') {
        const [t] = await tx
          .select({ payload: timers.payload })
          .from(timers)
          .where(and(eq(timers.regionCode, c.regionCode), eq(timers.id, String(e.payload.timerId))));
        await tellUnit(o.departmentId, 'opinions.due_soon', {
          due: String((t?.payload as { day?: string } | undefined)?.day ?? ''),
        });
      }
      return;
    }
    if (action === 'progressReminder') await tellUnit(o.departmentId, 'opinions.progress_due', {});
    if (action === 'jointOpinion')
      await tellUnit(o.departmentId, 'opinions.joint_opinion', {
        department: await departmentName(tx, e.regionCode, e.payload.departmentId as string | undefined),
      });
    if (action === 'assign' && Array.isArray(e.payload.jointDepartmentIds)) {
      const department = await departmentName(tx, e.regionCode, String(e.payload.departmentId ?? ''));
      for (const d of e.payload.jointDepartmentIds as string[])
        await tellUnit(d, 'opinions.joint_assigned', { department });
    }
    const url = `${ctx.config.publicBaseUrl}${followUrl(ctx, c.trackingNo, c.id)}`;
    const contact = o.contactPhoneEnc ? ctx.vault.decrypt(o.contactPhoneEnc) : null;
    // Hotline callers may have given a landline: texts go to mobile numbers only.
    const phone = contact && phonePattern.test(contact) ? contact : null;
    const sms = async (
      template: 'opinions.received' | 'opinions.progress',
      params: Record<string, string>,
    ) => {
      if (phone)
        await notify(
          tx,
          ctx,
          e.regionCode,
          { channel: 'sms', phone, accountId: o.citizenAccountId ?? undefined },
          template,
          params,
          `${template}:${e.id}`,
        );
    };

    if (action === 'opened') {
      // Dispatched after the intake committed, so the opinion row is there.
      await sms('opinions.received', { ...base, url });
      if (o.deputyId) await tellDeputy(tx, ctx, e, o.deputyId, 'opinions.addressed', base);
      return;
    }
    const step = CITIZEN_STEPS[action];
    if (step) await sms('opinions.progress', { trackingNo: c.trackingNo, step, url });
    if (action === 'merge')
      await sms('opinions.progress', {
        trackingNo: c.trackingNo,
        step: `已与同类问题合并办理（主办事项编号 ${String(e.payload.mainTrackingNo ?? '')}），办理结果将同步告知您`,
        url,
      });
    // 并单: every citizen whose case was merged into this one hears its public steps too.
    if (step) await tellMerged(tx, ctx, e, c, step);

    if (action === 'assign' || action === 'reroute' || action === 'rateReopen' || action === 'reviewReopen') {
      const departmentId = String(e.payload.departmentId ?? o.departmentId ?? '');
      if (!departmentId) return;
      const [t] = await tx
        .select({ payload: timers.payload })
        .from(timers)
        .where(
          and(
            eq(timers.regionCode, c.regionCode),
            eq(timers.caseId, c.id),
            eq(timers.kind, 'reply_due'),
            eq(timers.status, 'open'),
          ),
        );
      const due = String((t?.payload as { day?: string } | undefined)?.day ?? '期限');
      await tellUnit(departmentId, 'opinions.assigned', { due });
    }
    if (action === 'reply' && o.deputyId) {
      const department = await departmentName(tx, e.regionCode, o.departmentId);
      await tellDeputy(tx, ctx, e, o.deputyId, 'opinions.deputy_replied', { ...base, department });
    }
    if (action === 'requestExtension' || action === 'rateReview') {
      const staff = await accountsCovering(tx, e.regionCode, ['congress_staff'], c.jurisdictionPath);
      const department = await departmentName(tx, e.regionCode, o.departmentId);
      for (const id of staff) {
        if (action === 'rateReview')
          await notify(
            tx,
            ctx,
            e.regionCode,
            { channel: 'inapp', accountId: id },
            'opinions.staff_review',
            base,
            `review:${e.id}:${id}`,
          );
        else
          await notify(
            tx,
            ctx,
            e.regionCode,
            { channel: 'inapp', accountId: id },
            'opinions.extension_requested',
            { ...base, department, days: String(e.payload.days), reason: String(e.payload.reason) },
            `ext:${e.id}:${id}`,
          );
      }
    }
    if (action === 'rateMerged' && e.payload.rating === 'dissatisfied') {
      // 并单: the main case's answer did not satisfy a merged citizen; the main case is not reopened
      // by them, so the congress staff are told and decide.
      for (const id of await accountsCovering(tx, e.regionCode, ['congress_staff'], c.jurisdictionPath))
        await notify(
          tx,
          ctx,
          e.regionCode,
          { channel: 'inapp', accountId: id },
          'system.message',
          {
            title: '并单群众对答复不满意',
            body: `事项 ${c.trackingNo}「${c.title}」已并入 ${String(e.payload.mainTrackingNo ?? '')} 办理，该事项的群众对主办事项的答复不满意，请关注。`,
          },
          `merged-dissatisfied:${e.id}:${id}`,
        );
    }
    if (action === 'escalate' || action === 'escalateLeader') await escalated(tx, ctx, e, hit, action);
    if (action === 'autoClose') await recordAutoClose(tx, ctx, c);
    if (action === 'autoCloseMerged') await recordMergedAutoClose(tx, ctx, c, o);
  });
}

/**
 * 督办: level 1 tells the unit's handlers; level 2 raises it to the congress at the region level
 * (the standing committee's staff, for its leaders). The level is mirrored on the opinion row.
 */
async function escalated(
  tx: Tx,
  ctx: AppContext,
  e: DomainEvent,
  { c, o }: NonNullable<Awaited<ReturnType<typeof load>>>,
  action: 'escalate' | 'escalateLeader',
) {
  const level = action === 'escalate' ? 1 : 2;
  await tx
    .update(opinions)
    .set({ supervisionLevel: level })
    .where(and(eq(opinions.regionCode, c.regionCode), eq(opinions.caseId, c.id)));
  const department = await departmentName(tx, e.regionCode, o.departmentId);
  const params = {
    trackingNo: c.trackingNo,
    title: c.title,
    department,
    level: level === 1 ? '已对承办单位督办' : '已提请人大常委会领导督办',
  };
  const recipients = new Set<string>();
  if (o.departmentId)
    for (const id of await departmentAccounts(tx, e.regionCode, o.departmentId)) recipients.add(id);
  if (level === 2) {
    const region = await findJurisdiction(tx, e.regionCode);
    const top = await tx
      .select({ id: roleGrants.accountId })
      .from(roleGrants)
      .where(
        and(
          eq(roleGrants.regionCode, e.regionCode),
          eq(roleGrants.role, 'congress_staff'),
          inArray(roleGrants.scopeCode, [region?.code ?? e.regionCode]),
        ),
      );
    for (const t of top) recipients.add(t.id);
  }
  for (const id of recipients)
    await notify(
      tx,
      ctx,
      e.regionCode,
      { channel: 'inapp', accountId: id },
      'opinions.escalated',
      params,
      `escalate:${e.id}:${id}`,
    );
}

/** The citizens of cases merged into this one: each is texted the step with their own follow link. */
async function tellMerged(
  tx: Tx,
  ctx: AppContext,
  e: DomainEvent,
  main: typeof cases.$inferSelect,
  step: string,
) {
  const merged = await tx
    .select({ c: cases, phoneEnc: opinions.contactPhoneEnc, citizen: opinions.citizenAccountId })
    .from(opinions)
    .innerJoin(cases, and(eq(cases.regionCode, opinions.regionCode), eq(cases.id, opinions.caseId)))
    .where(and(eq(opinions.regionCode, main.regionCode), eq(opinions.mergedInto, main.id)));
  for (const m of merged) {
    const phone = m.phoneEnc ? ctx.vault.decrypt(m.phoneEnc) : null;
    if (!phone || !phonePattern.test(phone)) continue;
    await notify(
      tx,
      ctx,
      e.regionCode,
      { channel: 'sms', phone, accountId: m.citizen ?? undefined },
      'opinions.progress',
      {
        trackingNo: m.c.trackingNo,
        step: `（已并入${main.trackingNo}办理）${step}`,
        url: `${ctx.config.publicBaseUrl}${followUrl(ctx, m.c.trackingNo, m.c.id)}`,
      },
      `opinions.progress:${e.id}:${m.c.id}`,
    );
  }
}
