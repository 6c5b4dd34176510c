import { useQuery } from '@apollo/client/react';
import { Accordion, Alert, Anchor, Badge, Button, Card, EmptyState, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconLock, IconMail, IconMailCheck } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { Fragment } from 'react';
import { SentMailQuery } from '../features/mail/graphql';
import { describeError } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

const STATUS: Record<string, { label: string; color: string }> = {
  STORED: { label: 'Kept here', color: 'blue' },
  SENT: { label: 'Sent', color: 'teal' },
  QUEUED: { label: 'Sending…', color: 'yellow' },
  FAILED: { label: 'Failed', color: 'red' },
};

/** Plain text with its web addresses made clickable (invitation links, above all). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} component="div">
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) && !part.includes('[hidden]') ? (
          <Anchor key={index} href={part}>
            {part}
          </Anchor>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </Text>
  );
}

export function SentMailPage() {
  const { data, loading, error, fetchMore } = useQuery(SentMailQuery, { variables: { first: 50 } });
  const mails = data?.sentMail.edges.map((edge) => edge.node) ?? [];
  const kept = data?.sentMail.delivery === 'DATABASE';

  return (
    <>
      <PageHeader title="Sent mail" description="Every email Clearpost sent on behalf of this organization, newest first." />
      <Stack gap="lg">
        {kept && (
          <Alert color="blue" icon={<IconMail size={18} />} title="No mail server is configured">
            Clearpost keeps its mail here instead of sending it. Pass an invitation link on to the person it is for, or set SMTP_URL to send mail for real.
          </Alert>
        )}
        {data?.sentMail.delivery === 'SMTP' && (
          <Alert color="teal" icon={<IconMailCheck size={18} />} title="Mail is delivered by SMTP">
            The content of a message is not kept once it has been delivered, so the links in it stay private to their recipient.
          </Alert>
        )}
        {error && (
          <Alert color="red" title="Sent mail could not be loaded">
            {describeError(error).message}
          </Alert>
        )}
        <Card withBorder radius="md" padding="lg">
          {loading && !data ? (
            <Stack aria-busy="true" aria-label="Loading mail">
              <Skeleton h={40} />
              <Skeleton h={40} />
            </Stack>
          ) : mails.length === 0 ? (
            <EmptyState icon={<IconMail size={28} />} title="No mail yet" description="Invitations you send will show up here." />
          ) : (
            <Accordion variant="separated" aria-label="Sent mail">
              {mails.map((mail) => (
                <Accordion.Item key={mail.id} value={mail.id}>
                  <Accordion.Control>
                    <Group justify="space-between" wrap="nowrap" pr="sm">
                      <div>
                        <Text size="sm" fw={500}>
                          {mail.subject}
                        </Text>
                        <Text size="xs" c="dimmed">
                          To {mail.to} · {dayjs(mail.createdAt).format('D MMM YYYY, HH:mm')}
                        </Text>
                      </div>
                      <Badge color={STATUS[mail.status]?.color} variant="light">
                        {STATUS[mail.status]?.label ?? mail.status}
                      </Badge>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    {mail.redacted && (
                      <Alert color="gray" icon={<IconLock size={16} />} mb="sm" title="The link in this mail is hidden from you">
                        It would give a role you cannot give yourself. The recipient has it; an owner can see it or resend the invitation.
                      </Alert>
                    )}
                    {mail.text ? (
                      <Linkified text={mail.text} />
                    ) : (
                      <Text size="sm" c="dimmed">
                        {mail.status === 'SENT' ? `Delivered ${dayjs(mail.sentAt).format('D MMM YYYY, HH:mm')}; the content is not kept.` : 'No content.'}
                      </Text>
                    )}
                    {mail.lastError && (
                      <Text size="xs" c="red" mt="xs">
                        Attempt {mail.attempts} failed: {mail.lastError}
                      </Text>
                    )}
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          )}
        </Card>
        {data?.sentMail.pageInfo.hasNextPage && (
          <Group justify="center">
            <Button variant="default" onClick={() => void fetchMore({ variables: { after: data.sentMail.pageInfo.endCursor } })}>
              Load more
            </Button>
          </Group>
        )}
      </Stack>
    </>
  );
}
