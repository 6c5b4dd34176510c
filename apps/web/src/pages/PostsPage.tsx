import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, EmptyState, Group, Select, Skeleton, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInbox, IconPencil, IconPlus, IconSearch } from '@tabler/icons-react';
import { POST_STATES } from '@clearpost/post-workflow';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { PostState } from '../gql/graphql';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { PostsTable } from '../features/posts/components/PostsTable';
import { PostsQuery } from '../features/posts/graphql';
import { usePostEvents } from '../features/posts/live';
import { describeError } from '../ui/errors';
import { SearchPicker } from '../ui/SearchPicker';
import { useAccountSearch } from '../features/accounts/hooks';
import { useClientSearch } from '../features/clients/hooks';
import { useStaffSearch } from '../features/members/hooks';
import { PageHeader } from '../ui/PageHeader';

export function PostsPage() {
  const { t } = useTranslation();
  const { can } = useCurrentMembership();
  const [params, setParams] = useSearchParams();
  const queue = params.get('view') === 'queue';
  const [state, setState] = useState<PostState | null>(null);
  const [clientId, setClientId] = useState<string | null>(null);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [authorId, setAuthorId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [searched] = useDebouncedValue(search.trim(), 250);
  const filter = queue ? { awaitingMe: true } : { state, clientId, accountId, authorId, search: searched || null };
  const { data, previousData, loading, error, fetchMore, refetch } = useQuery(PostsQuery, {
    variables: { first: 25, filter },
    fetchPolicy: 'cache-and-network',
  });
  usePostEvents(() => void refetch()); // states change under the reader's eyes: decisions, publications
  const page = (data ?? previousData)?.posts;
  const posts = page?.edges.map((edge) => edge.node) ?? [];
  const filtered = !!state || !!searched || !!clientId || !!accountId || !!authorId;

  return (
    <>
      <PageHeader
        title={t('posts.list.title')}
        description={t('posts.list.description')}
        actions={
          can('post.write') && (
            <Button component={Link} to="/posts/new" leftSection={<IconPlus size={16} />}>
              {t('posts.list.new')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Tabs value={queue ? 'queue' : 'all'} onChange={(value) => setParams(value === 'queue' ? { view: 'queue' } : {})}>
          <Tabs.List>
            <Tabs.Tab value="all">{t('posts.list.all')}</Tabs.Tab>
            {can('post.approve') && <Tabs.Tab value="queue">{t('posts.list.queue')}</Tabs.Tab>}
          </Tabs.List>
        </Tabs>
        {queue ? (
          <Text size="xs" c="dimmed">
            {t('posts.list.queueHelp')}
          </Text>
        ) : (
          <Group gap="sm">
            <TextInput
              aria-label={t('posts.list.search')}
              placeholder={t('posts.list.search')}
              leftSection={<IconSearch size={16} />}
              w={280}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
            />
            <Select
              aria-label={t('posts.list.state')}
              placeholder={t('posts.list.anyState')}
              clearable
              data={POST_STATES.map((value) => ({ value, label: t(`posts.states.${value}`) }))}
              value={state}
              onChange={(value) => setState(value as PostState | null)}
              w={200}
            />
            {can('member.read') && (
              <>
                <SearchPicker
                  aria-label={t('posts.list.client')}
                  placeholder={t('posts.list.anyClient')}
                  clearable
                  useOptions={useClientSearch}
                  value={clientId}
                  onChange={setClientId}
                  w={200}
                />
                <SearchPicker
                  aria-label={t('posts.list.author')}
                  placeholder={t('posts.list.anyAuthor')}
                  clearable
                  useOptions={useStaffSearch}
                  value={authorId}
                  onChange={setAuthorId}
                  w={200}
                />
              </>
            )}
            <SearchPicker
              aria-label={t('posts.list.account')}
              placeholder={t('posts.list.anyAccount')}
              clearable
              useOptions={useAccountSearch}
              value={accountId}
              onChange={setAccountId}
              w={240}
            />
          </Group>
        )}
        {error && (
          <Alert color="red" title={t('posts.list.loadFailed')}>
            {describeError(error).message}
          </Alert>
        )}
        {loading && !page ? (
          <Skeleton h={240} aria-busy="true" />
        ) : posts.length === 0 ? (
          <Card withBorder radius="md" padding="xl">
            <EmptyState
              icon={queue ? <IconInbox size={28} /> : <IconPencil size={28} />}
              title={queue ? t('posts.list.emptyQueue') : filtered ? t('posts.list.noMatch') : t('posts.list.empty')}
              description={queue ? t('posts.list.emptyQueueHelp') : filtered ? undefined : t('posts.list.emptyHelp')}
            />
          </Card>
        ) : (
          <Card withBorder radius="md" padding={0}>
            <PostsTable posts={posts} keyboard={queue} />
          </Card>
        )}
        {page?.pageInfo.hasNextPage && (
          <Group justify="center">
            <Button variant="default" loading={loading} onClick={() => void fetchMore({ variables: { after: page.pageInfo.endCursor } })}>
              {t('posts.list.more')}
            </Button>
          </Group>
        )}
      </Stack>
    </>
  );
}
