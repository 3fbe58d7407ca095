import { loginRequest, me, otpRequest, otpVerify, roles } from '@lianxin/contracts';
import { z } from 'zod';
import { appendAudit } from '../../kernel/audit/audit';
import type { Actor } from '../../kernel/auth/actor';
import type { AppContext } from '../../kernel/context';
import { maskPhone } from '../../kernel/crypto/pii';
import type { App } from '../../kernel/http/app';
import { createAccount, listAccounts, unlockAccount } from './admin';
import { CSRF_COOKIE, clearSessionCookies, setSessionCookies } from './authenticate';
import { logIn } from './login';
import { requestOtp, verifyOtp } from './otp';
import type { Account } from './sessions';
import { revokeSession } from './sessions';
import { enableTotp, startTotpSetup } from './totp';

function present(ctx: AppContext, account: Account, actor: Actor, csrfToken: string): z.infer<typeof me> {
  return {
    accountId: account.id,
    kind: account.kind,
    displayName: account.displayName,
    username: account.username,
    phoneMasked: account.phoneEnc ? maskPhone(ctx.vault.decrypt(account.phoneEnc)) : null,
    grants: actor.grants.map((g) => ({ role: g.role, scopeCode: g.scopeCode, scopeName: g.scopeName })),
    totpEnabled: account.totpEnabled,
    csrfToken,
    idleTimeoutMinutes: ctx.config.SESSION_IDLE_MINUTES,
  };
}

const tags = ['账号与登录'];

export function accountsRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: { tags, summary: '工作人员登录', body: loginRequest, response: { 200: me } },
    },
    async (req, reply) => {
      const r = await logIn(ctx, req.body, { ip: req.ip, requestId: req.id });
      setSessionCookies(ctx, reply, r.token, r.csrfToken);
      return present(ctx, r.account, r.actor, r.csrfToken);
    },
  );

  app.post(
    '/api/auth/otp/request',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '群众获取短信验证码',
        body: otpRequest,
        response: { 200: z.object({ sent: z.literal(true), retryAfterSeconds: z.number() }) },
      },
    },
    async (req) => ({ sent: true as const, ...(await requestOtp(ctx, req.body.phone, req.ip)) }),
  );

  app.post(
    '/api/auth/otp/verify',
    {
      config: { access: 'public' },
      schema: { tags, summary: '群众短信验证码登录', body: otpVerify, response: { 200: me } },
    },
    async (req, reply) => {
      const r = await verifyOtp(ctx, req.body.phone, req.body.code, req.ip, req.id);
      setSessionCookies(ctx, reply, r.token, r.csrfToken);
      return present(ctx, r.account, r.actor, r.csrfToken);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags, summary: '退出登录' } },
    async (req, reply) => {
      const actor = req.actor!;
      await revokeSession(ctx, actor.sessionId!, actor.regionCode);
      await ctx.database.db.transaction((tx) =>
        appendAudit(tx, actor, ctx.clock.now(), {
          action: 'auth.logout',
          targetType: 'account',
          targetId: actor.accountId ?? undefined,
        }),
      );
      clearSessionCookies(reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: 'authenticated' }, schema: { tags, summary: '当前登录用户', response: { 200: me } } },
    async (req) => {
      const { accounts } = await import('./accounts.schema');
      const { and, eq } = await import('drizzle-orm');
      const actor = req.actor!;
      const [account] = await ctx.database.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.regionCode, actor.regionCode), eq(accounts.id, actor.accountId!)));
      return present(ctx, account!, actor, req.cookies[CSRF_COOKIE] ?? '');
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      config: { access: { roles: roles.filter((r) => r !== 'citizen') } },
      schema: {
        tags,
        summary: '开始绑定动态口令',
        response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }) },
      },
    },
    async (req) => startTotpSetup(ctx, req.actor!),
  );

  app.post(
    '/api/auth/totp/enable',
    {
      config: { access: { roles: roles.filter((r) => r !== 'citizen') } },
      schema: {
        tags,
        summary: '确认启用动态口令',
        body: z.object({ code: z.string().regex(/^\d{6}$/, '动态验证码为 6 位数字') }),
      },
    },
    async (req) => {
      await enableTotp(ctx, req.actor!, req.body.code);
      return { enabled: true };
    },
  );

  const accountItem = z.object({
    id: z.string(),
    username: z.string().nullable(),
    displayName: z.string(),
    kind: z.enum(['staff', 'citizen']),
    status: z.enum(['active', 'disabled']),
    locked: z.boolean(),
    grants: z.array(z.object({ role: z.enum(roles), scopeCode: z.string(), scopeName: z.string() })),
    lastLoginAt: z.date().nullable(),
  });

  app.get(
    '/api/accounts',
    {
      config: { access: { roles: ['sysadmin', 'secadmin'] } },
      schema: {
        tags,
        summary: '账号列表（本辖区）',
        querystring: z.object({ scope: z.string().optional(), q: z.string().max(50).optional() }),
        response: { 200: z.object({ items: z.array(accountItem) }) },
      },
    },
    async (req) => ({ items: await listAccounts(ctx, req.actor!, req.query) }),
  );

  app.post(
    '/api/accounts',
    {
      config: { access: { roles: ['sysadmin'] } },
      schema: {
        tags,
        summary: '新建工作人员账号',
        body: z.object({
          username: z
            .string()
            .trim()
            .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为 3–32 位小写字母、数字或 _.-，以字母开头'),
          displayName: z.string().trim().min(1, '请输入姓名').max(50),
          password: z.string().min(1).max(128),
          role: z.enum(roles).refine((r) => r !== 'citizen', '不能为群众创建工作人员账号'),
          scopeCode: z.string().min(2).max(20),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createAccount(ctx, req.actor!, req.body)),
  );

  app.post(
    '/api/accounts/:id/unlock',
    {
      config: { access: { roles: ['secadmin'] } },
      schema: { tags, summary: '解锁账号', params: z.object({ id: z.string().uuid('账号编号格式不正确') }) },
    },
    async (req) => {
      await unlockAccount(ctx, req.actor!, req.params.id);
      return { unlocked: true };
    },
  );
}
