import { CheckCircleFilled, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Input } from 'antd';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorText } from '../../api';
import { AsyncBlock } from '../../shared/AsyncBlock';
import { FullPageSpin } from '../../shared/FullPageSpin';
import { useApi } from '../../shared/useApi';
import { OtpSignIn } from '../portal/OtpSignIn';
import { type BookingResult, dayLabel, type PublicDay, type PublicReceptionDays } from './receptions.types';
import { useCitizen } from './useCitizen';
import './booking.css';

interface Choice {
  day: PublicDay;
  slot: string;
}

/** 预约接待 (portal, phones first): upcoming days and slots of one station, by its public code. */
export function BookingPage() {
  const { code = '' } = useParams();
  const data = useApi<PublicReceptionDays>(`/api/public/stations/${encodeURIComponent(code)}/reception-days`);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [done, setDone] = useState<BookingResult | null>(null);

  if (done && data.data) return <Confirmation result={done} station={data.data.station} />;
  return (
    <AsyncBlock state={data}>
      {(d) => (
        <>
          <section className="portal-card">
            <h3>{d.station.name}</h3>
            <p>
              <EnvironmentOutlined /> {d.station.address}
            </p>
            <p>选择接待日和时段，到站面对面向人大代表反映意见建议。</p>
          </section>
          {d.days.length === 0 ? (
            <Alert type="info" showIcon title={`近 ${d.horizonDays} 天暂无可预约的接待日`} />
          ) : (
            <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="接待日">
              {d.days.map((day) => (
                <DayCard
                  key={day.day}
                  day={day}
                  chosen={choice?.day.day === day.day ? choice.slot : null}
                  onChoose={(slot) => setChoice({ day, slot })}
                />
              ))}
            </ul>
          )}
          {choice ? (
            <BookingForm
              stationCode={d.station.code}
              choice={choice}
              onBooked={(r) => {
                setDone(r);
                data.reload();
              }}
            />
          ) : null}
        </>
      )}
    </AsyncBlock>
  );
}

function DayCard({
  day,
  chosen,
  onChoose,
}: {
  day: PublicDay;
  chosen: string | null;
  onChoose: (s: string) => void;
}) {
  return (
    <li className="bk-day">
      <div className="bk-day-title">{dayLabel(day.day)}</div>
      <div className="bk-day-meta">
        {day.startTime}–{day.endTime}
        {day.deputies.length ? ` · 接待代表：${day.deputies.map((x) => x.name).join('、')}` : ''}
        {day.theme ? ` · 主题：${day.theme}` : ''}
      </div>
      <div className="bk-slots">
        {day.slots.map((s) => (
          <button
            key={s.start}
            type="button"
            className="bk-slot"
            disabled={s.remaining === 0}
            aria-pressed={chosen === s.start}
            aria-label={`${dayLabel(day.day)} ${s.start}`}
            onClick={() => onChoose(s.start)}
          >
            {s.start}
            <small>{s.remaining === 0 ? '已约满' : `余 ${s.remaining}`}</small>
          </button>
        ))}
      </div>
    </li>
  );
}

function BookingForm({
  stationCode,
  choice,
  onBooked,
}: {
  stationCode: string;
  choice: Choice;
  onBooked: (r: BookingResult) => void;
}) {
  const [session, signedIn] = useCitizen();
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const top = useRef<HTMLDivElement>(null);
  // The list of days is long on a phone: bring the sign-in or the form into view after a tap.
  const ready = session.status !== 'loading';
  useEffect(() => {
    if (ready && choice.slot) top.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [choice.slot, ready]);

  if (session.status === 'loading') return <FullPageSpin />;
  if (session.status === 'anonymous') {
    return (
      <div ref={top}>
        <Alert
          type="info"
          showIcon
          title="请先用手机号登录，预约结果和提醒将以短信发送给您"
          style={{ marginBottom: 12 }}
        />
        <OtpSignIn onSignedIn={signedIn} />
      </div>
    );
  }
  if (session.me.kind !== 'citizen') {
    return <Alert type="warning" showIcon title="工作人员账号不能预约，请使用群众手机号登录" />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('请填写姓名');
    if (topic.trim().length < 2) return setError('请简要填写想反映的事项');
    setBusy(true);
    setError(null);
    try {
      onBooked(
        await api.post<BookingResult>('/api/public/bookings', {
          stationCode,
          day: choice.day.day,
          slotStart: choice.slot,
          topic: topic.trim(),
          name: name.trim(),
        }),
      );
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div ref={top}>
      <form className="portal-card" onSubmit={submit} noValidate aria-label="预约信息">
        <h3>
          预约 {dayLabel(choice.day.day)} {choice.slot}
        </h3>
        {error ? <Alert type="error" showIcon title={error} style={{ margin: '12px 0' }} /> : null}
        <label className="portal-label" htmlFor="bk-name">
          姓名
        </label>
        <Input
          id="bk-name"
          size="large"
          maxLength={30}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label className="portal-label" htmlFor="bk-topic">
          想反映的事项
        </label>
        <textarea
          id="bk-topic"
          className="bk-textarea"
          maxLength={200}
          placeholder="例如：小区加装电梯、道路积水等"
          value={topic}
          onChange={(e) => setTopic(e.target.value)}
        />
        <p style={{ fontSize: 13 }}>您的姓名和手机号仅供联络站联系您，不会公开。</p>
        <Button type="primary" htmlType="submit" size="large" block loading={busy} style={{ marginTop: 12 }}>
          提交预约
        </Button>
      </form>
    </div>
  );
}

function Confirmation({
  result,
  station,
}: {
  result: BookingResult;
  station: PublicReceptionDays['station'];
}) {
  return (
    <section className="portal-card" style={{ textAlign: 'center' }}>
      <CheckCircleFilled style={{ fontSize: 48, color: '#52c41a' }} />
      <h3 style={{ marginTop: 12 }}>预约成功</h3>
      <p>
        {dayLabel(result.day)} {result.slotStart} · {station.name}
      </p>
      <p>{station.address}</p>
      <div>签到码</div>
      <div className="bk-code" data-testid="check-in-code">
        {result.checkInCode}
      </div>
      <p style={{ fontSize: 13 }}>到站后向工作人员出示签到码。接待日前一天我们会短信提醒您。</p>
      <p>
        <Link to="/me/bookings">查看我的预约</Link>
      </p>
    </section>
  );
}
