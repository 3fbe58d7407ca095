import {
  createContext,
  type Dispatch,
  type ReactNode,
  type SetStateAction,
  useCallback,
  useContext,
  useMemo,
  useState,
} from 'react';
import { api } from '../../api';
import type { Inbox } from './notifications.types';

interface UnreadState {
  unread: number;
  setUnread: Dispatch<SetStateAction<number>>;
  refresh: () => void;
}

const UnreadContext = createContext<UnreadState | null>(null);

export function useUnread(): UnreadState {
  const state = useContext(UnreadContext);
  if (!state) throw new Error('useUnread outside UnreadProvider');
  return state;
}

/** Unread count for the header badge; the inbox page keeps it in step when items are read. */
export function UnreadProvider({ children }: { children: ReactNode }) {
  const [unread, setUnread] = useState(0);
  const refresh = useCallback(() => {
    api
      .get<Inbox>('/api/notifications/inbox')
      .then((inbox) => setUnread(inbox.unread))
      .catch(() => {
        // The badge is secondary; auth failures are handled globally by the session.
      });
  }, []);
  const value = useMemo(() => ({ unread, setUnread, refresh }), [unread, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}
