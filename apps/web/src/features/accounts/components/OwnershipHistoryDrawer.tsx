import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Drawer, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { describeError } from '../../../ui/errors';
import { AccountOwnershipHistoryQuery } from '../graphql';

const REASONS = ['reassigned', 'owner_removed', 'deactivated'] as const;

export function OwnershipHistoryDrawer({
  account,
  onClose,
}: {
  account: { id: string; displayName: string; displayHandle: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, loading, error } = useQuery(AccountOwnershipHistoryQuery, {
    variables: { id: account?.id ?? '' },
    skip: !account,
    fetchPolicy: 'cache-and-network',
  });
  const history = data?.socialAccount.id === account?.id ? data?.socialAccount.ownershipHistory : undefined;
  const reason = (code: string | null | undefined) =>
    REASONS.includes(code as (typeof REASONS)[number]) ? t(`accounts.history.reasons.${code as (typeof REASONS)[number]}`) : (code ?? '');
  return (
    <Drawer
      opened={!!account}
      onClose={onClose}
      position="right"
      size="md"
      title={account ? t('accounts.history.title', { account: account.displayName }) : ''}
    >
      {account && (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('accounts.history.intro', { handle: account.displayHandle })}
          </Text>
          {error ? (
            <Alert color="red">{describeError(error).message}</Alert>
          ) : loading && !history ? (
            <Stack aria-busy="true" aria-label={t('accounts.history.loading')}>
              <Skeleton h={28} />
              <Skeleton h={28} />
            </Stack>
          ) : !history?.length ? (
            <Text size="sm">{t('accounts.history.empty')}</Text>
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
                          {t('accounts.history.current')}
                        </Badge>
                      )}
                      {!period.owner.active && (
                        <Badge size="xs" color="gray" variant="light">
                          {t('accounts.history.left')}
                        </Badge>
                      )}
                    </>
                  }
                >
                  <Text size="xs" c="dimmed">
                    {t('accounts.history.from', { when: format.dateTime(period.assignedAt) })}
                    {period.assignedByName ? t('accounts.history.assignedBy', { name: period.assignedByName }) : ''}
                  </Text>
                  {period.endedAt && (
                    <Text size="xs" c="dimmed">
                      {t('accounts.history.until', { when: format.dateTime(period.endedAt), reason: reason(period.endedReason) })}
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
