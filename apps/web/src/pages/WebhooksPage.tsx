import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateWebhookMutation, DeleteWebhookMutation, RedeliverWebhookMutation, WebhookDeliveriesQuery, WebhooksQuery } from '../features/webhooks/graphql';
import { ConfirmModal } from '../ui/ConfirmModal';
import { describeError, notifyFailure } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

// A shape, not a word.
const URL_HINT = 'https://';
const EVENTS = ['post.approved', 'post.published', 'post.failed'] as const;
const STATUS_COLORS: Record<string, string> = { PENDING: 'blue', DELIVERED: 'green', FAILED: 'red' };

/** Webhooks: add one (its secret shown once), see each one's recent deliveries, send one again, delete. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(WebhooksQuery, { fetchPolicy: 'cache-and-network' });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([...EVENTS]);
  const [formError, setFormError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [create, creating] = useMutation(CreateWebhookMutation, { refetchQueries: [WebhooksQuery] });

  return (
    <>
      <PageHeader title={t('webhooks.title')} description={t('webhooks.description')} />
      <Stack gap="lg" maw={920}>
        <Card withBorder radius="md" padding="lg" component="section" aria-label={t('webhooks.add')}>
          <Stack>
            <TextInput label={t('webhooks.url')} placeholder={URL_HINT} value={url} onChange={(event) => setUrl(event.currentTarget.value)} error={formError} />
            <Checkbox.Group label={t('webhooks.events')} value={events} onChange={setEvents}>
              <Group mt={4}>
                {EVENTS.map((event) => (
                  <Checkbox key={event} value={event} label={t(`webhooks.eventNames.${event}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <Group justify="flex-end">
              <Button
                loading={creating.loading}
                disabled={!url.trim() || !events.length}
                onClick={() =>
                  void create({ variables: { input: { url: url.trim(), events } } })
                    .then(({ data: created }) => {
                      setSecret(created?.createWebhook.secret ?? null);
                      setUrl('');
                      setFormError(null);
                      notifications.show({ color: 'teal', message: t('webhooks.added') });
                    })
                    .catch((e: unknown) => setFormError(describeError(e).message))
                }
              >
                {t('webhooks.add')}
              </Button>
            </Group>
            {secret && (
              <Alert color="yellow" title={t('webhooks.secret')}>
                <Group gap="sm" wrap="nowrap">
                  <Code style={{ wordBreak: 'break-all' }} data-testid="webhook-secret">
                    {secret}
                  </Code>
                  <CopyButton value={secret}>
                    {({ copied, copy }) => (
                      <Button size="compact-sm" variant="light" onClick={copy}>
                        {copied ? t('webhooks.copied') : t('webhooks.copy')}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
              </Alert>
            )}
          </Stack>
        </Card>
        {error && (
          <Alert color="red" title={t('webhooks.loadFailed')}>
            {describeError(error).message}
          </Alert>
        )}
        {loading && !data && <Skeleton h={120} />}
        {data && !data.webhooks.length && (
          <Text size="sm" c="dimmed">
            {t('webhooks.none')}
          </Text>
        )}
        {data?.webhooks.map((hook) => (
          <WebhookCard key={hook.id} hook={hook} />
        ))}
      </Stack>
    </>
  );
}

function WebhookCard({ hook }: { hook: { id: string; url: string; events: string[] } }) {
  const { t } = useTranslation();
  const deliveries = useQuery(WebhookDeliveriesQuery, { variables: { webhookId: hook.id }, pollInterval: 10_000 });
  const [remove] = useMutation(DeleteWebhookMutation, { refetchQueries: [WebhooksQuery] });
  const [redeliver] = useMutation(RedeliverWebhookMutation, { refetchQueries: [WebhookDeliveriesQuery] });
  const [confirming, setConfirming] = useState(false);
  const list = deliveries.data?.webhookDeliveries ?? [];
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={hook.url}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Stack gap={2}>
          <Text fw={600} style={{ wordBreak: 'break-all' }}>
            {hook.url}
          </Text>
          <Group gap={4}>
            {hook.events.map((event) => (
              <Badge key={event} size="xs" variant="light">
                {t(`webhooks.eventNames.${event as (typeof EVENTS)[number]}`)}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
          {t('webhooks.delete')}
        </Button>
      </Group>
      <Title order={3} size="h6" mb={4}>
        {t('webhooks.deliveries')}
      </Title>
      {!list.length ? (
        <Text size="sm" c="dimmed">
          {t('webhooks.noDeliveries')}
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Tbody>
            {list.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Badge size="sm" color={STATUS_COLORS[d.status]} variant="light">
                    {t(`webhooks.status.${d.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`webhooks.eventNames.${d.event as (typeof EVENTS)[number]}`)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {[
                      dayjs(d.createdAt).format('LLL'),
                      t('webhooks.attempts', { count: d.attempts }),
                      d.lastStatus ? t('webhooks.answered', { status: d.lastStatus }) : d.lastError,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {d.status !== 'PENDING' && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() =>
                        void redeliver({ variables: { deliveryId: d.id } })
                          .then(() => notifications.show({ color: 'teal', message: t('webhooks.redelivered') }))
                          .catch(notifyFailure)
                      }
                    >
                      {t('webhooks.redeliver')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmModal
        opened={confirming}
        title={t('webhooks.delete')}
        confirmLabel={t('webhooks.delete')}
        danger
        onConfirm={() => remove({ variables: { webhookId: hook.id } })}
        onClose={() => setConfirming(false)}
      >
        <Text size="sm">{t('webhooks.deleteConfirm', { url: hook.url })}</Text>
      </ConfirmModal>
    </Card>
  );
}
