import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Center, EmptyState, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconListSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { AuditEventDrawer } from '../features/audit/components/AuditEventDrawer';
import { AuditFilters, EMPTY_FILTERS, type AuditFilterValues } from '../features/audit/components/AuditFilters';
import { AuditTable, type AuditRow } from '../features/audit/components/AuditTable';
import { VerifyChainPanel } from '../features/audit/components/VerifyChainPanel';
import { AuditEventsQuery } from '../features/audit/graphql';
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
      <PageHeader
        title="Audit trail"
        description="Every change in this organization, in order, each event sealed with a hash of the one before it. Nothing here can be edited or deleted, by anyone."
      />
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg">
          <VerifyChainPanel />
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Stack gap="md">
            <AuditFilters value={filters} onChange={setFilters} />
            {error && (
              <Alert color="red" title="The audit trail could not be loaded">
                {describeError(error).message}
              </Alert>
            )}
            {loading && !data ? (
              <Stack gap="xs" aria-busy="true" aria-label="Loading events">
                {Array.from({ length: 6 }, (_, i) => (
                  <Skeleton key={i} height={34} />
                ))}
              </Stack>
            ) : rows.length === 0 && !error ? (
              <EmptyState
                icon={<IconListSearch size={28} />}
                title="No events match"
                description={
                  JSON.stringify(filters) === JSON.stringify(EMPTY_FILTERS) ? 'Nothing has happened here yet.' : 'Try a wider time range or clear the filters.'
                }
              />
            ) : (
              <AuditTable rows={rows} onSelect={setSelected} />
            )}
            {connection && rows.length > 0 && (
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  Showing {rows.length.toLocaleString()} event{rows.length === 1 ? '' : 's'}, newest first
                </Text>
                {connection.pageInfo.hasNextPage ? (
                  <Button variant="default" onClick={handleLoadMore} loading={loadingMore}>
                    Load more
                  </Button>
                ) : (
                  <Center>
                    <Text size="sm" c="dimmed">
                      That is the beginning of the trail.
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
