import { isClientRole, type Role } from '@clearpost/authz';
import { Alert, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ClientHome } from '../features/clients/components/ClientHome';
import { ComplianceCard, NextStepsCard, RoleCard } from '../features/organizations/components/OverviewCards';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { describeError } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';
import { useRoles } from '../ui/roles';

export function OverviewPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const { me, current, can, loading, error } = useCurrentMembership();

  if (error) {
    return (
      <Alert color="red" title={t('organizations.overview.loadFailed')}>
        {describeError(error).message}
      </Alert>
    );
  }
  if (loading || !me) {
    return (
      <Stack aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton h={36} w={320} />
        <Skeleton h={140} />
      </Stack>
    );
  }
  if (!current) {
    return (
      <Alert color="yellow" title={t('organizations.overview.noOrganization')}>
        {t('organizations.overview.noOrganizationHelp')}
      </Alert>
    );
  }

  const role = current.role as Role;
  if (isClientRole(role)) return <ClientHome organizationName={current.organization.name} roleLabel={roles.label(role)} />;
  return (
    <>
      <PageHeader title={current.organization.name} description={t('organizations.overview.signedInAs', { name: me.name, email: me.email })} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <RoleCard role={role} joinedAt={current.joinedAt} permissions={current.permissions} />
        <ComplianceCard organizationName={current.organization.name} canReadAudit={can('audit.read')} />
        <NextStepsCard can={can} />
      </SimpleGrid>
    </>
  );
}
