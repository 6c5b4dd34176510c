import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Group, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CalendarQuery as CalendarData } from '../gql/graphql';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { STATE_COLORS } from '../features/posts/components/StateBadge';
import { CalendarQuery, SchedulePostMutation } from '../features/posts/graphql';
import { usePostEvents } from '../features/posts/live';
import { useAccountSearch } from '../features/accounts/hooks';
import { useClientSearch } from '../features/clients/hooks';
import { notifications } from '@mantine/notifications';
import { describeError, notifyFailure } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';
import { SearchPicker } from '../ui/SearchPicker';

type Entry = CalendarData['calendar'][number];
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const PER_DAY_IN_MONTH = 3;
// dayjs formats (localized by dayjs's locale), not words.
const FORMATS = { monthTitle: 'MMMM YYYY', weekday: 'ddd', weekDay: 'D MMM', monthDay: 'D', key: 'YYYY-MM-DD' } as const;

function isToday(day: Dayjs): boolean {
  return day.isSame(dayjs(), 'day');
}

/** The days a view shows: a week from Monday, or the weeks (Monday to Sunday) that cover a month. */
function daysOf(view: 'week' | 'month', anchor: Dayjs): Dayjs[] {
  const monday = (d: Dayjs) => d.subtract((d.day() + 6) % 7, 'day').startOf('day');
  const start = view === 'week' ? monday(anchor) : monday(anchor.startOf('month'));
  const end = view === 'week' ? start.add(7, 'day') : monday(anchor.endOf('month')).add(7, 'day');
  const days: Dayjs[] = [];
  for (let d = start; d.isBefore(end); d = d.add(1, 'day')) days.push(d);
  return days;
}

