import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorCode, signedIn, startTestServer } from '../../../test/harness';
import { auditLog, notifications } from '../../kernel/db/kernel.schema';
import { deputies } from './deputies.schema';

const { app, ctx } = await startTestServer();
const { db } = ctx.database;

async function deputyIn(townshipCode: string) {
  const rows = await db.select().from(deputies).where(eq(deputies.regionCode, '310112'));
  return rows.find((d) => d.jurisdictionCode.startsWith(townshipCode))!;
}

describe('revealing a deputy phone', () => {
  it('shows the plaintext to congress staff with a purpose and audits the view', async () => {
    const d = await deputyIn('310112101');
    const staff = await signedIn(app, 'district');
    const res = await staff.post(`/api/deputies/${d.id}/phone`, { purpose: '联系参加接待日' });
    expect(res.statusCode).toBe(200);
    const { phone, masked } = res.json();
    expect(phone).toMatch(/^1[3-9]\d{9}$/);
    expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const views = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'pii.view'), eq(auditLog.targetId, d.id)));
    expect(views).toHaveLength(1);
    expect(views[0]!.details).toEqual({ field: 'phone', purpose: '联系参加接待日' });
  });

  it('requires a purpose and refuses staff of another street', async () => {
    const d = await deputyIn('310112101');
    const staff = await signedIn(app, 'district');
    const missing = await staff.post(`/api/deputies/${d.id}/phone`, { purpose: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].message).toBe('请填写查看原因');
    const other = await signedIn(app, 'qibao');
    expect(errorCode(await other.post(`/api/deputies/${d.id}/phone`, { purpose: '核实' }))).toBe(
      'auth.out_of_scope',
    );
    const own = await signedIn(app, 'xinzhuang');
    expect((await own.post(`/api/deputies/${d.id}/phone`, { purpose: '核实' })).statusCode).toBe(200);
  });
});

describe('robot webhooks', () => {
  it('stores the URL encrypted, shows only the host, and queues a test message', async () => {
    const admin = await signedIn(app, 'admin');
    const bad = await admin.post('/api/notifications/webhooks', {
      kind: 'wecom',
      name: '区人大工作群',
      jurisdictionCode: '310112',
      url: 'http://example.com/x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].message).toBe('请填写以 https:// 开头的完整地址');
    for (const internal of [
      'https://10.0.0.8/hook',
      'https://localhost/hook',
      'https://[::1]/hook',
      'https://intranet/hook',
    ]) {
      const r = await admin.post('/api/notifications/webhooks', {
        kind: 'generic',
        name: '内网',
        jurisdictionCode: '310112',
        url: internal,
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.details[0].message).toBe(
        '请使用机器人服务的域名地址，不能使用 IP 地址或本机地址',
      );
    }
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-robot-key';
    const created = await admin.post('/api/notifications/webhooks', {
      kind: 'wecom',
      name: '区人大工作群',
      jurisdictionCode: '310112',
      url,
    });
    expect(created.statusCode).toBe(201);
    const list = (await admin.get('/api/notifications/webhooks')).json();
    expect(list.items[0]).toMatchObject({
      kind: 'wecom',
      kindLabel: '企业微信群机器人',
      url: 'https://qyapi.weixin.qq.com/…',
      enabled: true,
    });
    expect(JSON.stringify(list)).not.toContain('secret-robot-key');
    const id = created.json().id;
    expect((await admin.post(`/api/notifications/webhooks/${id}/test`)).statusCode).toBe(200);
    const queued = await db.select().from(notifications).where(eq(notifications.channel, 'webhook'));
    expect(queued).toHaveLength(1);
    expect(queued[0]!.status).toBe('pending');
    expect((await admin.post(`/api/notifications/webhooks/${id}/disable`)).statusCode).toBe(200);
    expect((await admin.get('/api/notifications/webhooks')).json().items[0].enabled).toBe(false);
    const refused = await admin.post(`/api/notifications/webhooks/${id}/test`);
    expect([refused.statusCode, errorCode(refused)]).toEqual([409, 'notifications.webhook_disabled']);
    expect((await admin.post(`/api/notifications/webhooks/${id}/enable`)).statusCode).toBe(200);
    expect((await admin.get('/api/notifications/webhooks')).json().items[0].enabled).toBe(true);
    // Street staff are not system administrators.
    expect((await (await signedIn(app, 'xinzhuang')).get('/api/notifications/webhooks')).statusCode).toBe(
      403,
    );
  });
});
