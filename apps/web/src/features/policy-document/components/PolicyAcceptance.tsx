import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Group, Skeleton, Stack, Text, Title, Typography } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import Markdown from 'react-markdown';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { notifyFailure } from '../../../ui/errors';
import { AcknowledgePolicyDocumentMutation, PolicyDocumentStatusQuery } from '../graphql';
import { ChangesSince } from './ChangesSince';

/** The current policy to read, what changed since the version last accepted, and the accept button. */
export function PolicyAcceptance({ gate = false }: { gate?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useApolloClient();
  const { data, loading } = useQuery(PolicyDocumentStatusQuery);
  const [acknowledge, acknowledging] = useMutation(AcknowledgePolicyDocumentMutation);
  const status = data?.policyDocumentStatus;
  if (loading && !data) return <Skeleton h={200} aria-busy="true" aria-label={t('app.loading')} />;
  if (!status?.current) {
    return (
      <Text size="sm" c="dimmed">
        {t('policyDocument.acceptance.none')}
      </Text>
    );
  }
  const current = status.current;
  const last = status.lastAcknowledged;
  return (
    <Stack gap="lg">
      {status.mustAcknowledge ? (
        <Alert color="orange" title={t('policyDocument.acceptance.mustAccept', { version: current.version })} role="alert">
          {gate ? t('policyDocument.acceptance.readFirst') : ''}
          {t('policyDocument.acceptance.untilThen')}
          {current.changeSummary ? t('policyDocument.acceptance.whatChangedInline', { summary: current.changeSummary }) : ''}
        </Alert>
      ) : (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title={t('policyDocument.acceptance.accepted', { version: current.version })}>
          {t('policyDocument.acceptance.acceptedOn', { when: format.dateTime(status.acknowledgedAt) })}
        </Alert>
      )}
      {status.mustAcknowledge && last && last.id !== current.id && (
        <Card withBorder radius="md" padding="lg" component="section" aria-label={t('policyDocument.acceptance.whatChanged')}>
          <Title order={2} size="h4" mb="xs">
            {t('policyDocument.acceptance.changesSince', { version: last.version })}
          </Title>
          <ChangesSince before={last.body} after={current.body} />
        </Card>
      )}
      <Card withBorder radius="md" padding="lg" component="article" aria-label={t('policyDocument.acceptance.document')}>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3">
            {current.title}
          </Title>
          <Text size="sm" c="dimmed">
            {t('policyDocument.acceptance.publishedOn', { version: current.version, when: format.date(current.publishedAt) })}
            {current.publishedByName ? t('policyDocument.acceptance.publishedBy', { name: current.publishedByName }) : ''}
          </Text>
        </Group>
        <Typography>
          <Markdown>{current.body}</Markdown>
        </Typography>
        {status.mustAcknowledge && (
          <Group justify="flex-end" mt="lg">
            <Button
              loading={acknowledging.loading}
              leftSection={<IconCircleCheck size={16} />}
              onClick={() =>
                acknowledge({ variables: { versionId: current.id } })
                  .then(() => client.refetchQueries({ include: [PolicyDocumentStatusQuery] }))
                  .catch(notifyFailure)
              }
            >
              {t('policyDocument.acceptance.accept', { version: current.version })}
            </Button>
          </Group>
        )}
      </Card>
    </Stack>
  );
}
