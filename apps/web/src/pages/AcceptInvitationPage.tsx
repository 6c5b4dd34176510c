import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, PasswordInput, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ROLE_LABELS, type Role } from '@clearpost/authz';
import { IconAlertCircle } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { AuthCard } from '../features/auth/components/AuthCard';
import { AcceptInvitationMutation, InvitationPreviewQuery } from '../features/invitations/graphql';
import { useSession } from '../session/hooks';
import { organizationStore } from '../session/organization';
import { sessionStore } from '../session/session';
import { describeError } from '../ui/errors';

const MIN_PASSWORD = 10;

/** The token travels in the URL fragment (#token=…), which browsers never send to a server or in a Referer. */
function tokenFrom(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

export function AcceptInvitationPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const client = useApolloClient();
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const token = tokenFrom(location.hash);
  const preview = useQuery(InvitationPreviewQuery, { variables: { token }, skip: !token, fetchPolicy: 'network-only' });
  const [accept, { loading }] = useMutation(AcceptInvitationMutation);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: {
      name: (value) => (signedIn || value.trim() ? null : 'Enter your name.'),
      password: (value) => (signedIn || value.length >= MIN_PASSWORD ? null : `Use at least ${MIN_PASSWORD} characters.`),
    },
  });

  const invitation = preview.data?.invitation;
  const handleSubmit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const { data } = await accept({
        variables: { input: signedIn ? { token } : { token, name: values.name.trim(), password: values.password } },
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

  const problem = !token
    ? 'This page needs the link from your invitation email. Open the link from the email again.'
    : preview.error
      ? describeError(preview.error).message
      : null;
  const footer = signedIn ? (
    <Anchor component={Link} to="/">
      Back to Clearpost
    </Anchor>
  ) : (
    <>
      Already have an account?{' '}
      <Anchor component={Link} to="/sign-in" state={{ from: `${location.pathname}${location.hash}` }}>
        Sign in
      </Anchor>
    </>
  );

  if (problem) {
    return (
      <AuthCard title="This invitation cannot be used" subtitle="Invitation links work once and expire after 7 days." footer={footer}>
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {problem}
        </Alert>
      </AuthCard>
    );
  }
  if (!invitation) {
    return (
      <AuthCard title="Opening your invitation…" subtitle=" " footer={footer}>
        <Stack aria-busy="true">
          <Skeleton h={20} />
          <Skeleton h={36} />
        </Stack>
      </AuthCard>
    );
  }

  const role = ROLE_LABELS[invitation.role as Role] ?? invitation.role;
  const mustSignIn = !signedIn && invitation.accountExists;
  return (
    <AuthCard
      title={`Join ${invitation.organizationName}`}
      subtitle={`${invitation.invitedByName} invited ${invitation.email} as ${role}. The link expires ${dayjs(invitation.expiresAt).format('D MMMM YYYY')}.`}
      footer={footer}
    >
      <form onSubmit={handleSubmit} noValidate aria-label="Accept the invitation">
        <Stack>
          {error && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {error}
            </Alert>
          )}
          {mustSignIn ? (
            <>
              <Text size="sm">You already have a Clearpost account. Sign in as {invitation.email} to accept.</Text>
              <Button component={Link} to="/sign-in" state={{ from: `${location.pathname}${location.hash}` }} fullWidth>
                Sign in to accept
              </Button>
            </>
          ) : signedIn ? (
            <>
              <Text size="sm">
                You are signed in as {session.session.user.email}. Accepting adds {invitation.organizationName} to your organizations.
              </Text>
              <Button type="submit" loading={loading} fullWidth>
                Join {invitation.organizationName}
              </Button>
            </>
          ) : (
            <>
              <TextInput label="Email" value={invitation.email} readOnly disabled />
              <TextInput label="Your name" autoComplete="name" required data-autofocus {...form.getInputProps('name')} />
              <PasswordInput
                label="Choose a password"
                autoComplete="new-password"
                required
                description={`At least ${MIN_PASSWORD} characters.`}
                {...form.getInputProps('password')}
              />
              <Button type="submit" loading={loading} fullWidth>
                Accept and create my account
              </Button>
            </>
          )}
        </Stack>
      </form>
    </AuthCard>
  );
}
