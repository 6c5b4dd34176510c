import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Group, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { NETWORK_LABELS, type Network } from '@clearpost/networks';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDecision } from '../../../gql/graphql';
import { describeError } from '../../../ui/errors';
import { HighlightedText } from '../../policies/components/HighlightedText';
import { ACTION_COLORS, usePolicyLabels } from '../../policies/labels';
import { ActOnApprovalLinkMutation, ApprovalLinkQuery } from '../graphql';

/**
 * The page a client's approver opens from the mail, without an account: the post as it will
 * appear on each network, what the policy raised that a client may see, and the decision — once.
 */
export function ApprovalLinkPanel({ token }: { token: string }) {
  const { t } = useTranslation();
  const labels = usePolicyLabels();
  const { data, loading, error } = useQuery(ApprovalLinkQuery, { variables: { token }, skip: !token, fetchPolicy: 'no-cache' });
  const [act, acting] = useMutation(ActOnApprovalLinkMutation);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<ApprovalDecision | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  if (loading) return <Skeleton h={320} aria-busy="true" aria-label={t('posts.approve.loading')} />;
  if (done) {
    return (
      <Alert color="teal" title={t('posts.approve.done')}>
        {t(`posts.approve.doneDecision.${done}`)}
      </Alert>
    );
  }
  if (error || !data) {
    return (
      <Alert color="red" title={t('posts.approve.invalid')}>
        {error ? describeError(error).message : null}
      </Alert>
    );
  }
  const view = data.approvalLink;
  const decide = (decision: ApprovalDecision) =>
    void act({ variables: { input: { token, contentHash: view.contentHash, decision, comment: comment.trim() || null } } })
      .then(() => setDone(decision))
      .catch((e: unknown) => setFailure(describeError(e).message));

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('posts.approve.title')}
        </Title>
        <Text>{t('posts.approve.intro', { organization: view.organizationName, client: view.clientName, step: view.stepName })}</Text>
        <Text size="sm" c="dimmed">
          {t('posts.approve.expires', { when: dayjs(view.expiresAt).format('LLL') })}
        </Text>
      </Stack>
      {view.targets.map((target, index) => (
        <Card key={index} withBorder radius="md" padding="lg">
          <Text size="xs" c="dimmed" fw={600}>
            {target.account.displayName} · {target.account.displayHandle} · {NETWORK_LABELS[target.account.network as Network] ?? target.account.network}
          </Text>
          <HighlightedText text={target.effectiveText} findings={view.findings} />
        </Card>
      ))}
      {view.findings.length > 0 && (
        <Card withBorder radius="md" padding="lg">
          <Stack gap="xs">
            <Title order={2} size="h5">
              {t('posts.approve.findings')}
            </Title>
            {view.findings.map((finding, index) => (
              <Group key={index} gap="xs" wrap="nowrap">
                <Badge color={ACTION_COLORS[finding.action]} variant="light" miw={110} style={{ flexShrink: 0 }}>
                  {labels.action(finding.action)}
                </Badge>
                <Text size="sm">{finding.message}</Text>
              </Group>
            ))}
          </Stack>
        </Card>
      )}
      {view.comments.length > 0 && (
        <Card withBorder radius="md" padding="lg">
          <Stack gap="xs">
            <Title order={2} size="h5">
              {t('posts.approve.comments')}
            </Title>
            {view.comments.map((c) => (
              <Text key={c.id} size="sm">
                <b>{c.authorName}</b>: {c.body}
              </Text>
            ))}
          </Stack>
        </Card>
      )}
      <Card withBorder radius="md" padding="lg">
        <Stack gap="sm">
          <Textarea label={t('posts.approve.yourComment')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <Group>
            <Button color="teal" loading={acting.loading} onClick={() => decide('APPROVED')}>
              {t('posts.approve.approve')}
            </Button>
            <Button color="orange" variant="light" loading={acting.loading} onClick={() => decide('CHANGES_REQUESTED')}>
              {t('posts.approve.requestChanges')}
            </Button>
            <Button color="red" variant="light" loading={acting.loading} onClick={() => decide('REJECTED')}>
              {t('posts.approve.reject')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
