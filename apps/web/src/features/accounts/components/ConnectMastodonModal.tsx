import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../ui/errors';
import { ConnectMastodonMutation } from '../graphql';
import type { AccountRow } from './AccountGroup';

/** Asks which server the account lives on, then sends the person there to say yes (OAuth 2). */
export function ConnectMastodonModal({ account, onClose }: { account: AccountRow; onClose: () => void }) {
  const { t } = useTranslation();
  const [instance, setInstance] = useState(account.displayHandle.split('@').filter(Boolean)[1] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [connect, connecting] = useMutation(ConnectMastodonMutation);
  return (
    <Modal opened onClose={onClose} title={t('accounts.connect.title', { account: account.displayName })}>
      <Stack>
        <Text size="sm">{t('accounts.connect.intro')}</Text>
        <TextInput
          label={t('accounts.connect.instance')}
          description={t('accounts.connect.instanceHelp')}
          value={instance}
          onChange={(event) => setInstance(event.currentTarget.value)}
          error={error}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!instance.trim()}
            loading={connecting.loading}
            onClick={() =>
              void connect({ variables: { input: { accountId: account.id, instanceUrl: instance.trim() } } })
                .then(({ data }) => data && window.location.assign(data.connectMastodonAccount.authorizeUrl))
                .catch((e: unknown) => setError(describeError(e).message))
            }
          >
            {t('accounts.connect.go')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
