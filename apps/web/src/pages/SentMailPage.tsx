import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, EmptyState, Group, Skeleton, Stack } from '@mantine/core';
import { IconMail, IconMailCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MailList } from '../features/mail/components/MailList';
import { SentMailQuery } from '../features/mail/graphql';
import { describeError } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

export function SentMailPage() {
  const { t } = useTranslation();
  const { data, loading, error, fetchMore } = useQuery(SentMailQuery, { variables: { first: 50 } });
  const mails = data?.sentMail.edges.map((edge) => edge.node) ?? [];

  return (
    <>
      <PageHeader title={t('mail.title')} description={t('mail.description')} />
      <Stack gap="lg">
        {data?.sentMail.delivery === 'DATABASE' && (
          <Alert color="blue" icon={<IconMail size={18} />} title={t('mail.keptTitle')}>
            {t('mail.kept')}
          </Alert>
        )}
        {data?.sentMail.delivery === 'SMTP' && (
          <Alert color="teal" icon={<IconMailCheck size={18} />} title={t('mail.smtpTitle')}>
            {t('mail.smtp')}
          </Alert>
        )}
        {error && (
          <Alert color="red" title={t('mail.loadFailed')}>
            {describeError(error).message}
          </Alert>
        )}
        <Card withBorder radius="md" padding="lg">
          {loading && !data ? (
            <Stack aria-busy="true" aria-label={t('mail.loading')}>
              <Skeleton h={40} />
              <Skeleton h={40} />
            </Stack>
          ) : mails.length === 0 ? (
            <EmptyState icon={<IconMail size={28} />} title={t('mail.empty')} description={t('mail.emptyHelp')} />
          ) : (
            <MailList mails={mails} />
          )}
        </Card>
        {data?.sentMail.pageInfo.hasNextPage && (
          <Group justify="center">
            <Button variant="default" onClick={() => void fetchMore({ variables: { after: data.sentMail.pageInfo.endCursor } })}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
    </>
  );
}
