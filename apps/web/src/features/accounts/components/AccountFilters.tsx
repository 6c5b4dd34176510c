import { useQuery } from '@apollo/client/react';
import { NETWORK_LABELS, NETWORKS } from '@clearpost/networks';
import { Chip, Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SearchPicker, type OptionSearch } from '../../../ui/SearchPicker';
import { ClientNameQuery } from '../../clients/graphql';
import { useClientSearch } from '../../clients/hooks';
import { OWN_ACCOUNTS, useAccountFilters } from '../hooks';

export function AccountFilters({ needingCount }: { needingCount: number }) {
  const { t } = useTranslation();
  const filters = useAccountFilters();
  const own = { value: OWN_ACCOUNTS, label: t('accounts.filters.own') };
  const chosen = filters.client && filters.client !== OWN_ACCOUNTS ? filters.client : null;
  const chosenName = useQuery(ClientNameQuery, { variables: { id: chosen ?? '' }, skip: !chosen }).data?.client;
  // The organization's own accounts are a choice beside the clients, shown unless a search excludes it.
  const useOptions: OptionSearch = (search) => {
    const clients = useClientSearch(search);
    const showOwn = !search || own.label.toLowerCase().includes(search.toLowerCase());
    return { ...clients, options: showOwn ? [own, ...clients.options] : clients.options };
  };
  return (
    <Group gap="sm" wrap="wrap">
      <SearchPicker
        aria-label={t('accounts.filters.client')}
        placeholder={t('accounts.filters.allClients')}
        clearable
        w={240}
        useOptions={useOptions}
        initialOptions={chosenName ? [own, { value: chosenName.id, label: chosenName.name }] : [own]}
        value={filters.client}
        onChange={(value) => filters.set('client', value)}
      />
      <Select
        aria-label={t('accounts.filters.network')}
        placeholder={t('accounts.filters.allNetworks')}
        clearable
        w={180}
        data={NETWORKS.map((n) => ({ value: n, label: NETWORK_LABELS[n] }))}
        value={filters.network}
        onChange={(value) => filters.set('network', value)}
      />
      <Chip checked={filters.needsOwner} onChange={(checked) => filters.set('needsOwner', checked ? '1' : null)} color="orange">
        {needingCount ? t('accounts.filters.needsOwnerCount', { count: needingCount }) : t('accounts.filters.needsOwner')}
      </Chip>
    </Group>
  );
}
