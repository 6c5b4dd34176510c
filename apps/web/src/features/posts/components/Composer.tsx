import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Grid, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PostFieldsFragment, PostState } from '../../../gql/graphql';
import { describeError } from '../../../ui/errors';
import { SearchMultiPicker } from '../../../ui/SearchPicker';
import { useAccountSearch } from '../../accounts/hooks';
import { useCurrentMembership } from '../../organizations/hooks/useCurrentMembership';
import { usePreviewContext } from '../../policies/hooks';
import { ComposerTargetQuery, CreatePostMutation, SubmitPostMutation, UpdatePostMutation } from '../graphql';
import { TargetCheck } from './TargetCheck';

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Write a post for one or more accounts: the main text, an own text per account where a network
 * needs it, the wished time, and beside it what each account's policy finds, as you type. Saving
 * makes a new revision based on the one opened (a save in between is refused, never overwritten).
 */
export function Composer({ post }: { post?: PostFieldsFragment }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useCurrentMembership();
  const { context } = usePreviewContext(can('member.read'));
  const [accountIds, setAccountIds] = useState<string[]>(post?.targets.map((target) => target.account.id) ?? []);
  const [text, setText] = useState(post?.text ?? '');
  const [overrides, setOverrides] = useState<Record<string, string>>(
    Object.fromEntries((post?.targets ?? []).flatMap((target) => (target.text === null ? [] : [[target.account.id, target.text]]))),
  );
  const [scheduledAt, setScheduledAt] = useState<Date | null>(post?.scheduledAt ? new Date(post.scheduledAt) : null);
  const [problem, setProblem] = useState<{ message: string; stale?: boolean } | null>(null);
  // The lists show the new revision at once (the post page reloads it: it mounts anew).
  const refetch = { refetchQueries: ['Posts', 'MyReviewCount'] };
  const [create, creating] = useMutation(CreatePostMutation, refetch);
  const [update, updating] = useMutation(UpdatePostMutation, refetch);
  const [submit, submitting] = useMutation(SubmitPostMutation, refetch);
  const busy = creating.loading || updating.loading || submitting.loading;
  const initialOptions = useMemo(
    () => (post?.targets ?? []).map((target) => ({ value: target.account.id, label: `${target.account.displayName} (${target.account.displayHandle})` })),
    [post],
  );

  const save = async (andSubmit: boolean) => {
    setProblem(null);
    if (!accountIds.length) return setProblem({ message: t('posts.composer.chooseAccount') });
    if (!text.trim()) return setProblem({ message: t('posts.composer.writeSomething') });
    const content = {
      text,
      targets: accountIds.map((accountId) => ({ accountId, text: overrides[accountId] ?? null })),
      scheduledAt: scheduledAt ? scheduledAt.toISOString() : null,
    };
    try {
      const saved = post
        ? (await update({ variables: { input: { ...content, postId: post.id, basedOnRevision: post.revision } } })).data?.updatePost
        : (await create({ variables: { input: content } })).data?.createPost;
      if (!saved) return;
      if (!andSubmit) {
        notifications.show({ color: 'teal', message: t('posts.composer.saved', { revision: saved.revision }) });
        return navigate(`/posts/${saved.id}`);
      }
      const result = (await submit({ variables: { postId: saved.id } })).data?.submitPost;
      if (!result) return;
      if (!result.submitted) {
        notifications.show({ color: 'red', title: t('posts.composer.submitBlocked'), message: t('posts.composer.submitBlockedHelp') });
        return navigate(`/posts/${saved.id}/edit`);
      }
      notifications.show({ color: 'teal', message: t('posts.composer.submitted') });
      return navigate(`/posts/${saved.id}`);
    } catch (error) {
      const described = describeError(error);
      setProblem({ message: described.message, stale: described.code === 'CONFLICT' && !!post });
    }
  };

  const editWarning = post && (['IN_REVIEW', 'APPROVED', 'SCHEDULED'] as PostState[]).includes(post.state);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Card withBorder radius="md" padding="lg">
          <Stack gap="md">
            <Title order={2} size="h4">
              {post ? t('posts.composer.editTitle') : t('posts.composer.newTitle')}
            </Title>
            {editWarning && (
              <Alert color="orange" variant="light">
                {t('posts.composer.editWarning', { state: t(`posts.states.${post.state}`) })}
              </Alert>
            )}
            <SearchMultiPicker
              label={t('posts.composer.accounts')}
              description={t('posts.composer.accountsHelp')}
              placeholder={t('posts.composer.accountsPlaceholder')}
              useOptions={useAccountSearch}
              initialOptions={initialOptions}
              value={accountIds}
              onChange={setAccountIds}
            />
            <Textarea
              label={t('posts.composer.text')}
              placeholder={t('posts.composer.textPlaceholder')}
              autosize
              minRows={5}
              maxRows={16}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
            />
            {accountIds.map((accountId) => (
              <OwnText
                key={accountId}
                accountId={accountId}
                value={overrides[accountId]}
                onChange={(value) =>
                  setOverrides(
                    value === undefined
                      ? Object.fromEntries(Object.entries(overrides).filter(([id]) => id !== accountId))
                      : { ...overrides, [accountId]: value },
                  )
                }
                mainText={text}
              />
            ))}
            <DateTimePicker
              label={t('posts.composer.when')}
              description={t('posts.composer.whenHelp', { zone: ZONE })}
              placeholder={t('posts.composer.whenPlaceholder')}
              clearable
              minDate={new Date()}
              value={scheduledAt}
              onChange={(value) => setScheduledAt(value ? dayjs(value).toDate() : null)}
              valueFormat="LLL"
            />
            {problem && (
              <Alert color="red" role="alert">
                <Stack gap="xs">
                  <Text size="sm">{problem.stale ? t('posts.composer.stale') : problem.message}</Text>
                  {problem.stale && (
                    <Button size="xs" variant="white" color="red" onClick={() => window.location.reload()} style={{ alignSelf: 'flex-start' }}>
                      {t('posts.composer.reload')}
                    </Button>
                  )}
                </Stack>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => navigate(post ? `/posts/${post.id}` : '/posts')} disabled={busy}>
                {t('posts.composer.cancel')}
              </Button>
              <Button variant="light" onClick={() => void save(false)} loading={busy}>
                {t('posts.composer.saveDraft')}
              </Button>
              <Button onClick={() => void save(true)} loading={busy}>
                {t('posts.composer.saveAndSubmit')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack gap="md" aria-label={t('posts.composer.findings')} component="section">
          <Title order={2} size="h4">
            {t('posts.composer.findings')}
          </Title>
          {accountIds.length === 0 && (
            <Text c="dimmed" size="sm">
              {t('posts.composer.chooseAccount')}
            </Text>
          )}
          {accountIds.map((accountId) => (
            <TargetCheck key={accountId} accountId={accountId} text={overrides[accountId] ?? text} scheduledAt={scheduledAt} links={[]} context={context} />
          ))}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** A target's own text (a network that needs it shorter, or different), or a button to write one. */
function OwnText({
  accountId,
  value,
  onChange,
  mainText,
}: {
  accountId: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  mainText: string;
}) {
  const { t } = useTranslation();
  const { data } = useQuery(ComposerTargetQuery, { variables: { accountId } });
  const handle = data ? `${data.socialAccount.displayName} (${data.socialAccount.displayHandle})` : '…';
  if (value === undefined) {
    return (
      <Button variant="subtle" size="xs" onClick={() => onChange(mainText)} style={{ alignSelf: 'flex-start' }}>
        {t('posts.composer.customize', { handle })}
      </Button>
    );
  }
  return (
    <Stack gap={4}>
      <Textarea
        label={t('posts.composer.perNetwork', { handle })}
        autosize
        minRows={2}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      <Button variant="subtle" size="xs" color="gray" style={{ alignSelf: 'flex-start' }} onClick={() => onChange(undefined)}>
        {t('posts.composer.useMain')}
      </Button>
    </Stack>
  );
}
