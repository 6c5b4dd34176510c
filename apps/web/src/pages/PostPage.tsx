import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { Alert, Anchor, Skeleton, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Composer } from '../features/posts/components/Composer';
import { PostView } from '../features/posts/components/PostView';
import { PostQuery } from '../features/posts/graphql';
import { usePostEvents } from '../features/posts/live';
import { describeError } from '../ui/errors';

/** A post (`/posts/:id`), or its composer (`/posts/:id/edit`, and `/posts/new` without an id). */
export function PostPage({ edit = false }: { edit?: boolean }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(PostQuery, {
    variables: { id: id ?? '' },
    skip: !id,
    fetchPolicy: 'cache-and-network',
  });
  // Every change to the post (a decision, a publication going out) is pushed over graphql-ws.
  usePostEvents(() => void refetch(), id);
  // A slow safety net while it goes out, should the live connection be cut.
  const state = data?.post.state;
  const dueSoon = !!data?.post.scheduledAt && new Date(data.post.scheduledAt).getTime() - Date.now() < 3_600_000;
  const following = state === 'PUBLISHING' || (state === 'SCHEDULED' && dueSoon);
  useEffect(() => {
    if (following) startPolling(15_000);
    else stopPolling();
    return () => stopPolling();
  }, [following, startPolling, stopPolling]);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/posts" size="sm">
        <IconArrowLeft size={14} /> {t('posts.post.back')}
      </Anchor>
      {!id ? (
        <Composer />
      ) : loading && !data ? (
        <Skeleton h={400} aria-busy="true" />
      ) : error || !data ? (
        <Alert color="red" title={t('posts.post.loadFailed')}>
          {error ? describeError(error).message : t('posts.post.notFound')}
        </Alert>
      ) : edit ? (
        <Composer key={`${data.post.id}@${data.post.revision}`} post={data.post} />
      ) : (
        <PostView post={data.post} />
      )}
    </Stack>
  );
}
