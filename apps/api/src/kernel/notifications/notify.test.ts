import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../test/harness';
import { notifications, smsOutbox, webhookTargets } from '../db/kernel.schema';
import { uuidv7 } from '../ids';
import { type WebhookPoster, webhookBody } from './drivers';
import { deliverDueNotifications, notify, type Recipient } from './notify';
import { render } from './templates';

const env = await startTestServer();
const { ctx, clock, database } = env;
const { db } = database;
const REGION = '310112';

async function queue(
  to: Recipient,
  params: Record<string, string | number>,
  template: Parameters<typeof notify>[4] = 'system.message',
) {
  await db.transaction((tx) => notify(tx, ctx, REGION, to, template, params));
  const [n] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.regionCode, REGION), eq(notifications.body, String(params.body ?? ''))));
  return n!;
}

async function reload(id: string) {
  const [n] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.regionCode, REGION), eq(notifications.id, id)));
  return n!;
}

async function addTarget(kind: 'wecom' | 'dingtalk' | 'generic', url: string): Promise<string> {
  const id = uuidv7();
  await db.insert(webhookTargets).values({
    regionCode: REGION,
    id,
    jurisdictionCode: REGION,
    kind,
    name: `${kind} 机器人`,
    urlEnc: ctx.vault.encrypt(url),
  });
  return id;
}

/** A poster that answers per URL from a script of outcomes (true = success), recording each call. */
function scriptedPoster(script: Record<string, boolean[]>) {
  const calls: Array<{ url: string; body: unknown }> = [];
  const poster: WebhookPoster = async (url, body) => {
    calls.push({ url, body });
    const outcomes = script[url] ?? [];
    const ok = outcomes.length > 1 ? outcomes.shift()! : (outcomes[0] ?? false);
    if (!ok) throw new Error(`机器人接口返回 errcode 93000 (${url})`);
  };
  return { poster, calls: (url: string) => calls.filter((c) => c.url === url) };
}

describe('SMS notifications', () => {
  it('queues an SMS with the number encrypted and masked, and the runner delivers it into sms_outbox', async () => {
    clock.set('2026-06-01T09:00:00+08:00');
    const phone = '13912345678';
    const n = await queue({ channel: 'sms', phone }, { title: '提醒', body: '您反映的问题已受理' });
    expect(n).toMatchObject({
      channel: 'sms',
      status: 'pending',
      attempts: 0,
      addressMasked: '139****5678',
      title: '提醒',
    });
    expect(n.addressEnc).not.toContain(phone);
    expect(ctx.vault.decrypt(n.addressEnc!)).toBe(phone);
    expect(JSON.stringify(n)).not.toContain(phone);

    await env.server.runner.runOnce();
    const sent = await reload(n.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, sentAt: clock.now(), lastError: null });
    const [sms, ...more] = await db.select().from(smsOutbox).where(eq(smsOutbox.notificationId, n.id));
    expect(more).toEqual([]);
    expect(sms).toMatchObject({ phoneMasked: '139****5678', body: '您反映的问题已受理', regionCode: REGION });
    expect(sms!.phoneEnc).not.toContain(phone);
    expect(ctx.vault.decrypt(sms!.phoneEnc)).toBe(phone);
    expect(sms!.phoneHash).toBe(ctx.vault.blindIndex(phone));
    expect(JSON.stringify(sms)).not.toContain(phone);

    // Sent once: another pass does not send it again.
    clock.advance({ minutes: 10 });
    await env.server.runner.runOnce();
    expect(await db.select().from(smsOutbox).where(eq(smsOutbox.notificationId, n.id))).toHaveLength(1);
  });
});