/** Scheduled and published posts by day, in the viewer's zone, with each account's own time on hover. */
export function CalendarPage() {
  const { t } = useTranslation();
  const { can } = useCurrentMembership();
  const [view, setView] = useState<'week' | 'month'>('week');
  const [anchor, setAnchor] = useState(() => dayjs());
  const [clientId, setClientId] = useState<string | null>(null);
  const [accountId, setAccountId] = useState<string | null>(null);
  const days = useMemo(() => daysOf(view, anchor), [view, anchor]);
  const from = days[0];
  const to = days[days.length - 1].add(1, 'day');
  const { data, previousData, loading, error, refetch } = useQuery(CalendarQuery, {
    variables: { filter: { from: from.toISOString(), to: to.toISOString(), clientId, accountId } },
    fetchPolicy: 'cache-and-network',
  });
  usePostEvents(() => void refetch());
  const [schedule] = useMutation(SchedulePostMutation);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const reschedulable = can('post.write');
  /** A scheduled post dropped on another day keeps its time of day; the server checks the posting hours. */
  const moveTo = (postId: string, day: Dayjs) => {
    const entry = entries.find((e) => e.postId === postId);
    if (!entry || entry.state !== 'SCHEDULED') return;
    const at = dayjs(entry.at);
    const next = day.hour(at.hour()).minute(at.minute()).second(0).millisecond(0);
    if (next.isSame(at)) return;
    void schedule({ variables: { input: { postId, scheduledAt: next.toISOString() } } })
      .then(({ data: moved }) => {
        notifications.show(
          moved?.schedulePost.state === 'IN_REVIEW'
            ? { color: 'orange', message: t('posts.calendar.backToReview') }
            : { color: 'teal', message: t('posts.calendar.moved', { when: next.format('LLLL') }) },
        );
        return refetch();
      })
      .catch(notifyFailure);
  };
  const entries = (data ?? previousData)?.calendar ?? [];
  const byDay = new Map<string, Entry[]>();
  for (const entry of entries) {
    const key = dayjs(entry.at).format(FORMATS.key);
    byDay.set(key, [...(byDay.get(key) ?? []), entry]);
  }
  const step = view === 'week' ? 'week' : 'month';
  const period = view === 'week' ? `${from.format('LL')} – ${days[days.length - 1].format('LL')}` : anchor.format(FORMATS.monthTitle);

  return (
    <>
      <PageHeader
        title={t('posts.calendar.title')}
        description={`${t('posts.calendar.description', { zone: ZONE })}${can('post.write') ? ` ${t('posts.calendar.dragHelp')}` : ''}`}
      />
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Button variant="default" onClick={() => setAnchor(anchor.subtract(1, step))} aria-label={t('posts.calendar.previous')}>
              <IconChevronLeft size={16} />
            </Button>
            <Button variant="default" onClick={() => setAnchor(dayjs())}>
              {t('posts.calendar.today')}
            </Button>
            <Button variant="default" onClick={() => setAnchor(anchor.add(1, step))} aria-label={t('posts.calendar.next')}>
              <IconChevronRight size={16} />
            </Button>
            <Text fw={600} ml="sm" data-testid="calendar-period">
              {period}
            </Text>
          </Group>
          <Group gap="sm">
            {can('member.read') && (
              <SearchPicker
                aria-label={t('posts.list.client')}
                placeholder={t('posts.list.anyClient')}
                clearable
                useOptions={useClientSearch}
                value={clientId}
                onChange={setClientId}
                w={200}
              />
            )}
            <SearchPicker
              aria-label={t('posts.list.account')}
              placeholder={t('posts.list.anyAccount')}
              clearable
              useOptions={useAccountSearch}
              value={accountId}
              onChange={setAccountId}
              w={220}
            />
            <SegmentedControl
              value={view}
              onChange={(value) => setView(value as 'week' | 'month')}
              data={[
                { value: 'week', label: t('posts.calendar.week') },
                { value: 'month', label: t('posts.calendar.month') },
              ]}
            />
          </Group>
        </Group>
        {error && (
          <Alert color="red" title={t('posts.calendar.loadFailed')}>
            {describeError(error).message}
          </Alert>
        )}
        {loading && !data && !previousData ? (
          <Skeleton h={320} />
        ) : (
          <>
            {!entries.length && (
              <Text size="sm" c="dimmed">
                {t('posts.calendar.empty')}
              </Text>
            )}
            <SimpleGrid cols={7} spacing={6} verticalSpacing={6}>
              {days.slice(0, 7).map((day) => (
                <Text key={day.day()} size="xs" c="dimmed" fw={600} ta="center">
                  {day.format(FORMATS.weekday)}
                </Text>
              ))}
              {days.map((day) => {
                const key = day.format(FORMATS.key);
                const list = byDay.get(key) ?? [];
                const shown = view === 'month' ? list.slice(0, PER_DAY_IN_MONTH) : list;
                const outside = view === 'month' && day.month() !== anchor.month();
                const today = isToday(day);
                return (
                  <Card
                    key={key}
                    withBorder
                    padding={6}
                    radius="sm"
                    mih={view === 'week' ? 260 : 110}
                    bg={today ? 'var(--mantine-color-violet-light)' : undefined}
                    aria-label={day.format('LL')}
                    data-day={key}
                    onDragOver={(event) => {
                      if (!reschedulable) return;
                      event.preventDefault();
                      setDropTarget(key);
                    }}
                    onDragLeave={() => setDropTarget((current) => (current === key ? null : current))}
                    onDrop={(event) => {
                      event.preventDefault();
                      setDropTarget(null);
                      moveTo(event.dataTransfer.getData('text/plain'), day);
                    }}
                    style={{ opacity: outside ? 0.55 : 1, outline: dropTarget === key ? '2px dashed var(--mantine-color-violet-5)' : undefined }}
                  >
                    <Text size="xs" fw={today ? 700 : 500} mb={4}>
                      {day.format(view === 'week' ? FORMATS.weekDay : FORMATS.monthDay)}
                    </Text>
                    <Stack gap={4}>
                      {shown.map((entry) => (
                        <CalendarItem key={entry.postId} entry={entry} draggable={reschedulable && entry.state === 'SCHEDULED'} />
                      ))}
                      {list.length > shown.length && (
                        <Text size="xs" c="dimmed">
                          {t('posts.calendar.more', { count: list.length - shown.length })}
                        </Text>
                      )}
                    </Stack>
                  </Card>
                );
              })}
            </SimpleGrid>
          </>
        )}
      </Stack>
    </>
  );
}

function CalendarItem({ entry, draggable }: { entry: Entry; draggable: boolean }) {
  const { t } = useTranslation();
  const at = new Date(entry.at);
  const zones = entry.accounts
    .filter((a) => a.timezone !== ZONE)
    .map((a) =>
      t('posts.calendar.accountTime', {
        time: new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone: a.timezone }).format(at),
        handle: a.handle,
        zone: a.timezone,
      }),
    );
  return (
    <Tooltip label={[entry.excerpt, ...zones].join('\n')} multiline w={280} style={{ whiteSpace: 'pre-line' }} withinPortal>
      <Card
        component={Link}
        to={`/posts/${entry.postId}`}
        padding={4}
        radius="xs"
        withBorder
        data-calendar-post={entry.postId}
        data-state={entry.state}
        draggable={draggable}
        onDragStart={(event: DragEvent) => event.dataTransfer.setData('text/plain', entry.postId)}
        style={draggable ? { cursor: 'grab' } : undefined}
      >
        <Group gap={4} wrap="nowrap">
          <Badge size="xs" color={STATE_COLORS[entry.state]} variant="filled" circle>
            {' '}
          </Badge>
          <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {dayjs(entry.at).format('LT')}
          </Text>
          <Text size="xs" truncate="end">
            {entry.clientName ? `${entry.clientName} · ` : ''}
            {entry.excerpt}
          </Text>
        </Group>
        <Text size="10px" c="dimmed" truncate="end">
          {entry.accounts.map((a) => `@${a.handle}`).join(' ')}
          {zones.length ? ` · ${zones.join(' · ')}` : ''}
        </Text>
      </Card>
    </Tooltip>
  );
}
