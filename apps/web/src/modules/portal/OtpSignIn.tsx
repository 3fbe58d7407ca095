import {
  type Me,
  phonePattern,
  phonePatternMessage,
  smsCodePattern,
  smsCodePatternMessage,
} from '@lianxin/contracts';
import { Alert, Button, Input } from 'antd';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../../api';
import { useCountdown } from '../../shared/useCountdown';

interface OtpRequestResult {
  sent: boolean;
  retryAfterSeconds: number;
}

function mask(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** Citizen sign-in with phone number and SMS code (plain inputs: the portal ships no form library). */
export function OtpSignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [secondsLeft, startCountdown] = useCountdown();
  const [busy, setBusy] = useState<'send' | 'verify' | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const trimmed = phone.trim();

  const requestCode = async () => {
    if (!phonePattern.test(trimmed)) return setError(phonePatternMessage);
    setError(null);
    setBusy('send');
    try {
      const result = await api.post<OtpRequestResult>('/api/auth/otp/request', { phone: trimmed });
      setSentTo(trimmed);
      startCountdown(result.retryAfterSeconds);
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(null);
    }
  };

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    if (!phonePattern.test(trimmed)) return setError(phonePatternMessage);
    if (!smsCodePattern.test(code)) return setError(smsCodePatternMessage);
    setError(null);
    setBusy('verify');
    try {
      onSignedIn(await api.post<Me>('/api/auth/otp/verify', { phone: trimmed, code }));
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className="portal-card" onSubmit={verify} noValidate>
      <h3>手机号登录</h3>
      <p>登录后可查看您反映事项的办理进度。我们只用您的手机号联系您，不会公开。</p>
      {error ? <Alert type="error" showIcon title={error} style={{ margin: '12px 0' }} /> : null}
      {sentTo && !error ? (
        <Alert
          type="success"
          showIcon
          title={`验证码已发送至 ${mask(sentTo)}`}
          style={{ margin: '12px 0' }}
        />
      ) : null}
      <label className="portal-label" htmlFor="otp-phone">
        手机号
      </label>
      <Input
        id="otp-phone"
        size="large"
        inputMode="numeric"
        autoComplete="tel"
        maxLength={11}
        placeholder="请输入 11 位手机号"
        value={phone}
        onChange={(e) => setPhone(e.target.value.replace(/\D/g, ''))}
      />
      <label className="portal-label" htmlFor="otp-code">
        验证码
      </label>
      <div style={{ display: 'flex', gap: 8 }}>
        <Input
          id="otp-code"
          size="large"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          placeholder="6 位数字"
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        />
        <Button
          size="large"
          onClick={requestCode}
          loading={busy === 'send'}
          disabled={secondsLeft > 0}
          style={{ minWidth: 132 }}
        >
          {secondsLeft > 0 ? `${secondsLeft} 秒后重发` : sentTo ? '重新获取' : '获取验证码'}
        </Button>
      </div>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={busy === 'verify'}
        style={{ marginTop: 20 }}
      >
        登录
      </Button>
    </form>
  );
}
