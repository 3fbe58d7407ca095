import { CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorText } from '../../api';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { formatDateTime } from '../../shared/format';
import { useApi } from '../../shared/useApi';
import type { Inbox, InboxItem } from './notifications.types';
import { useUnread } from './UnreadContext';

export function InboxPage() {
  const inbox = useApi<Inbox>('/api/notifications/inbox');
  const { setUnread } = useUnread();
  const { message } = App.useApp();
  const [readIds, setReadIds] = useState<Set<string>>(new Set());
  const [busyId, setBusyId] = useState<string | null>(null);

  useEffect(() => {
    if (inbox.data) {
      setReadIds(new Set());
      setUnread(inbox.data.unread);
    }
  }, [inbox.data, setUnread]);

  const markRead = async (item: InboxItem) => {
    setBusyId(item.id);
    try {
      await api.post(`/api/notifications/${encodeURIComponent(item.id)}/read`);
      setReadIds((prev) => new Set(prev).add(item.id));
      setUnread((count) => Math.max(0, count - 1));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <>
      <Typography.Title level={3}>消息通知</Typography.Title>
      <AsyncBlock state={inbox} isEmpty={(data) => data.items.length === 0} emptyText="暂无消息">
        {(data) => (
          <Card>
            {data.items.map((item) => {
              const isRead = item.readAt !== null || readIds.has(item.id);
              return (
                <article key={item.id} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                    <Badge status={isRead ? 'default' : 'error'} />
                    <Typography.Text strong={!isRead}>{item.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginLeft: 'auto', fontSize: 12 }}>
                      {formatDateTime(item.createdAt)}
                    </Typography.Text>
                    {isRead ? null : (
                      <Button
                        size="small"
                        icon={<CheckOutlined />}
                        loading={busyId === item.id}
                        onClick={() => markRead(item)}
                      >
                        标为已读
                      </Button>
                    )}
                  </div>
                  <Typography.Paragraph
                    type="secondary"
                    style={{ margin: '6px 0 0 16px', whiteSpace: 'pre-wrap' }}
                  >
                    {item.body}
                  </Typography.Paragraph>
                </article>
              );
            })}
          </Card>
        )}
      </AsyncBlock>
    </>
  );
}
