import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import type { Actor } from '../../kernel/auth/actor';
import { auditLog } from '../../kernel/db/kernel.schema';
import { findJurisdiction } from '../jurisdictions/jurisdictions.repository';
import { authenticateApiKey, hashApiKey } from './api-keys';
import { DEMO_OPEN311_KEY } from './integrations.demo';
import { apiClients } from './integrations.schema';
import { issueApiKey, listApiClients } from './integrations.usecases';

const env = await startTestServer();
const { app, ctx } = env;
const { db } = ctx.database;

const KEY_SHAPE = /^lxk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;
const fileCase = (key: string) =>
  app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: new URLSearchParams({
      api_key: key,
      service_code: 'CJ01',
      address_string: '莘庄镇莘松路口',
      description: '路口红绿灯损坏已经三天了',
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

describe('API keys (接口密钥)', () => {
  it('lists keys with their prefix only, including the documented demo key', async () => {
    const admin = await signedIn(app, 'admin');
    const res = await admin.get('/api/integrations/clients');
    expect(res.statusCode).toBe(200);
    const [demo] = await db.select().from(apiClients).where(eq(apiClients.keyPrefix, 'lxk_03110d3e'));
    expect(demo!.keyHash).toBe(hashApiKey(DEMO_OPEN311_KEY));
    expect(res.body).not.toContain(demo!.keyHash);
    expect(res.body).not.toContain(DEMO_OPEN311_KEY);
    const item = res.json().items.find((i: { keyPrefix: string }) => i.keyPrefix === 'lxk_03110d3e');
    expect(item).toMatchObject({
      kind: 'open311',
      jurisdictionCode: '310112',
      jurisdictionName: '闵行区',
      active: true,
    });
    expect(Object.keys(item)).not.toContain('key');
    expect(Object.keys(item)).not.toContain('keyHash');
  });

  it('issues a key once, which then files cases; revoking it (with a reason) stops it for good', async () => {
    const admin = await signedIn(app, 'admin');
    const res = await admin.post('/api/integrations/clients', {
      kind: 'open311',
      name: '市民随手拍 App',
      jurisdictionCode: '310112',
      contact: '运维 张工',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { client, key } = res.json();
    expect(key).toMatch(KEY_SHAPE);
    expect(key.startsWith(`${client.keyPrefix}_`)).toBe(true);
    expect(client).toMatchObject({ kind: 'open311', name: '市民随手拍 App', active: true, lastUsedAt: null });

    const listed = await admin.get('/api/integrations/clients');
    expect(listed.body).not.toContain(key);
    expect(listed.json().items[0]).toMatchObject({ id: client.id, keyPrefix: client.keyPrefix });

    expect((await fileCase(key)).statusCode).toBe(200);
    const used = (await admin.get('/api/integrations/clients'))
      .json()
      .items.find((i: { id: string }) => i.id === client.id);
    expect(used.lastUsedAt).not.toBeNull();

    expect((await admin.post(`/api/integrations/clients/${client.id}/revoke`, {})).statusCode).toBe(400);
    const revoked = await admin.post(`/api/integrations/clients/${client.id}/revoke`, {
      reason: '客户端停止服务',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ active: false });
    expect(revoked.json().revokedAt).not.toBeNull();
    const refused = await fileCase(key);
    expect(refused.statusCode).toBe(403);
    expect(await authenticateApiKey(db, key, 'open311')).toBeNull();
    const twice = await admin.post(`/api/integrations/clients/${client.id}/revoke`, { reason: '再次吊销' });
    expect(twice.statusCode).toBe(409);
    expect(errorCode(twice)).toBe('integrations.already_revoked');
    const missing = await admin.post(
      '/api/integrations/clients/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/revoke',
      {
        reason: '不存在',
      },
    );
    expect(errorCode(missing)).toBe('integrations.not_found');

    // Both go to the audit chain, with the prefix and the reason but never the key.
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(like(auditLog.action, 'integrations.%'), eq(auditLog.targetId, client.id)));
    expect(entries.map((e) => e.action).sort()).toEqual([
      'integrations.key_issue',
      'integrations.key_revoke',
    ]);
    expect(JSON.stringify(entries)).not.toContain(key);
    expect(entries.find((e) => e.action === 'integrations.key_revoke')!.details).toMatchObject({
      reason: '客户端停止服务',
      keyPrefix: client.keyPrefix,
    });
    const verify = await (await signedIn(app, 'auditor')).post('/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true });
  });

  it('refuses a hotline key on the Open311 interface', async () => {
    const admin = await signedIn(app, 'admin');
    const { key } = (
      await admin.post('/api/integrations/clients', {
        kind: 'hotline',
        name: '12345 工单系统',
        jurisdictionCode: '310112',
      })
    ).json();
    expect(key).toMatch(KEY_SHAPE);
    expect((await fileCase(key)).statusCode).toBe(403);
    expect(await authenticateApiKey(db, key, 'hotline')).not.toBeNull();
  });

  it('is for system administrators only, within their own subtree', async () => {
    const district = await signedIn(app, 'district');
    expect((await district.get('/api/integrations/clients')).statusCode).toBe(403);
    expect(
      (
        await district.post('/api/integrations/clients', {
          kind: 'open311',
          name: '越权',
          jurisdictionCode: '310112',
        })
      ).statusCode,
    ).toBe(403);
    const admin = await signedIn(app, 'admin');
    const unknown = await admin.post('/api/integrations/clients', {
      kind: 'open311',
      name: '外区',
      jurisdictionCode: '110101',
    });
    expect(errorCode(unknown)).toBe('integrations.unknown_jurisdiction');
    const bad = await admin.post('/api/integrations/clients', {
      kind: 'root',
      name: 'x',
      jurisdictionCode: 'abc',
    });
    expect(bad.statusCode).toBe(400);

    // A township's system administrator: keys of the township only.
    const town = (await findJurisdiction(db, '310112101'))!;
    const townAdmin: Actor = {
      kind: 'staff',
      accountId: null,
      regionCode: '310112',
      label: '镇系统管理员',
      grants: [{ role: 'sysadmin', scopeCode: town.code, scopePath: town.path, scopeName: town.name }],
    };
    await expect(
      issueApiKey(ctx, townAdmin, { kind: 'open311', name: '全区', jurisdictionCode: '310112' }),
    ).rejects.toMatchObject({
      code: 'auth.out_of_scope',
    });
    const own = await issueApiKey(ctx, townAdmin, {
      kind: 'open311',
      name: '镇随手拍',
      jurisdictionCode: town.code,
    });
    expect(own.key).toMatch(KEY_SHAPE);
    const seen = await listApiClients(ctx, townAdmin);
    expect(seen.map((c) => c.jurisdictionCode)).toEqual([town.code]);
    // The region's administrator covers the township: they may revoke its key.
    const admin2 = await signedIn(app, 'admin');
    const r = await admin2.post(`/api/integrations/clients/${own.client.id}/revoke`, { reason: '测试吊销' });
    expect(r.statusCode).toBe(200);
  });
});
