import { print } from 'graphql';
import { RefreshSessionMutation } from '../features/auth/graphql';
import { i18n } from '../i18n';

/**
 * The signed-in session, held in memory only: the access token never touches storage, and the
 * refresh token lives in an httpOnly cookie the page cannot read. A reload restores the session
 * by rotating that cookie (refreshSession).
 */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface Session {
  accessToken: string;
  expiresAt: number;
  user: SessionUser;
}

export type SessionState = { status: 'loading' } | { status: 'signed-out'; reason?: string } | { status: 'signed-in'; session: Session };

type Listener = () => void;

// Sent with fetch, not Apollo: the Apollo link itself calls this to renew tokens.
const REFRESH_MUTATION = print(RefreshSessionMutation);
/** Renew this long before expiry so no request goes out with a token about to lapse. */
const RENEW_MARGIN_MS = 60_000;

let state: SessionState = { status: 'loading' };
const listeners = new Set<Listener>();
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;

function setState(next: SessionState): void {
  state = next;
  clearTimeout(renewTimer);
  if (next.status === 'signed-in') {
    const delay = Math.max(5_000, next.session.expiresAt - Date.now() - RENEW_MARGIN_MS);
    renewTimer = setTimeout(() => void refreshSession(), delay);
  }
  listeners.forEach((listener) => listener());
}

export const sessionStore = {
  get: (): SessionState => state,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  accessToken(): string | null {
    return state.status === 'signed-in' ? state.session.accessToken : null;
  },
  signedIn(payload: { accessToken: string; expiresIn: number; user: SessionUser }): void {
    setState({
      status: 'signed-in',
      session: { accessToken: payload.accessToken, expiresAt: Date.now() + payload.expiresIn * 1000, user: payload.user },
    });
  },
  signedOut(reason?: string): void {
    setState({ status: 'signed-out', reason });
  },
};

/**
 * Rotates the refresh cookie for a new access token. Concurrent callers share one request, since
 * presenting the same refresh token twice would (rightly) end the session.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const response = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: REFRESH_MUTATION, operationName: 'RefreshSession' }),
      });
      const body = (await response.json()) as {
        data?: { refreshSession: { accessToken: string; expiresIn: number; user: SessionUser } } | null;
        errors?: Array<{ message: string }>;
      };
      if (body.data?.refreshSession) {
        sessionStore.signedIn(body.data.refreshSession);
        return true;
      }
      // Quietly signed out on first load; with a reason when a live session was ended.
      sessionStore.signedOut(state.status === 'signed-in' ? body.errors?.[0]?.message : undefined);
      return false;
    } catch {
      if (state.status === 'loading') sessionStore.signedOut(i18n.t('errors.unreachableReload'));
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}
