import { Accordion, Alert, Anchor, Badge, Group, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';

const STATUS_COLORS: Record<string, string> = { STORED: 'blue', SENT: 'teal', QUEUED: 'yellow', FAILED: 'red' };
const STATUSES = ['STORED', 'SENT', 'QUEUED', 'FAILED'] as const;

export interface MailRow {
  id: string;
  to: string;
  subject: string;
  status: string;
  createdAt: string;
  sentAt?: string | null;
  text?: string | null;
  redacted: boolean;
  attempts: number;
  lastError?: string | null;
}

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

export function MailList({ mails }: { mails: MailRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const status = (value: string) => (STATUSES.includes(value as (typeof STATUSES)[number]) ? t(`mail.status.${value as (typeof STATUSES)[number]}`) : value);
  return (
    <Accordion variant="separated" aria-label={t('mail.title')}>
      {mails.map((mail) => (
        <Accordion.Item key={mail.id} value={mail.id}>
          <Accordion.Control>
            <Group justify="space-between" wrap="nowrap" pr="sm">
              <div>
                <Text size="sm" fw={500}>
                  {mail.subject}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('mail.to', { to: mail.to, when: format.dateTime(mail.createdAt) })}
                </Text>
              </div>
              <Badge color={STATUS_COLORS[mail.status]} variant="light">
                {status(mail.status)}
              </Badge>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            {mail.redacted && (
              <Alert color="gray" icon={<IconLock size={16} />} mb="sm" title={t('mail.hiddenTitle')}>
                {t('mail.hidden')}
              </Alert>
            )}
            {mail.text ? (
              <Linkified text={mail.text} />
            ) : (
              <Text size="sm" c="dimmed">
                {mail.status === 'SENT' ? t('mail.delivered', { when: format.dateTime(mail.sentAt) }) : t('mail.noContent')}
              </Text>
            )}
            {mail.lastError && (
              <Text size="xs" c="red" mt="xs">
                {t('mail.attemptFailed', { attempt: mail.attempts, error: mail.lastError })}
              </Text>
            )}
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
