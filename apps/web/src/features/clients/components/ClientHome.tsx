import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Card, EmptyState, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { NETWORK_LABELS, type Network } from '@clearpost/networks';
import { IconAt } from '@tabler/icons-react';
import { describeError } from '../../../ui/errors';
import { PageHeader } from '../../../ui/PageHeader';
import { SocialAccountsQuery } from '../../accounts/graphql';
import { ClientsQuery } from '../graphql';

/** Where a person from a client company lands: their brand, and nothing of anyone else's. */
export function ClientHome({ organizationName, roleLabel }: { organizationName: string; roleLabel: string }) {
  const clients = useQuery(ClientsQuery, { variables: { first: 20 } });
  const accounts = useQuery(SocialAccountsQuery, { variables: { first: 100 } });
  const names = clients.data?.clients.edges.map((edge) => edge.node.name) ?? [];
  const rows = accounts.data?.socialAccounts.edges.map((edge) => edge.node) ?? [];
  const error = clients.error ?? accounts.error;

  return (
    <>
      <PageHeader
        title={names.length ? names.join(', ') : 'Your brand'}
        description={`${organizationName} runs these accounts for you. As ${roleLabel.toLowerCase()}, you see your own accounts and posts only.`}
      />
      {error && (
        <Alert color="red" title="Your brand could not be loaded" mb="md">
          {describeError(error).message}
        </Alert>
      )}
      {(clients.loading && !clients.data) || (accounts.loading && !accounts.data) ? (
        <Stack aria-busy="true">
          <Skeleton h={100} />
        </Stack>
      ) : rows.length === 0 ? (
        <Card withBorder radius="md" padding="xl">
          <EmptyState icon={<IconAt size={28} />} title="No accounts yet" description={`${organizationName} has not registered your accounts yet.`} />
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
                  {account.owner?.active ? `Managed by ${account.owner.name}` : 'Owner being assigned'}
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </>
  );
}
