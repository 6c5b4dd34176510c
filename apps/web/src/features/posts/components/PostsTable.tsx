import { useMutation } from '@apollo/client/react';
import { Badge, Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PostRowFragment } from '../../../gql/graphql';
import { notifyFailure } from '../../../ui/errors';
import { ApprovePostMutation, RejectPostMutation, RequestChangesMutation } from '../graphql';
import { StateBadge } from './StateBadge';

type Decision = 'approve' | 'reject' | 'changes';

/**
 * Posts in a table. As a queue (`keyboard`), it is worked from the keyboard: j / k move; a, c and
 * r open a confirmation (with an optional comment; Enter confirms) for the post as listed — the
 * decision is bound to its content hash; Enter on the list opens the post.
 */
const LABELS: Record<Decision, (t: TFunction) => string> = {
  approve: (t) => t('posts.post.approve'),
  reject: (t) => t('posts.post.reject'),
  changes: (t) => t('posts.post.requestChanges'),
};

export function PostsTable({ posts, keyboard = false }: { posts: PostRowFragment[]; keyboard?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [selected, setSelected] = useState(0);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [comment, setComment] = useState('');
  const refetch = { refetchQueries: ['Posts', 'MyReviewCount'] };
  const [approve] = useMutation(ApprovePostMutation, refetch);
  const [reject] = useMutation(RejectPostMutation, refetch);
  const [requestChanges] = useMutation(RequestChangesMutation, refetch);
  const current = posts[Math.min(selected, posts.length - 1)];

  const decide = async (decision: Decision, note: string | null) => {
    if (!current) return;
    const input = { postId: current.id, contentHash: current.contentHash, comment: note };
    try {
      if (decision === 'approve') await approve({ variables: { input } });
      else if (decision === 'reject') await reject({ variables: { input } });
      else await requestChanges({ variables: { input } });
      notifications.show({ color: 'teal', message: t('posts.post.decided') });
    } catch (error) {
      notifyFailure(error);
    }
  };

  useHotkeys(
    keyboard && !deciding
      ? [
          ['j', () => setSelected((i) => Math.min(i + 1, posts.length - 1))],
          ['k', () => setSelected((i) => Math.max(i - 1, 0))],
          ['a', () => setDeciding('approve')],
          ['r', () => setDeciding('reject')],
          ['c', () => setDeciding('changes')],
          ['Enter', () => current && navigate(`/posts/${current.id}`)],
        ]
      : [],
  );

  return (
    <>
      <Table highlightOnHover verticalSpacing="sm" aria-label={t('posts.list.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('posts.list.post')}</Table.Th>
            <Table.Th>{t('posts.list.accounts')}</Table.Th>
            <Table.Th>{t('posts.list.state')}</Table.Th>
            <Table.Th>{t('posts.list.author')}</Table.Th>
            <Table.Th>{t('posts.list.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {posts.map((post, index) => (
            <Table.Tr
              key={post.id}
              aria-selected={keyboard && index === selected ? 'true' : undefined}
              bg={keyboard && index === selected ? 'var(--mantine-color-blue-0)' : undefined}
              onClick={() => setSelected(index)}
            >
              <Table.Td maw={420}>
                <Text component={Link} to={`/posts/${post.id}`} size="sm" fw={500} lineClamp={2} c="inherit">
                  {post.text}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {post.targets.map((target) => (
                    <Badge key={target.account.id} variant="outline" color="gray" tt="none">
                      {target.account.displayHandle}
                    </Badge>
                  ))}
                </Group>
                {post.clientName && (
                  <Text size="xs" c="dimmed">
                    {post.clientName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <StateBadge state={post.state} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{post.author.name}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={dayjs(post.createdAt).format('LLL')}>
                  {dayjs(post.createdAt).fromNow()}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={!!deciding} onClose={() => setDeciding(null)} title={deciding ? LABELS[deciding](t) : ''}>
        <Stack
          component="form"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            const decision = deciding;
            if (!decision) return;
            setDeciding(null);
            setComment('');
            void decide(decision, comment.trim() || null);
          }}
        >
          <Text size="sm" lineClamp={3}>
            {current?.text}
          </Text>
          <Textarea
            label={t('posts.post.comment')}
            autosize
            minRows={3}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            // Enter confirms (Shift+Enter for a new line): the queue stays keyboard-only.
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeciding(null)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={deciding === 'reject' ? 'red' : deciding === 'changes' ? 'orange' : 'teal'}>
              {deciding ? LABELS[deciding](t) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