describe('webhook notifications', () => {
  it('retries a failing robot with backoff and records the third attempt as sent', async () => {
    clock.set('2026-06-02T09:00:00+08:00');
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=flaky';
    const targetId = await addTarget('wecom', url);
    const { poster, calls } = scriptedPoster({ [url]: [false, false, true] });
    const n = await queue(
      { channel: 'webhook', targetId },
      { title: '超期提醒', body: '事项 MY20260602000001 已超期' },
    );
    expect(n).toMatchObject({
      channel: 'webhook',
      addressEnc: null,
      addressMasked: targetId,
      status: 'pending',
    });

    await deliverDueNotifications(ctx, { poster });
    let r = await reload(n.id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1 });
    expect(r.lastError).toContain('93000');
    expect(r.nextAttemptAt.getTime() - clock.now().getTime()).toBe(30_000);

    // Not before the backoff.
    clock.advance({ seconds: 29 });
    await deliverDueNotifications(ctx, { poster });
    expect(calls(url)).toHaveLength(1);

    clock.advance({ seconds: 1 });
    await deliverDueNotifications(ctx, { poster });
    r = await reload(n.id);
    expect(r).toMatchObject({ status: 'pending', attempts: 2 });
    expect(r.nextAttemptAt.getTime() - clock.now().getTime()).toBe(60_000);

    clock.advance({ seconds: 60 });
    await deliverDueNotifications(ctx, { poster });
    r = await reload(n.id);
    expect(r).toMatchObject({ status: 'sent', attempts: 3, lastError: null, sentAt: clock.now() });
    expect(calls(url)).toHaveLength(3);
    // The poster got the decrypted URL and the WeCom markdown body.
    expect(calls(url)[2]!.body).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**超期提醒**\n事项 MY20260602000001 已超期' },
    });

    clock.advance({ hours: 1 });
    await deliverDueNotifications(ctx, { poster });
    expect(calls(url)).toHaveLength(3);
  });

  it('gives up after 6 attempts and marks the notification failed', async () => {
    clock.set('2026-06-03T09:00:00+08:00');
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=broken';
    const targetId = await addTarget('dingtalk', url);
    const { poster, calls } = scriptedPoster({ [url]: [false] });
    const n = await queue({ channel: 'webhook', targetId }, { title: '提醒', body: '总是失败的机器人' });

    let r = n;
    const delays: number[] = [];
    for (let i = 0; i < 10 && r.status === 'pending'; i++) {
      clock.set(r.nextAttemptAt);
      await deliverDueNotifications(ctx, { poster });
      r = await reload(n.id);
      delays.push(r.nextAttemptAt.getTime() - clock.now().getTime());
    }
    expect(r).toMatchObject({ status: 'failed', attempts: 6, sentAt: null });
    expect(r.lastError).toContain('errcode 93000');
    expect(calls(url)).toHaveLength(6);
    // 30 s, 1 min, 2 min, 4 min, 8 min between the attempts.
    expect(delays.slice(0, 5)).toEqual([30, 60, 120, 240, 480].map((s) => s * 1000));
    expect(calls(url)[0]!.body).toEqual({
      msgtype: 'markdown',
      markdown: { title: '提醒', text: '### 提醒\n总是失败的机器人' },
    });

    clock.advance({ days: 1 });
    await deliverDueNotifications(ctx, { poster });
    expect(calls(url)).toHaveLength(6);
  });

  it('does not post to a disabled target', async () => {
    clock.set('2026-06-04T09:00:00+08:00');
    const url = 'https://example.gov.cn/hooks/disabled';
    const targetId = await addTarget('generic', url);
    await db.update(webhookTargets).set({ enabled: 0 }).where(eq(webhookTargets.id, targetId));
    const { poster, calls } = scriptedPoster({ [url]: [true] });
    const n = await queue({ channel: 'webhook', targetId }, { title: '提醒', body: '停用的目标' });
    await deliverDueNotifications(ctx, { poster });
    expect(calls(url)).toEqual([]);
    expect(await reload(n.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'webhook target missing or disabled',
    });
  });
});

describe('robot bodies and templates', () => {
  it('shapes WeCom, DingTalk and generic bodies', () => {
    expect(webhookBody('wecom', '标题', '正文')).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**标题**\n正文' },
    });
    expect(webhookBody('dingtalk', '标题', '正文')).toEqual({
      msgtype: 'markdown',
      markdown: { title: '标题', text: '### 标题\n正文' },
    });
    expect(webhookBody('generic', '标题', '正文')).toEqual({ title: '标题', body: '正文' });
  });

  it('fills every placeholder and throws on a missing parameter instead of sending a message with a hole', async () => {
    expect(
      render('workflow.overdue', { trackingNo: 'MY20260601000001', title: '路灯不亮', due: '2026-06-22' }),
    ).toEqual({
      title: '事项已超期',
      body: '事项 MY20260601000001「路灯不亮」已超过办理期限（2026-06-22），已自动督办。',
    });
    expect(() => render('workflow.overdue', { trackingNo: 'MY20260601000001', title: '路灯不亮' })).toThrow(
      /missing param due/,
    );
    // notify() renders before writing, so nothing is queued.
    const before = await db.select().from(notifications);
    await expect(
      db.transaction((tx) =>
        notify(tx, ctx, REGION, { channel: 'sms', phone: '13800001111' }, 'auth.otp', { code: '123456' }),
      ),
    ).rejects.toThrow(/missing param minutes/);
    expect(await db.select().from(notifications)).toHaveLength(before.length);
  });
});
