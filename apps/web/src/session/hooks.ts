import { useSyncExternalStore } from 'react';
import { organizationStore } from './organization';
import { sessionStore, type SessionState } from './session';

export function useSession(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

export function useSelectedOrganizationId(): string | null {
  return useSyncExternalStore(organizationStore.subscribe, organizationStore.get);
}
