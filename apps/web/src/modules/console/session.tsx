import type { Me, Role } from '@lianxin/contracts';
import { messageFor } from '@lianxin/contracts';
import { App } from 'antd';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useNavigate } from 'react-router-dom';
import { type ApiError, api, onAuthFailure, setCsrfToken } from '../../api';

export const LOGIN_PATH = '/console/login';

interface Session {
  /** `undefined` while the first `GET /api/auth/me` is in flight, `null` when signed out. */
  me: Me | null | undefined;
  signedIn: (me: Me) => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in staff member; only call below the console's auth guard. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}

export function hasAnyRole(me: Me, roles: readonly Role[] | undefined): boolean {
  if (!roles) return true;
  return me.grants.some((grant) => roles.includes(grant.role));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const expiredModalOpen = useRef(false);

  const signedIn = useCallback((next: Me) => {
    setCsrfToken(next.csrfToken);
    setMe(next);
  }, []);

  useEffect(() => {
    api
      .get<Me>('/api/auth/me', { quietAuth: true })
      .then(signedIn)
      .catch(() => setMe(null));
  }, [signedIn]);

  useEffect(
    () =>
      onAuthFailure((error: ApiError) => {
        const backToLogin = (reason: string) => {
          setCsrfToken(null);
          setMe(null);
          navigate(LOGIN_PATH, { state: { reason, from: window.location.pathname } });
        };
        if (error.code !== 'auth.session_expired') return backToLogin('unauthenticated');
        if (expiredModalOpen.current) return;
        expiredModalOpen.current = true;
        modal.warning({
          title: '登录已失效',
          content: messageFor('auth.session_expired'),
          okText: '重新登录',
          onOk: () => {
            expiredModalOpen.current = false;
            backToLogin('expired');
          },
        });
      }),
    [modal, navigate],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', undefined, { quietAuth: true });
    } finally {
      setCsrfToken(null);
      setMe(null);
      navigate(LOGIN_PATH);
    }
  }, [navigate]);

  const value = useMemo(() => ({ me, signedIn, logout }), [me, signedIn, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
