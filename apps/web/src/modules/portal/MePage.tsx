import { MobileOutlined } from '@ant-design/icons';
import type { Me } from '@lianxin/contracts';
import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api, errorText, setCsrfToken } from '../../api';
import { ErrorAlert } from '../../shared/AsyncBlock';
import { FullPageSpin } from '../../shared/FullPageSpin';
import { OtpSignIn } from './OtpSignIn';

type SessionState = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; me: Me };

export function MePage() {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  const [probeError, setProbeError] = useState<ApiError | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [logoutError, setLogoutError] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<Me>('/api/auth/me', { quietAuth: true })
      .then((me) => {
        setCsrfToken(me.csrfToken);
        setSession({ status: 'signed-in', me });
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status !== 401) setProbeError(error);
        setSession({ status: 'anonymous' });
      });
  }, []);

  const signedIn = (me: Me) => {
    setCsrfToken(me.csrfToken);
    setSession({ status: 'signed-in', me });
    setNotice('登录成功');
  };

  const logout = async () => {
    setLeaving(true);
    setLogoutError(null);
    try {
      await api.post('/api/auth/logout');
      setCsrfToken(null);
      setSession({ status: 'anonymous' });
      setNotice('已退出登录');
    } catch (error) {
      setLogoutError(errorText(error));
    } finally {
      setLeaving(false);
    }
  };

  if (session.status === 'loading') return <FullPageSpin />;
  if (session.status === 'anonymous') {
    return (
      <>
        {probeError ? <ErrorAlert error={probeError} /> : null}
        {notice ? <Alert type="success" showIcon title={notice} style={{ marginBottom: 12 }} /> : null}
        <OtpSignIn onSignedIn={signedIn} />
      </>
    );
  }

  const { me } = session;
  return (
    <section className="portal-card">
      {notice ? <Alert type="success" showIcon title={notice} style={{ marginBottom: 12 }} /> : null}
      {logoutError ? <Alert type="error" showIcon title={logoutError} style={{ marginBottom: 12 }} /> : null}
      <h3>
        <MobileOutlined /> {me.phoneMasked ?? me.displayName}
      </h3>
      <p>
        {me.kind === 'staff'
          ? `您已以工作人员身份登录：${me.displayName}`
          : '您已登录，可以查看和跟进您反映的事项。'}
      </p>
      {me.kind === 'citizen' ? (
        <p>
          <Link to="/me/opinions">我反映的事项</Link> · <Link to="/me/bookings">我的预约</Link>
        </p>
      ) : null}
      {me.kind === 'staff' ? (
        <p>
          <Link to="/console">进入工作台</Link>
        </p>
      ) : null}
      <Button block size="large" style={{ marginTop: 12 }} loading={leaving} onClick={logout}>
        退出
      </Button>
    </section>
  );
}
