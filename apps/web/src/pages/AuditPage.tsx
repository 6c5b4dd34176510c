import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Center, EmptyState, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconListSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { AuditEventDrawer } from '../features/audit/components/AuditEventDrawer';
import { AuditFilters, EMPTY_FILTERS, type AuditFilterValues } from '../features/audit/components/AuditFilters';
import { AuditTable, type AuditRow } from '../features/audit/components/AuditTable';
import { VerifyChainPanel } from '../features/audit/components/VerifyChainPanel';
import { AuditEventsQuery } from '../features/audit/graphql';
import { useTranslation } from 'react-i18next';
import { describeError } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

const PAGE_SIZE = 50;

function toFilter(values: AuditFilterValues) {
  return {
    action: values.action || undefined,
    actorUserId: values.actor?.id,
    targetType: values.targetType.trim() || undefined,
    targetId: values.targetId.trim() || undefined,
    from: values.from?.toISOString(),
    to: values.to?.toISOString(),
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterValues>(EMPTY_FILTERS);
  const [selected, setSelected] = useState<AuditRow | null>(null);
  const filter = useMemo(() => toFilter(filters), [filters]);
  const { data, loading, error, fetchMore, networkStatus } = useQuery(AuditEventsQuery, {
    variables: { first: PAGE_SIZE, filter },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.auditEvents;
  const rows = connection?.edges.map((edge) => edge.node) ?? [];
  const loadingMore = networkStatus === 3;

  const handleLoadMore = () => void fetchMore({ variables: { first: PAGE_SIZE, filter, after: connection?.pageInfo.endCursor } });

  return (
    <>
      <PageHeader title={t('audit.page.title')} description={t('audit.page.description')} />
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg">
          <VerifyChainPanel />
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Stack gap="md">
            <AuditFilters value={filters} onChange={setFilters} />
            {error && (
              <Alert color="red" title={t('audit.page.loadFailed')}>
                {describeError(error).message}
              </Alert>
            )}
            {loading && !data ? (
              <Stack gap="xs" aria-busy="true" aria-label={t('audit.page.loading')}>
                {Array.from({ length: 6 }, (_, i) => (
                  <Skeleton key={i} height={34} />
                ))}
              </Stack>
            ) : rows.length === 0 && !error ? (
              <EmptyState
                icon={<IconListSearch size={28} />}
                title={t('audit.page.noMatch')}
                description={JSON.stringify(filters) === JSON.stringify(EMPTY_FILTERS) ? t('audit.page.nothingYet') : t('audit.page.widen')}
              />
            ) : (
              <AuditTable rows={rows} onSelect={setSelected} />
            )}
            {connection && rows.length > 0 && (
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {t('audit.page.showing', { count: rows.length })}
                </Text>
                {connection.pageInfo.hasNextPage ? (
                  <Button variant="default" onClick={handleLoadMore} loading={loadingMore}>
                    {t('common.loadMore')}
                  </Button>
                ) : (
                  <Center>
                    <Text size="sm" c="dimmed">
                      {t('audit.page.beginning')}
                    </Text>
                  </Center>
                )}
              </Group>
            )}
          </Stack>
        </Card>
      </Stack>
      <AuditEventDrawer
        event={selected}
        onClose={() => setSelected(null)}
        onShowActor={(actor) => {
          setFilters({ ...EMPTY_FILTERS, actor });
          setSelected(null);
        }}
        onShowTarget={(targetType, targetId) => {
          setFilters({ ...EMPTY_FILTERS, targetType, targetId });
          setSelected(null);
        }}
      />
    </>
  );
}
