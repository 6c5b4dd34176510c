import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Group, Skeleton, Stack, Text, Title, Typography } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import dayjs from 'dayjs';
import Markdown from 'react-markdown';
import { notifyFailure } from '../../../ui/errors';
import { AcknowledgePolicyDocumentMutation, PolicyDocumentStatusQuery } from '../graphql';
import { ChangesSince } from './ChangesSince';

/** The current policy to read, what changed since the version last accepted, and the accept button. */
export function PolicyAcceptance({ gate = false }: { gate?: boolean }) {
  const client = useApolloClient();
  const { data, loading } = useQuery(PolicyDocumentStatusQuery);
  const [acknowledge, acknowledging] = useMutation(AcknowledgePolicyDocumentMutation);
  const status = data?.policyDocumentStatus;
  if (loading && !data) return <Skeleton h={200} aria-busy="true" />;
  if (!status?.current) {
    return (
      <Text size="sm" c="dimmed">
        No social media policy has been published yet.
      </Text>
    );
  }
  const current = status.current;
  const last = status.lastAcknowledged;
  return (
    <Stack gap="lg">
      {status.mustAcknowledge ? (
        <Alert color="orange" title={`Version ${current.version} of the social media policy needs your acceptance`} role="alert">
          {gate ? 'Before anything else, please read it and accept it. ' : ''}Until you do, you cannot submit posts.
          {current.changeSummary ? ` What changed: ${current.changeSummary}` : ''}
        </Alert>
      ) : (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} title={`You accepted version ${current.version}`}>
          On {dayjs(status.acknowledgedAt).format('D MMMM YYYY [at] HH:mm')}.
        </Alert>
      )}
      {status.mustAcknowledge && last && last.id !== current.id && (
        <Card withBorder radius="md" padding="lg" component="section" aria-label="What changed">
          <Title order={2} size="h4" mb="xs">
            What changed since version {last.version}, which you accepted
          </Title>
          <ChangesSince before={last.body} after={current.body} />
        </Card>
      )}
      <Card withBorder radius="md" padding="lg" component="article" aria-label="Social media policy">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3">
            {current.title}
          </Title>
          <Text size="sm" c="dimmed">
            Version {current.version}, published {dayjs(current.publishedAt).format('D MMMM YYYY')}
            {current.publishedByName ? ` by ${current.publishedByName}` : ''}
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
              I have read and accept version {current.version}
            </Button>
          </Group>
        )}
      </Card>
    </Stack>
  );
}
