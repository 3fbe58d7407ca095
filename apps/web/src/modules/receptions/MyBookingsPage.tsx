import { Alert, Button, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorText } from '../../api';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { FullPageSpin } from '../../shared/FullPageSpin';
import { useApi } from '../../shared/useApi';
import { OtpSignIn } from '../portal/OtpSignIn';
import { dayLabel, type ItemsOf, type MyBooking, statusColors } from './receptions.types';
import { useCitizen } from './useCitizen';
import './booking.css';

/** 我的预约 (portal): the citizen's bookings, with the check-in code and cancellation. */
export function MyBookingsPage() {
  const [session, signedIn] = useCitizen();
  if (session.status === 'loading') return <FullPageSpin />;
  if (session.status === 'anonymous') return <OtpSignIn onSignedIn={signedIn} />;
  return <BookingList />;
}

function BookingList() {
  const list = useApi<ItemsOf<MyBooking>>('/api/public/bookings/mine');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string } | null>(null);

  const cancel = async (id: string) => {
    setBusy(true);
    try {
      await api.post(`/api/public/bookings/${id}/cancel`);
      setMessage({ type: 'success', text: '已取消预约' });
      setConfirming(null);
      list.reload();
    } catch (cause) {
      setMessage({ type: 'error', text: errorText(cause) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h3 style={{ margin: '4px 0 12px' }}>我的预约</h3>
      {message ? (
        <Alert type={message.type} showIcon title={message.text} style={{ marginBottom: 12 }} />
      ) : null}
      <AsyncBlock state={list} isEmpty={(d) => d.items.length === 0} emptyText="您还没有预约过接待">
        {(d) => (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="我的预约">
            {d.items.map((b) => (
              <li key={b.id} className="portal-card">
                <h3>
                  {dayLabel(b.day)} {b.slotStart} <Tag color={statusColors[b.status]}>{b.statusLabel}</Tag>
                </h3>
                <p>
                  <Link to={`/s/${b.stationCode}/book`}>{b.stationName}</Link> · {b.address}
                </p>
                <p>事项：{b.topic}</p>
                {b.checkInCode && b.status === 'booked' ? (
                  <p>
                    签到码 <strong style={{ fontSize: 20, letterSpacing: 3 }}>{b.checkInCode}</strong>
                  </p>
                ) : null}
                {b.canCancel ? (
                  confirming === b.id ? (
                    <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
                      <Button danger block loading={busy} onClick={() => cancel(b.id)}>
                        确认取消
                      </Button>
                      <Button block onClick={() => setConfirming(null)}>
                        保留预约
                      </Button>
                    </div>
                  ) : (
                    <Button block style={{ marginTop: 8 }} onClick={() => setConfirming(b.id)}>
                      取消预约
                    </Button>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </AsyncBlock>
    </>
  );
}
