import type { Me } from '@lianxin/contracts';
import { useCallback, useEffect, useState } from 'react';
import { api, setCsrfToken } from '../../api';

export type CitizenSession =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; me: Me };

/** The portal's sign-in state (a quiet `/api/auth/me` probe) and a setter for OtpSignIn. */
export function useCitizen(): [CitizenSession, (me: Me) => void] {
  const [session, setSession] = useState<CitizenSession>({ status: 'loading' });
  useEffect(() => {
    api
      .get<Me>('/api/auth/me', { quietAuth: true })
      .then((me) => {
        setCsrfToken(me.csrfToken);
        setSession({ status: 'signed-in', me });
      })
      .catch(() => setSession({ status: 'anonymous' }));
  }, []);
  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setSession({ status: 'signed-in', me });
  }, []);
  return [session, signedIn];
}
