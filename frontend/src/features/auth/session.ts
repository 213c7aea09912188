import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { api, startedNewSession } from '../../lib/api-client';
import type { Role, SessionUser } from '../../lib/types';

export interface SessionState {
  user: SessionUser;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

const LADDER: Role[] = ['viewer', 'analyst', 'reviewer', 'admin'];

export function hasRole(user: SessionUser, needed: Role): boolean {
  return LADDER.indexOf(user.role) >= LADDER.indexOf(needed);
}

export async function fetchSession(): Promise<SessionUser | null> {
  try {
    return (await api.get<SessionUser>('/api/session')).data;
  } catch {
    return null;
  }
}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  const user = (await api.post<SessionUser>('/api/session', { username, password })).data;
  startedNewSession();
  return user;
}
