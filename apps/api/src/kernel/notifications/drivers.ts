import type { PiiVault } from '../crypto/pii';
import { maskPhone } from '../crypto/pii';
import type { Executor } from '../db/client';
import { smsOutbox } from '../db/kernel.schema';
import { uuidv7 } from '../ids';

export interface SmsMessage {
  regionCode: string;
  notificationId: string | null;
  phone: string;
  body: string;
  at: Date;
}

/**
 * The SMS channel. The default driver records the message in `sms_outbox` (visible in the console)
 * instead of sending it, so a demo or a test can read one-time codes. A gateway adapter implements
 * the same interface: see docs/modules/notifications.md for Aliyun/Tencent Cloud SMS adapters.
 */
export interface SmsDriver {
  readonly name: string;
  send(exec: Executor, msg: SmsMessage, vault: PiiVault): Promise<void>;
}

export const outboxSmsDriver: SmsDriver = {
  name: 'outbox',
  async send(exec, msg, vault) {
    await exec.insert(smsOutbox).values({
      regionCode: msg.regionCode,
      id: uuidv7(msg.at.getTime()),
      notificationId: msg.notificationId,
      phoneEnc: vault.encrypt(msg.phone),
      phoneHash: vault.blindIndex(msg.phone),
      phoneMasked: maskPhone(msg.phone),
      body: msg.body,
      createdAt: msg.at,
    });
  },
};

/** Robot webhook bodies: WeCom (企业微信) and DingTalk (钉钉) group robots take markdown/text. */
export function webhookBody(kind: 'wecom' | 'dingtalk' | 'generic', title: string, body: string): unknown {
  if (kind === 'wecom') return { msgtype: 'markdown', markdown: { content: `**${title}**\n${body}` } };
  if (kind === 'dingtalk') return { msgtype: 'markdown', markdown: { title, text: `### ${title}\n${body}` } };
  return { title, body };
}

export type WebhookPoster = (url: string, body: unknown) => Promise<void>;

export const fetchWebhookPoster: WebhookPoster = async (url, body) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
  // WeCom and DingTalk answer 200 with an errcode in the body on failure.
  const json = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
  if (json.errcode) throw new Error(`webhook errcode ${json.errcode}: ${json.errmsg ?? ''}`);
};
