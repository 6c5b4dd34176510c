import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Drawer, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { describeError } from '../../../ui/errors';
import { AccountOwnershipHistoryQuery } from '../graphql';

const ENDED: Record<string, string> = {
  reassigned: 'handed over',
  owner_removed: 'left the organization',
  deactivated: 'account deactivated',
};

export function OwnershipHistoryDrawer({
  account,
  onClose,
}: {
  account: { id: string; displayName: string; displayHandle: string } | null;
  onClose: () => void;
}) {
  const { data, loading, error } = useQuery(AccountOwnershipHistoryQuery, {
    variables: { id: account?.id ?? '' },
    skip: !account,
    fetchPolicy: 'cache-and-network',
  });
  const history = data?.socialAccount.id === account?.id ? data?.socialAccount.ownershipHistory : undefined;
  return (
    <Drawer opened={!!account} onClose={onClose} position="right" size="md" title={account ? `Owners of ${account.displayName}` : ''}>
      {account && (
        <Stack>
          <Text size="sm" c="dimmed">
            {account.displayHandle}: every person who has owned this account, newest first.
          </Text>
          {error ? (
            <Alert color="red">{describeError(error).message}</Alert>
          ) : loading && !history ? (
            <Stack aria-busy="true" aria-label="Loading the owners">
              <Skeleton h={28} />
              <Skeleton h={28} />
            </Stack>
          ) : !history?.length ? (
            <Text size="sm">Nobody has owned this account yet.</Text>
          ) : (
            <Timeline active={0} bulletSize={24} lineWidth={2}>
              {history.map((period, index) => (
                <Timeline.Item
                  key={`${period.owner.id}-${period.assignedAt}`}
                  bullet={<IconUser size={12} />}
                  title={
                    <>
                      {period.owner.name}{' '}
                      {index === 0 && !period.endedAt && (
                        <Badge size="xs" variant="light">
                          current
                        </Badge>
                      )}
                      {!period.owner.active && (
                        <Badge size="xs" color="gray" variant="light">
                          left
                        </Badge>
                      )}
                    </>
                  }
                >
                  <Text size="xs" c="dimmed">
                    From {dayjs(period.assignedAt).format('D MMM YYYY, HH:mm')}
                    {period.assignedByName ? `, assigned by ${period.assignedByName}` : ''}
                  </Text>
                  {period.endedAt && (
                    <Text size="xs" c="dimmed">
                      Until {dayjs(period.endedAt).format('D MMM YYYY, HH:mm')} ({ENDED[period.endedReason ?? ''] ?? period.endedReason})
                    </Text>
                  )}
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
