import { useQuery } from '@apollo/client/react';
import { Alert, Avatar, Button, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { NETWORK_LABELS, type Network } from '@clearpost/networks';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useAccountSearch } from '../features/accounts/hooks';
import { SandboxFeedQuery } from '../features/posts/graphql';
import { describeError } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';
import { SearchPicker } from '../ui/SearchPicker';

/** The sandbox network's feed: what Clearpost published there. `#<id>` (a publication's link) highlights one post. */
export function SandboxPage() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const highlighted = hash.replace(/^#/, '');
  const [accountId, setAccountId] = useState<string | null>(null);
  const { data, previousData, loading, error, fetchMore } = useQuery(SandboxFeedQuery, {
    variables: { first: 30, accountId },
    fetchPolicy: 'cache-and-network',
    pollInterval: 5_000,
  });
  const page = (data ?? previousData)?.sandboxFeed;
  const posts = page?.edges.map((e) => e.node) ?? [];
  useEffect(() => {
    if (highlighted) document.getElementById(`sandbox-${highlighted}`)?.scrollIntoView({ block: 'center' });
  }, [highlighted, posts.length]);

  return (
    <>
      <PageHeader title={t('posts.sandbox.title')} description={t('posts.sandbox.description')} />
      <Stack gap="md" maw={720}>
        <SearchPicker
          aria-label={t('posts.list.account')}
          placeholder={t('posts.sandbox.anyAccount')}
          clearable
          useOptions={useAccountSearch}
          value={accountId}
          onChange={setAccountId}
          w={260}
        />
        {error && (
          <Alert color="red" title={t('posts.sandbox.loadFailed')}>
            {describeError(error).message}
          </Alert>
        )}
        {loading && !page && <Skeleton h={160} />}
        {page && !posts.length && (
          <Text size="sm" c="dimmed">
            {t('posts.sandbox.empty')}
          </Text>
        )}
        {posts.map((post) => (
          <Card
            key={post.id}
            id={`sandbox-${post.id}`}
            withBorder
            radius="md"
            padding="md"
            data-sandbox-post={post.id}
            style={post.id === highlighted ? { outline: '2px solid var(--mantine-color-violet-5)' } : undefined}
          >
            <Group gap="sm" mb="xs">
              <Avatar radius="xl" color="violet">
                {post.displayName.slice(0, 2).toUpperCase()}
              </Avatar>
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {post.displayName}
                </Text>
                <Text size="xs" c="dimmed">
                  @{post.handle} · {NETWORK_LABELS[post.network as Network] ?? post.network} · {dayjs(post.createdAt).format('LLL')}
                </Text>
              </Stack>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {post.text}
            </Text>
          </Card>
        ))}
        {page?.pageInfo.hasNextPage && (
          <Button variant="default" onClick={() => void fetchMore({ variables: { after: page.pageInfo.endCursor } })}>
            {t('posts.sandbox.more')}
          </Button>
        )}
      </Stack>
    </>
  );
}
