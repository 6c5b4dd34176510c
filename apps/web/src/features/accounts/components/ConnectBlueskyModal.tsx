import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../ui/errors';
import { ConnectBlueskyMutation, SocialAccountsQuery } from '../graphql';
import type { AccountRow } from './AccountGroup';

// Shapes, not words: the same in every language.
const APP_PASSWORD_SHAPE = 'xxxx-xxxx-xxxx-xxxx';
const DEFAULT_SERVICE = 'bsky.social';

/** An app password (never the account's own): Bluesky's way for a tool to post for an account. */
export function ConnectBlueskyModal({ account, onClose }: { account: AccountRow; onClose: () => void }) {
  const { t } = useTranslation();
  const [appPassword, setAppPassword] = useState('');
  const [service, setService] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [connect, connecting] = useMutation(ConnectBlueskyMutation, { refetchQueries: [SocialAccountsQuery] });
  return (
    <Modal opened onClose={onClose} title={t('accounts.connect.blueskyTitle', { account: account.displayName })}>
      <Stack>
        <Text size="sm">{t('accounts.connect.blueskyIntro')}</Text>
        <PasswordInput
          label={t('accounts.connect.appPassword')}
          placeholder={APP_PASSWORD_SHAPE}
          value={appPassword}
          onChange={(event) => setAppPassword(event.currentTarget.value)}
          error={error && error.field !== 'service' ? error.message : null}
          autoComplete="off"
          data-autofocus
        />
        <TextInput
          label={t('accounts.connect.service')}
          placeholder={DEFAULT_SERVICE}
          value={service}
          onChange={(event) => setService(event.currentTarget.value)}
          error={error?.field === 'service' ? error.message : null}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!appPassword.trim()}
            loading={connecting.loading}
            onClick={() =>
              void connect({ variables: { input: { accountId: account.id, appPassword: appPassword.trim(), service: service.trim() || null } } })
                .then(({ data }) => {
                  notifications.show({ color: 'teal', message: t('accounts.connect.blueskyDone', { handle: data?.connectBlueskyAccount.remoteHandle ?? '' }) });
                  onClose();
                })
                .catch((e: unknown) => setError(describeError(e)))
            }
          >
            {t('accounts.connect.connect')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
