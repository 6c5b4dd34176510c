import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, EmptyState, Group, SimpleGrid, Skeleton, Stack, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBriefcase, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArchiveClientModal } from '../features/clients/components/ArchiveClientModal';
import { ClientCard } from '../features/clients/components/ClientCard';
import { ClientFormModal, type EditableClient } from '../features/clients/components/ClientFormModal';
import { ClientsQuery } from '../features/clients/graphql';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { describeError } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

export function ClientsPage() {
  const { t } = useTranslation();
  const { can } = useCurrentMembership();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [search, setSearch] = useState('');
  const [searched] = useDebouncedValue(search.trim(), 250);
  const { data, previousData, loading, error, fetchMore } = useQuery(ClientsQuery, {
    variables: { first: 50, filter: { includeArchived, search: searched || null } },
  });
  const [editing, setEditing] = useState<EditableClient | null>(null);
  const [creating, setCreating] = useState(false);
  const [archiving, setArchiving] = useState<{ id: string; name: string } | null>(null);
  const page = (data ?? previousData)?.clients;
  const clients = page?.edges.map((edge) => edge.node) ?? [];
  const manages = can('client.manage');

  return (
    <>
      <PageHeader
        title={t('clients.page.title')}
        description={t('clients.page.description')}
        actions={
          <>
            <Switch label={t('clients.page.showArchived')} checked={includeArchived} onChange={(event) => setIncludeArchived(event.currentTarget.checked)} />
            {manages && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                {t('clients.page.add')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <TextInput
          aria-label={t('clients.page.search')}
          placeholder={t('clients.page.search')}
          leftSection={<IconSearch size={16} />}
          w={320}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        {error && (
          <Alert color="red" title={t('clients.list.loadFailed')}>
            {describeError(error).message}
          </Alert>
        )}
        {loading && !page ? (
          <SimpleGrid cols={{ base: 1, md: 2 }} aria-busy="true" aria-label={t('clients.list.loading')}>
            <Skeleton h={160} />
            <Skeleton h={160} />
          </SimpleGrid>
        ) : clients.length === 0 ? (
          <Card withBorder radius="md" padding="xl">
            <EmptyState
              icon={<IconBriefcase size={28} />}
              title={searched ? t('clients.list.noMatch', { search: searched }) : includeArchived ? t('clients.list.none') : t('clients.list.empty')}
              description={manages ? t('clients.list.emptyManager') : t('clients.list.emptyReader')}
            />
          </Card>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {clients.map((client) => (
              <ClientCard key={client.id} client={client} manages={manages} onEdit={() => setEditing(client)} onArchive={() => setArchiving(client)} />
            ))}
          </SimpleGrid>
        )}
        {page?.pageInfo.hasNextPage && (
          <Group justify="center">
            <Button variant="default" loading={loading} onClick={() => void fetchMore({ variables: { after: page.pageInfo.endCursor } })}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
      <ClientFormModal opened={creating || !!editing} client={editing} onClose={() => (setCreating(false), setEditing(null))} />
      <ArchiveClientModal client={archiving} onClose={() => setArchiving(null)} />
    </>
  );
}
