import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { currentLocale } from '../../../i18n';
import { organizationStore } from '../../../session/organization';
import { sessionStore } from '../../../session/session';
import { describeError } from '../../../ui/errors';
import { AcceptInvitationMutation } from '../graphql';

const MIN_PASSWORD = 10;

/** Accepting: signed in (join one more organization), with an existing account (sign in first), or creating one. */
export function AcceptInvitationForm(props: {
  token: string;
  invitation: { email: string; organizationName: string; accountExists: boolean };
  signedInAs: string | null;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useApolloClient();
  const signedIn = props.signedInAs !== null;
  const [accept, { loading }] = useMutation(AcceptInvitationMutation);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: {
      name: (value) => (signedIn || value.trim() ? null : t('invitations.nameRequired')),
      password: (value) => (signedIn || value.length >= MIN_PASSWORD ? null : t('invitations.passwordTooShort', { min: MIN_PASSWORD })),
    },
  });
  const { invitation, token } = props;

  const handleSubmit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const { data } = await accept({
        variables: { input: signedIn ? { token } : { token, name: values.name.trim(), password: values.password, locale: currentLocale() } },
      });
      if (!data) return;
      // Nothing cached may outlive the change of person or organization; leave this page first so
      // its (now used) invitation is not asked for again.
      await client.clearStore();
      void navigate('/', { replace: true });
      organizationStore.set(data.acceptInvitation.organization.id);
      if (data.acceptInvitation.auth) sessionStore.signedIn(data.acceptInvitation.auth);
    } catch (caught) {
      const problem = describeError(caught);
      if (problem.field === 'name' || problem.field === 'password') form.setFieldError(problem.field, problem.message);
      else setError(problem.message);
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={t('invitations.form')}>
      <Stack>
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {error}
          </Alert>
        )}
        {!signedIn && invitation.accountExists ? (
          <>
            <Text size="sm">{t('invitations.mustSignIn', { email: invitation.email })}</Text>
            <Button component={Link} to="/sign-in" state={{ from: `${location.pathname}${location.hash}` }} fullWidth>
              {t('invitations.signInToAccept')}
            </Button>
          </>
        ) : signedIn ? (
          <>
            <Text size="sm">{t('invitations.signedInAs', { email: props.signedInAs, organization: invitation.organizationName })}</Text>
            <Button type="submit" loading={loading} fullWidth>
              {t('invitations.join', { organization: invitation.organizationName })}
            </Button>
          </>
        ) : (
          <>
            <TextInput label={t('invitations.email')} value={invitation.email} readOnly disabled />
            <TextInput label={t('invitations.name')} autoComplete="name" required data-autofocus {...form.getInputProps('name')} />
            <PasswordInput
              label={t('invitations.password')}
              autoComplete="new-password"
              required
              description={t('invitations.passwordHint', { min: MIN_PASSWORD })}
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={loading} fullWidth>
              {t('invitations.create')}
            </Button>
          </>
        )}
      </Stack>
    </form>
  );
}
