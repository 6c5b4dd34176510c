import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, EmptyState, Group, Skeleton, Stack } from '@mantine/core';
import { IconAt, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountFilters } from '../features/accounts/components/AccountFilters';
import { AccountGroup, type AccountRow } from '../features/accounts/components/AccountGroup';
import { AddAccountModal } from '../features/accounts/components/AddAccountModal';
import { OwnershipHistoryDrawer } from '../features/accounts/components/OwnershipHistoryDrawer';
import { AccountsNeedingOwnerQuery, SocialAccountsQuery } from '../features/accounts/graphql';
import { OWN_ACCOUNTS, useAccountFilters } from '../features/accounts/hooks';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { EffectivePolicyDrawer } from '../features/policies/components/EffectivePolicyDrawer';
import { describeError } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

export function AccountsPage() {
  const { t } = useTranslation();
  const { me, can } = useCurrentMembership();
  const filters = useAccountFilters();
  const { data, loading, error, fetchMore } = useQuery(SocialAccountsQuery, { variables: { first: 100, filter: filters.filter } });
  const needing = useQuery(AccountsNeedingOwnerQuery);
  const [adding, setAdding] = useState(false);
  const [history, setHistory] = useState<AccountRow | null>(null);
  const [policyOf, setPolicyOf] = useState<AccountRow | null>(null);

  const accounts: AccountRow[] = data?.socialAccounts.edges.map((edge) => edge.node) ?? [];
  const groups = useMemo(() => {
    const byClient = new Map<string, { title: string; accounts: AccountRow[] }>();
    for (const account of accounts) {
      const key = account.client?.id ?? OWN_ACCOUNTS;
      const group = byClient.get(key) ?? { title: account.client?.name ?? t('accounts.filters.own'), accounts: [] };
      group.accounts.push(account);
      byClient.set(key, group);
    }
    return [...byClient.entries()];
  }, [accounts, t]);
  const chosenClient = filters.filter.clientId ? groups.find(([key]) => key === filters.filter.clientId)?.[1] : undefined;
  const may = {
    assignOwner: can('account.assign_owner'),
    readPolicy: can('policy.read'),
    deactivate: (account: AccountRow) => can('account.manage') || (account.kind === 'STAFF' && account.owner?.id === me?.id),
    connect: can('account.manage'),
  };

  return (
    <>
      <PageHeader
        title={t('accounts.page.title')}
        description={t('accounts.page.description')}
        actions={
          can('account.register') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {can('account.manage') ? t('accounts.page.add') : t('accounts.page.register')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <AccountFilters needingCount={needing.data?.accountsNeedingOwner.length ?? 0} />
        {error && (
          <Alert color="red" title={t('accounts.list.loadFailed')}>
            {describeError(error).message}
          </Alert>
        )}
        {loading && !data ? (
          <Stack aria-busy="true" aria-label={t('accounts.list.loading')}>
            <Skeleton h={120} />
            <Skeleton h={120} />
          </Stack>
        ) : groups.length === 0 ? (
          <Card withBorder radius="md" padding="xl">
            <EmptyState
              icon={<IconAt size={28} />}
              title={filters.filtered ? t('accounts.list.noMatch') : t('accounts.list.empty')}
              description={filters.needsOwner ? t('accounts.list.allOwned') : t('accounts.list.emptyHelp')}
            />
          </Card>
        ) : (
          groups.map(([key, group]) => (
            <AccountGroup key={key} title={group.title} accounts={group.accounts} may={may} onHistory={setHistory} onPolicy={setPolicyOf} />
          ))
        )}
        {data?.socialAccounts.pageInfo.hasNextPage && (
          <Group justify="center">
            <Button variant="default" onClick={() => void fetchMore({ variables: { after: data.socialAccounts.pageInfo.endCursor } })}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
      <AddAccountModal
        opened={adding}
        onClose={() => setAdding(false)}
        managesBrands={can('account.manage')}
        assignsOwner={may.assignOwner}
        defaultClient={filters.filter.clientId && chosenClient ? { value: filters.filter.clientId, label: chosenClient.title } : null}
      />
      <OwnershipHistoryDrawer account={history} onClose={() => setHistory(null)} />
      <EffectivePolicyDrawer account={policyOf} onClose={() => setPolicyOf(null)} />
    </>
  );
}
