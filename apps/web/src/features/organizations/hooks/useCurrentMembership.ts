import { useQuery } from '@apollo/client/react';
import type { Permission } from '@clearpost/authz';
import { useEffect } from 'react';
import { useSelectedOrganizationId } from '../../../session/hooks';
import { organizationStore } from '../../../session/organization';
import { MeQuery } from '../graphql';

/**
 * The signed-in person, their organizations, and the one they are working in: the remembered
 * choice if they still belong to it, else their first organization.
 */
export function useCurrentMembership() {
  const { data, loading, error, refetch } = useQuery(MeQuery);
  const selectedId = useSelectedOrganizationId();
  const memberships = data?.me.memberships ?? [];
  const current = memberships.find((m) => m.organization.id === selectedId) ?? memberships[0] ?? null;

  useEffect(() => {
    if (data && current?.organization.id !== selectedId) organizationStore.set(current?.organization.id ?? null);
  }, [data, current, selectedId]);

  const can = (permission: Permission) => !!current?.permissions.includes(permission);
  return { me: data?.me ?? null, memberships, current, can, loading: loading && !data, error, refetch };
}
