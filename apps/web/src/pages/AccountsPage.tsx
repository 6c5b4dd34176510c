import { useMutation, useQuery } from '@apollo/client/react';
import { ActionIcon, Alert, Anchor, Badge, Button, Card, Chip, EmptyState, Group, Menu, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { isClientRole, type Role } from '@clearpost/authz';
import { NETWORK_LABELS, NETWORKS, type Network } from '@clearpost/networks';
import { IconAt, IconDots, IconHistory, IconListCheck, IconPlus, IconPower } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { AddAccountModal } from '../features/accounts/components/AddAccountModal';
import { OwnershipHistoryDrawer } from '../features/accounts/components/OwnershipHistoryDrawer';
import { AccountsNeedingOwnerQuery, AssignAccountOwnerMutation, DeactivateSocialAccountMutation, SocialAccountsQuery } from '../features/accounts/graphql';
import { useClientOptions } from '../features/clients/hooks';
import { EffectivePolicyDrawer } from '../features/policies/components/EffectivePolicyDrawer';
import { MembersQuery } from '../features/members/graphql';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { describeError, notifyFailure } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

const OWN = 'own';

interface AccountRow {
  id: string;
  network: string;
  displayHandle: string;
  profileUrl: string;
  displayName: string;
  kind: string;
  active: boolean;
  needsOwner: boolean;
  needsOwnerReason?: string | null;
  client?: { id: string; name: string } | null;
  owner?: { id: string; name: string; active: boolean } | null;
}

export function AccountsPage() {
  const { me, can } = useCurrentMembership();
  const [params, setParams] = useSearchParams();
  const clientFilter = params.get('client');
  const network = params.get('network') as Network | null;
  const needsOwner = params.get('needsOwner') === '1';
  const setParam = (name: string, value: string | null) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });

  const filter = {
    clientId: clientFilter && clientFilter !== OWN ? clientFilter : undefined,
    withoutClient: clientFilter === OWN ? true : undefined,
    network: network ?? undefined,
    needsOwner: needsOwner ? true : undefined,
  };
  const { data, loading, error, fetchMore } = useQuery(SocialAccountsQuery, { variables: { first: 100, filter } });
  const needing = useQuery(AccountsNeedingOwnerQuery);
  const members = useQuery(MembersQuery, { skip: !can('member.read') });
  const { options: clients } = useClientOptions();
  const [assign] = useMutation(AssignAccountOwnerMutation, { refetchQueries: [AccountsNeedingOwnerQuery] });
  const [deactivate] = useMutation(DeactivateSocialAccountMutation, { refetchQueries: [SocialAccountsQuery, AccountsNeedingOwnerQuery] });
  const [adding, setAdding] = useState(false);
  const [history, setHistory] = useState<AccountRow | null>(null);
  const [policyOf, setPolicyOf] = useState<AccountRow | null>(null);

  const assigns = can('account.assign_owner');
  const owners = useMemo(
    () => (members.data?.members ?? []).filter((m) => !isClientRole(m.role as Role)).map((m) => ({ value: m.id, label: m.name })),
    [members.data],
  );
  const accounts: AccountRow[] = data?.socialAccounts.edges.map((edge) => edge.node) ?? [];
  const groups = useMemo(() => {
    const byClient = new Map<string, { title: string; accounts: AccountRow[] }>();
    for (const account of accounts) {
      const key = account.client?.id ?? OWN;
      const group = byClient.get(key) ?? { title: account.client?.name ?? 'Your organization and staff', accounts: [] };
      group.accounts.push(account);
      byClient.set(key, group);
    }
    return [...byClient.entries()];
  }, [accounts]);
  const needingCount = needing.data?.accountsNeedingOwner.length ?? 0;

  return (
    <>
      <PageHeader
        title="Social accounts"
        description="Every account you run, grouped by client, each with one owner who answers for it. Staff register their personal handles here too."
        actions={
          can('account.register') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {can('account.manage') ? 'Add account' : 'Register my handle'}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <Group gap="sm" wrap="wrap">
          <Select
            aria-label="Client"
            placeholder="All clients"
            clearable
            w={220}
            data={[{ value: OWN, label: 'Your organization and staff' }, ...clients]}
            value={clientFilter}
            onChange={(value) => setParam('client', value)}
          />
          <Select
            aria-label="Network"
            placeholder="All networks"
            clearable
            w={180}
            data={NETWORKS.map((n) => ({ value: n, label: NETWORK_LABELS[n] }))}
            value={network}
            onChange={(value) => setParam('network', value)}
          />
          <Chip checked={needsOwner} onChange={(checked) => setParam('needsOwner', checked ? '1' : null)} color="orange">
            Needs owner{needingCount ? ` (${needingCount})` : ''}
          </Chip>
        </Group>

        {error && (
          <Alert color="red" title="Accounts could not be loaded">
            {describeError(error).message}
          </Alert>
        )}
        {loading && !data ? (
          <Stack aria-busy="true" aria-label="Loading accounts">
            <Skeleton h={120} />
            <Skeleton h={120} />
          </Stack>
        ) : groups.length === 0 ? (
          <Card withBorder radius="md" padding="xl">
            <EmptyState
              icon={<IconAt size={28} />}
              title={needsOwner || clientFilter || network ? 'No accounts match' : 'No accounts yet'}
              description={needsOwner ? 'Every account has an owner.' : 'Add the accounts you run, then give each an owner.'}
            />
          </Card>
        ) : (
          groups.map(([key, group]) => (
            <Card key={key} withBorder radius="md" padding="lg" component="section" aria-label={group.title}>
              <Title order={2} size="h4" mb="sm">
                {group.title}
              </Title>
              <Table verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Account</Table.Th>
                    <Table.Th w={110}>Kind</Table.Th>
                    <Table.Th w={300}>Owner</Table.Th>
                    <Table.Th w={120} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {group.accounts.map((account) => (
                    <Table.Tr key={account.id} aria-label={account.displayName}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {account.displayName}
                        </Text>
                        <Group gap={6}>
                          <Badge size="xs" variant="outline" color="gray">
                            {NETWORK_LABELS[account.network as Network] ?? account.network}
                          </Badge>
                          <Anchor href={account.profileUrl} target="_blank" rel="noreferrer" size="xs">
                            {account.displayHandle}
                          </Anchor>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={account.kind === 'BRAND' ? 'indigo' : 'gray'}>
                          {account.kind === 'BRAND' ? 'Brand' : 'Staff'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          {account.needsOwner && (
                            <Badge color="orange" variant="light" w="fit-content">
                              {account.needsOwnerReason === 'OWNER_REMOVED' ? `Needs owner: ${account.owner?.name} left` : 'Needs owner'}
                            </Badge>
                          )}
                          {assigns ? (
                            <Select
                              aria-label={`Owner of ${account.displayName}`}
                              placeholder="Choose an owner"
                              searchable
                              size="xs"
                              data={owners}
                              value={account.owner?.active ? account.owner.id : null}
                              onChange={(memberId) => {
                                if (!memberId) return;
                                assign({ variables: { input: { accountId: account.id, memberId } } })
                                  .then(() =>
                                    notifications.show({
                                      color: 'teal',
                                      title: 'Owner assigned',
                                      message: `${owners.find((o) => o.value === memberId)?.label} now owns ${account.displayName}.`,
                                    }),
                                  )
                                  .catch(notifyFailure);
                              }}
                            />
                          ) : (
                            !account.needsOwner && <Text size="sm">{account.owner?.name}</Text>
                          )}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <ActionIcon variant="subtle" aria-label={`Ownership history of ${account.displayName}`} onClick={() => setHistory(account)}>
                            <IconHistory size={18} />
                          </ActionIcon>
                          {can('policy.read') && (
                            <ActionIcon variant="subtle" aria-label={`Policy of ${account.displayName}`} onClick={() => setPolicyOf(account)}>
                              <IconListCheck size={18} />
                            </ActionIcon>
                          )}
                          {(can('account.manage') || (account.kind === 'STAFF' && account.owner?.id === me?.id)) && (
                            <Menu position="bottom-end">
                              <Menu.Target>
                                <ActionIcon variant="subtle" aria-label={`Actions for ${account.displayName}`}>
                                  <IconDots size={18} />
                                </ActionIcon>
                              </Menu.Target>
                              <Menu.Dropdown>
                                <Menu.Item
                                  color="red"
                                  leftSection={<IconPower size={14} />}
                                  onClick={() => deactivate({ variables: { id: account.id } }).catch(notifyFailure)}
                                >
                                  Deactivate
                                </Menu.Item>
                              </Menu.Dropdown>
                            </Menu>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          ))
        )}
        {data?.socialAccounts.pageInfo.hasNextPage && (
          <Group justify="center">
            <Button variant="default" onClick={() => void fetchMore({ variables: { after: data.socialAccounts.pageInfo.endCursor } })}>
              Load more
            </Button>
          </Group>
        )}
      </Stack>
      <AddAccountModal
        opened={adding}
        onClose={() => setAdding(false)}
        managesBrands={can('account.manage')}
        clients={clients}
        owners={assigns ? owners : null}
        defaultClientId={clientFilter && clientFilter !== OWN ? clientFilter : null}
      />
      <OwnershipHistoryDrawer account={history} onClose={() => setHistory(null)} />
      <EffectivePolicyDrawer account={policyOf} onClose={() => setPolicyOf(null)} />
    </>
  );
}
