export type WebhookKind = 'wecom' | 'dingtalk' | 'generic';

export const webhookKindLabels: Record<WebhookKind, string> = {
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
  generic: '通用 Webhook',
};

/** `GET /api/notifications/webhooks` items; `url` is masked by the server (host only). */
export interface WebhookRow {
  id: string;
  kind: WebhookKind;
  kindLabel: string;
  name: string;
  jurisdictionCode: string;
  url: string;
  enabled: boolean;
}

/** `POST /api/notifications/webhooks` → 201 `{ id }` */
export interface CreateWebhookRequest {
  kind: WebhookKind;
  name: string;
  jurisdictionCode: string;
  url: string;
}
