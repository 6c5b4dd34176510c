import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Card, EmptyState, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { NETWORK_LABELS, type Network } from '@clearpost/networks';
import { IconAt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../ui/errors';
import { PageHeader } from '../../../ui/PageHeader';
import { SocialAccountsQuery } from '../../accounts/graphql';
import { ClientsQuery } from '../graphql';

/** Where a person from a client company lands: their brand, and nothing of anyone else's. */
export function ClientHome({ organizationName, roleLabel }: { organizationName: string; roleLabel: string }) {
  const { t } = useTranslation();
  const clients = useQuery(ClientsQuery, { variables: { first: 20 } });
  const accounts = useQuery(SocialAccountsQuery, { variables: { first: 100 } });
  const names = clients.data?.clients.edges.map((edge) => edge.node.name) ?? [];
  const rows = accounts.data?.socialAccounts.edges.map((edge) => edge.node) ?? [];
  const error = clients.error ?? accounts.error;

  return (
    <>
      <PageHeader
        title={names.length ? names.join(', ') : t('organizations.clientHome.yourBrand')}
        description={t('organizations.clientHome.runsForYou', { organization: organizationName, role: roleLabel.toLowerCase() })}
      />
      {error && (
        <Alert color="red" title={t('organizations.clientHome.loadFailed')} mb="md">
          {describeError(error).message}
        </Alert>
      )}
      {(clients.loading && !clients.data) || (accounts.loading && !accounts.data) ? (
        <Stack aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton h={100} />
        </Stack>
      ) : rows.length === 0 ? (
        <Card withBorder radius="md" padding="xl">
          <EmptyState
            icon={<IconAt size={28} />}
            title={t('organizations.clientHome.noAccounts')}
            description={t('organizations.clientHome.noAccountsHelp', { organization: organizationName })}
          />
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
          {rows.map((account) => (
            <Card key={account.id} withBorder radius="md" padding="lg" aria-label={account.displayName} component="section">
              <Stack gap={6}>
                <Group justify="space-between">
                  <Title order={2} size="h5">
                    {account.displayName}
                  </Title>
                  <Badge variant="outline" color="gray">
                    {NETWORK_LABELS[account.network as Network] ?? account.network}
                  </Badge>
                </Group>
                <Anchor href={account.profileUrl} target="_blank" rel="noreferrer" size="sm">
                  {account.displayHandle}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {account.owner?.active ? t('organizations.clientHome.managedBy', { name: account.owner.name }) : t('organizations.clientHome.ownerPending')}
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </>
  );
}
