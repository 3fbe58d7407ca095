/** `GET /api/notifications/inbox` */
export interface InboxItem {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface Inbox {
  items: InboxItem[];
  unread: number;
}

/** `GET /api/notifications/sms-outbox` */
export interface SmsOutboxItem {
  id: string;
  phoneMasked: string;
  body: string;
  createdAt: string;
}
