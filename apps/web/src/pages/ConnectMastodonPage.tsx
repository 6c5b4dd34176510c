import { useMutation } from '@apollo/client/react';
import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CompleteMastodonMutation, SocialAccountsQuery } from '../features/accounts/graphql';
import { describeError } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

/** Where a Mastodon server sends the person back (`?code=…&state=…`): finishes the connection once. */
export function ConnectMastodonPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const code = params.get('code');
  const state = params.get('state');
  const denied = params.get('error_description') ?? params.get('error');
  const [complete, { data, error, loading }] = useMutation(CompleteMastodonMutation, { refetchQueries: [SocialAccountsQuery] });
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || !code || !state) return;
    sent.current = true; // a code works once: never send it twice (React's double effects in development)
    void complete({ variables: { input: { code, state } } }).catch(() => undefined);
  }, [code, state, complete]);

  return (
    <>
      <PageHeader title={t('accounts.connect.mastodon')} />
      <Stack maw={560}>
        {denied && (
          <Alert color="red" title={t('accounts.connect.failed')}>
            {t('accounts.connect.denied', { reason: denied })}
          </Alert>
        )}
        {!denied && (!code || !state) && <Text size="sm">{t('accounts.connect.missing')}</Text>}
        {loading && (
          <Stack align="center">
            <Loader />
            <Text size="sm">{t('accounts.connect.completing')}</Text>
          </Stack>
        )}
        {error && (
          <Alert color="red" title={t('accounts.connect.failed')}>
            {describeError(error).message}
          </Alert>
        )}
        {data && (
          <Alert color="green" role="status">
            {t('accounts.connect.done', { handle: data.completeMastodonConnection.remoteHandle ?? '' })}
          </Alert>
        )}
        <Button component={Link} to="/accounts" variant="default" w="fit-content">
          {t('accounts.connect.back')}
        </Button>
      </Stack>
    </>
  );
}
