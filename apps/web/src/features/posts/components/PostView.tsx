import { useMutation } from '@apollo/client/react';
import { Badge, Button, Card, Code, Grid, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { NETWORK_LABELS, type Network } from '@clearpost/networks';
import { isClientRole } from '@clearpost/authz';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PostQuery } from '../../../gql/graphql';
import { notifyFailure } from '../../../ui/errors';
import { WordDiff } from '../../../ui/WordDiff';
import { SearchMultiPicker } from '../../../ui/SearchPicker';
import { useStaffSearch } from '../../members/hooks';
import { useCurrentMembership } from '../../organizations/hooks/useCurrentMembership';
import { FindingRow } from '../../policies/components/FindingRow';
import { HighlightedText } from '../../policies/components/HighlightedText';
import {
  AddPostCommentMutation,
  ApprovePostMutation,
  CancelPostMutation,
  PublishPostNowMutation,
  RetryPublicationMutation,
  RejectPostMutation,
  RequestChangesMutation,
  SchedulePostMutation,
  SubmitPostMutation,
} from '../graphql';
import { StateBadge } from './StateBadge';

type FullPost = PostQuery['post'];
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const refetch = { refetchQueries: ['Post', 'Posts', 'MyReviewCount'] };

/** A post: how it will appear, where its review stands, what the policy found, its history and comments. */
export function PostView({ post }: { post: FullPost }) {
  const { t } = useTranslation();
  const { can } = useCurrentMembership();
  const [submit, submitting] = useMutation(SubmitPostMutation, refetch);
  const [cancel] = useMutation(CancelPostMutation, refetch);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const writes = can('post.write');
  const editable = writes && ['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'SCHEDULED', 'FAILED'].includes(post.state);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <StateBadge state={post.state} />
            <Text size="sm" c="dimmed">
              {t('posts.post.revision', { number: post.revision })} ·{' '}
              {t('posts.post.by', { name: post.author.name, when: dayjs(post.createdAt).format('LLL') })}
              {post.clientName ? ` · ${post.clientName}` : ''}
            </Text>
          </Group>
          {post.scheduledAt && post.state === 'SCHEDULED' && (
            <Text size="sm" fw={500} c="violet">
              {t('posts.post.scheduled', { when: dayjs(post.scheduledAt).format('LLLL') })}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          {editable && (
            <Button component={Link} to={`/posts/${post.id}/edit`} variant="default">
              {t('posts.post.edit')}
            </Button>
          )}
          {writes && ['DRAFT', 'CHANGES_REQUESTED'].includes(post.state) && (
            <Button
              loading={submitting.loading}
              onClick={() =>
                void submit({ variables: { postId: post.id } })
                  .then(({ data }) =>
                    data?.submitPost.submitted
                      ? notifications.show({ color: 'teal', message: t('posts.composer.submitted') })
                      : notifications.show({ color: 'red', title: t('posts.composer.submitBlocked'), message: t('posts.composer.submitBlockedHelp') }),
                  )
                  .catch(notifyFailure)
              }
            >
              {t('posts.post.submit')}
            </Button>
          )}
          {writes && ['APPROVED', 'SCHEDULED'].includes(post.state) && <ScheduleButton post={post} />}
          {writes && ['APPROVED', 'SCHEDULED'].includes(post.state) && <PublishNowButton post={post} />}
          {writes && !['REJECTED', 'CANCELLED', 'PUBLISHING', 'PUBLISHED'].includes(post.state) && (
            <Button variant="subtle" color="red" onClick={() => setConfirmCancel(true)}>
              {t('posts.post.cancelPost')}
            </Button>
          )}
        </Group>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Targets post={post} />
            {['SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED'].includes(post.state) && <Publications post={post} />}
            {post.canReview && <ReviewCard post={post} />}
            <Findings post={post} />
            <Revisions post={post} />
            <Comments post={post} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Steps post={post} />
            <History post={post} />
            <Card withBorder radius="md" padding="md">
              <Text size="xs" c="dimmed">
                {t('posts.post.hash')}
              </Text>
              <Code style={{ wordBreak: 'break-all' }}>{post.contentHash}</Code>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      <Modal opened={confirmCancel} onClose={() => setConfirmCancel(false)} title={t('posts.post.cancelPost')}>
        <Stack>
          <Text size="sm">{t('posts.post.cancelConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmCancel(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={() => (setConfirmCancel(false), void cancel({ variables: { postId: post.id } }).catch(notifyFailure))}>
              {t('posts.post.cancelPost')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Targets({ post }: { post: FullPost }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('posts.post.targets')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('posts.post.targets')}
        </Title>
        {post.targets.map((target) => (
          <Card key={target.account.id} radius="sm" padding="sm" bg="var(--mantine-color-gray-0)">
            <Text size="xs" c="dimmed" fw={600}>
              {target.account.displayName} · {target.account.displayHandle} · {NETWORK_LABELS[target.account.network as Network] ?? target.account.network}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {target.effectiveText}
            </Text>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

function ReviewCard({ post }: { post: FullPost }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [approve, approving] = useMutation(ApprovePostMutation, refetch);
  const [reject, rejecting] = useMutation(RejectPostMutation, refetch);
  const [changes, asking] = useMutation(RequestChangesMutation, refetch);
  const input = { postId: post.id, contentHash: post.contentHash, comment: comment.trim() || null };
  const done = (promise: Promise<unknown>) =>
    void promise.then(() => (setComment(''), notifications.show({ color: 'teal', message: t('posts.post.decided') }))).catch(notifyFailure);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('posts.post.review')} style={{ borderColor: 'var(--mantine-color-blue-4)' }}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('posts.post.review')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('posts.post.reviewHelp', { revision: post.revision })}
        </Text>
        <Textarea label={t('posts.post.comment')} autosize minRows={2} value={comment} onChange={(event) => setComment(event.currentTarget.value)} />
        <Group>
          <Button color="teal" loading={approving.loading} onClick={() => done(approve({ variables: { input } }))}>
            {t('posts.post.approve')}
          </Button>
          <Button color="orange" variant="light" loading={asking.loading} onClick={() => done(changes({ variables: { input } }))}>
            {t('posts.post.requestChanges')}
          </Button>
          <Button color="red" variant="light" loading={rejecting.loading} onClick={() => done(reject({ variables: { input } }))}>
            {t('posts.post.reject')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const PUBLICATION_COLORS: Record<string, string> = { SCHEDULED: 'violet', PUBLISHING: 'indigo', PUBLISHED: 'green', FAILED: 'red', CANCELLED: 'gray' };

/** Where the post goes out, account by account: waiting, going, out (with the link), or why not — and a retry. */
function Publications({ post }: { post: FullPost }) {
  const { t } = useTranslation();
  const { can } = useCurrentMembership();
  const [retry, retrying] = useMutation(RetryPublicationMutation, refetch);
  const live = post.publications.filter((p) => p.state !== 'CANCELLED');
  const staffOnly = post.targets.some((target) => target.account.kind === 'STAFF');
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('posts.publishing.title')}>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {t('posts.publishing.title')}
        </Title>
        {post.state === 'PUBLISHING' && (
          <Badge variant="dot" color="indigo">
            {t('posts.publishing.live')}
          </Badge>
        )}
      </Group>
      <Stack gap="sm">
        {!live.length && (
          <Text size="sm" c="dimmed">
            {t('posts.publishing.none')}
          </Text>
        )}
        {live.map((p) => (
          <Stack key={p.id} gap={2} data-publication-state={p.state}>
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs">
                <Badge color={PUBLICATION_COLORS[p.state]} variant="light">
                  {t(`posts.publishing.states.${p.state}`)}
                </Badge>
                <Text size="sm" fw={500}>
                  @{p.handle}
                </Text>
                <Text size="xs" c="dimmed">
                  {NETWORK_LABELS[p.network as Network] ?? p.network}
                </Text>
              </Group>
              <Group gap="xs">
                {p.remoteUrl && p.state === 'PUBLISHED' && (
                  <Button component="a" href={p.remoteUrl} target="_blank" rel="noreferrer" size="compact-sm" variant="subtle">
                    {t('posts.publishing.open')}
                  </Button>
                )}
                {p.state === 'FAILED' && can('post.write') && (
                  <Button
                    size="compact-sm"
                    variant="light"
                    color="red"
                    loading={retrying.loading}
                    onClick={() =>
                      void retry({ variables: { publicationId: p.id } })
                        .then(() => notifications.show({ color: 'teal', message: t('posts.publishing.retried') }))
                        .catch(notifyFailure)
                    }
                  >
                    {t('posts.publishing.retry')}
                  </Button>
                )}
              </Group>
            </Group>
            <Text size="xs" c="dimmed">
              {[
                p.publishedAt
                  ? t('posts.publishing.publishedAt', { when: dayjs(p.publishedAt).format('LLL') })
                  : t('posts.publishing.due', { when: dayjs(p.dueAt).format('LLL') }),
                p.attempts ? t('posts.publishing.attempts', { count: p.attempts }) : null,
                p.nextAttemptAt && p.state === 'SCHEDULED' ? t('posts.publishing.nextAttempt', { when: dayjs(p.nextAttemptAt).format('LTS') }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            {p.lastError && p.state !== 'PUBLISHED' && (
              <Text size="xs" c={p.state === 'FAILED' ? 'red' : 'orange'}>
                {p.lastError}
                {p.errorPermanent ? ` — ${t('posts.publishing.permanent')}` : ''}
              </Text>
            )}
          </Stack>
        ))}
        {staffOnly && (
          <Text size="xs" c="dimmed">
            {t('posts.publishing.staffOnly')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function PublishNowButton({ post }: { post: FullPost }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [publish, publishing] = useMutation(PublishPostNowMutation, refetch);
  return (
    <>
      <Button color="green" variant="light" onClick={() => setOpened(true)}>
        {t('posts.publishing.publishNow')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('posts.publishing.publishNowTitle')}>
        <Stack>
          <Text size="sm">{t('posts.publishing.publishNowHelp')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="green"
              loading={publishing.loading}
              onClick={() =>
                void publish({ variables: { postId: post.id } })
                  .then(() => setOpened(false))
                  .catch(notifyFailure)
              }
            >
              {t('posts.publishing.publishNowConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function ScheduleButton({ post }: { post: FullPost }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [at, setAt] = useState<Date | null>(post.scheduledAt ? new Date(post.scheduledAt) : null);
  const [error, setError] = useState<string | null>(null);
  const [schedule, scheduling] = useMutation(SchedulePostMutation, refetch);
  return (
    <>
      <Button variant="light" color="violet" onClick={() => setOpened(true)}>
        {t('posts.post.schedule')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('posts.post.schedule')}>
        <Stack>
          <DateTimePicker
            label={t('posts.post.scheduleAt')}
            description={t('posts.post.scheduleHelp', { zone: ZONE })}
            minDate={new Date()}
            value={at}
            onChange={(value) => setAt(value ? dayjs(value).toDate() : null)}
            valueFormat="LLL"
            error={error}
          />
          {post.targets.map((target) => (
            <Text key={target.account.id} size="xs" c="dimmed">
              {t('posts.composer.accountTime', {
                handle: target.account.displayHandle,
                time: at ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: target.account.timezone }).format(at) : '—',
                zone: target.account.timezone,
              })}
            </Text>
          ))}
          <Group justify="flex-end">
            <Button
              disabled={!at}
              loading={scheduling.loading}
              onClick={() =>
                at &&
                void schedule({ variables: { input: { postId: post.id, scheduledAt: at.toISOString() } } })
                  .then(() => (setError(null), setOpened(false)))
                  .catch((e: unknown) => setError((e as Error).message))
              }
            >
              {t('posts.post.schedule')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function Steps({ post }: { post: FullPost }) {
  const { t } = useTranslation();
  const colors: Record<string, string> = { APPROVED: 'teal', WAITING: 'blue', PENDING: 'gray', STOPPED: 'gray' };
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('posts.post.steps')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('posts.post.steps')}
        </Title>
        {post.steps.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('posts.post.noSteps')}
          </Text>
        )}
        {post.steps.map((step) => (
          <Group key={step.index} justify="space-between" wrap="nowrap" data-step-status={step.status}>
            <Stack gap={0}>
              <Text size="sm" fw={500}>
                {step.index + 1}. {step.name}
              </Text>
              <Text size="xs" c="dimmed">
                {step.mode === 'ALL' ? t('posts.post.mode.ALL') : t('posts.post.mode.ANY', { count: step.minApprovals })}
                {step.approvedBy.length ? ` · ${t('posts.post.approvedBy', { names: step.approvedBy.join(', ') })}` : ''}
              </Text>
            </Stack>
            <Badge color={colors[step.status] ?? 'gray'} variant="light">
              {t(`posts.post.stepStatus.${step.status as 'APPROVED'}`)}
            </Badge>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function Findings({ post }: { post: FullPost }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('posts.post.findings')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('posts.post.findings')}
        </Title>
        {post.findings.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('posts.post.noFindingsYet')}
          </Text>
        )}
        {post.findings.map((target) => {
          const account = post.targets.find((x) => x.account.id === target.accountId);
          const revision = post.revisions.find((r) => r.number === target.revision);
          const text = revision?.targets.find((x) => x.account.id === target.accountId)?.text ?? revision?.text ?? '';
          return (
            <Stack key={target.accountId} gap={4}>
              <Text size="xs" c="dimmed" fw={600}>
                {account?.account.displayHandle} · {t('posts.post.revision', { number: target.revision })}
              </Text>
              {target.findings.length === 0 ? (
                <Text size="sm" c="teal">
                  {t('posts.post.clean')}
                </Text>
              ) : (
                <>
                  <Card radius="sm" padding="sm" bg="var(--mantine-color-gray-0)">
                    <HighlightedText text={text} findings={target.findings} />
                  </Card>
                  {target.findings.map((finding, index) => (
                    <FindingRow key={`${finding.ruleId}-${index}`} finding={{ ...finding, label: finding.ruleLabel }} text={text} />
                  ))}
                </>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}

function Revisions({ post }: { post: FullPost }) {
  const { t } = useTranslation();
  const numbers = post.revisions.map((r) => String(r.number));
  // Until the reader picks, the latest revision against the one before (the post may gain revisions while open).
  const [picked, setPicked] = useState<{ left: string | null; right: string | null }>({ left: null, right: null });
  const left = picked.left ?? numbers[1] ?? numbers[0];
  const right = picked.right ?? numbers[0];
  const setLeft = (value: string) => setPicked({ ...picked, left: value });
  const setRight = (value: string) => setPicked({ ...picked, right: value });
  if (post.revisions.length < 2) return null;
  const before = post.revisions.find((r) => String(r.number) === left)?.text ?? '';
  const after = post.revisions.find((r) => String(r.number) === right)?.text ?? '';
  const data = post.revisions.map((r) => ({ value: String(r.number), label: `${t('posts.post.revision', { number: r.number })} · ${r.authorName}` }));
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('posts.post.revisions')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('posts.post.revisions')}
        </Title>
        <Group gap="xs">
          <Select aria-label={t('posts.post.compare')} data={data} value={left} onChange={(v) => v && setLeft(v)} allowDeselect={false} w={220} />
          <Text size="sm">{t('posts.post.with')}</Text>
          <Select aria-label={t('posts.post.with')} data={data} value={right} onChange={(v) => v && setRight(v)} allowDeselect={false} w={220} />
        </Group>
        <WordDiff before={before} after={after} label={t('posts.post.revisions')} />
      </Stack>
    </Card>
  );
}

function History({ post }: { post: FullPost }) {
  const { t } = useTranslation();
  const label = (action: string, data: Record<string, unknown>) => {
    const key = `posts.timeline.${action}`;
    return t(key as 'posts.timeline.other', { ...data, action, defaultValue: action });
  };
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('posts.post.history')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('posts.post.history')}
        </Title>
        <Timeline bulletSize={12} lineWidth={2}>
          {post.timeline.map((entry, index) => (
            <Timeline.Item key={index} title={<Text size="sm">{label(entry.action, entry.data as Record<string, unknown>)}</Text>}>
              <Text size="xs" c="dimmed">
                {entry.actorName ? `${entry.actorName} · ` : ''}
                {dayjs(entry.at).format('LLL')}
              </Text>
              {typeof (entry.data as { contentHash?: unknown }).contentHash === 'string' && (
                <Text size="xs" c="dimmed" ff="monospace" title={(entry.data as { contentHash: string }).contentHash}>
                  {t('posts.post.hashShort', { hash: (entry.data as { contentHash: string }).contentHash.slice(0, 12) })}
                </Text>
              )}
              {typeof (entry.data as { comment?: unknown }).comment === 'string' && (
                <Text size="xs" fs="italic">
                  {t('posts.post.quoted', { text: (entry.data as { comment: string }).comment })}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Card>
  );
}

function Comments({ post }: { post: FullPost }) {
  const { t } = useTranslation();
  const { can, current } = useCurrentMembership();
  const client = !!current && isClientRole(current.role);
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const [replyTo, setReplyTo] = useState<{ id: string; authorName: string } | null>(null);
  const [visibility, setVisibility] = useState<'INTERNAL' | 'CLIENT'>(client ? 'CLIENT' : 'INTERNAL');
  const [add, adding] = useMutation(AddPostCommentMutation, refetch);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('posts.post.comments')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('posts.post.comments')}
        </Title>
        {post.comments.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('posts.post.noComments')}
          </Text>
        )}
        {threaded(post.comments).map((comment) => (
          <Stack key={comment.id} gap={2} pl={comment.parentId ? 'lg' : 0}>
            <Group gap="xs">
              <Text size="sm" fw={500}>
                {comment.authorName}
              </Text>
              <Badge size="xs" variant="light" color={comment.visibility === 'CLIENT' ? 'grape' : 'gray'}>
                {comment.visibility === 'CLIENT' ? t('posts.post.shared') : t('posts.post.internal')}
              </Badge>
              <Text size="xs" c="dimmed">
                {dayjs(comment.createdAt).fromNow()}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {comment.body}
            </Text>
            {can('post.comment') && !comment.parentId && (
              <Button
                variant="subtle"
                size="compact-xs"
                style={{ alignSelf: 'flex-start' }}
                onClick={() => setReplyTo({ id: comment.id, authorName: comment.authorName })}
                aria-label={t('posts.post.replyTo', { name: comment.authorName })}
              >
                {t('posts.post.reply')}
              </Button>
            )}
          </Stack>
        ))}
        {can('post.comment') && (
          <Stack gap="xs">
            {can('member.read') && (
              <SearchMultiPicker
                aria-label={t('posts.post.notify')}
                placeholder={t('posts.post.notify')}
                useOptions={useStaffSearch}
                value={mentions}
                onChange={setMentions}
                size="xs"
              />
            )}
            {replyTo && (
              <Group gap="xs">
                <Text size="xs" c="dimmed">
                  {t('posts.post.replyingTo', { name: replyTo.authorName })}
                </Text>
                <Button variant="subtle" size="compact-xs" color="gray" onClick={() => setReplyTo(null)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            )}
            <Textarea
              aria-label={t('posts.post.addComment')}
              placeholder={t('posts.post.addComment')}
              autosize
              minRows={2}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
            <Group justify="space-between">
              {!client ? (
                <SegmentedControl
                  size="xs"
                  value={visibility}
                  onChange={(v) => setVisibility(v as 'INTERNAL' | 'CLIENT')}
                  data={[
                    { value: 'INTERNAL', label: t('posts.post.internal') },
                    { value: 'CLIENT', label: t('posts.post.shared') },
                  ]}
                />
              ) : (
                <span />
              )}
              <Button
                size="xs"
                disabled={!body.trim()}
                loading={adding.loading}
                onClick={() =>
                  void add({ variables: { input: { postId: post.id, body: body.trim(), visibility, mentions, parentId: replyTo?.id ?? null } } })
                    .then(() => (setBody(''), setMentions([]), setReplyTo(null)))
                    .catch(notifyFailure)
                }
              >
                {t('posts.post.send')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** Comments in thread order: each top-level comment (oldest first), then its replies (oldest first). */
function threaded<C extends { id: string; parentId?: string | null }>(comments: C[]): C[] {
  const replies = new Map<string, C[]>();
  for (const comment of comments) if (comment.parentId) replies.set(comment.parentId, [...(replies.get(comment.parentId) ?? []), comment]);
  const known = new Set(comments.map((c) => c.id));
  // A reply whose parent the reader cannot see (an internal comment, for a client user) stands on its own.
  return comments.filter((c) => !c.parentId || !known.has(c.parentId)).flatMap((c) => [c, ...(replies.get(c.id) ?? [])]);
}
