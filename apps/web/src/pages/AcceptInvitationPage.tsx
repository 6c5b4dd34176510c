import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Skeleton, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { AuthCard } from '../features/auth/components/AuthCard';
import { AcceptInvitationForm } from '../features/invitations/components/AcceptInvitationForm';
import { InvitationPreviewQuery } from '../features/invitations/graphql';
import { useFormat } from '../i18n/format';
import { useSession } from '../session/hooks';
import { describeError } from '../ui/errors';
import { useRoles } from '../ui/roles';

/** The token travels in the URL fragment (#token=…), which browsers never send to a server or in a Referer. */
function tokenFrom(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const format = useFormat();
  const location = useLocation();
  const session = useSession();
  const signedInAs = session.status === 'signed-in' ? session.session.user.email : null;
  const token = tokenFrom(location.hash);
  const preview = useQuery(InvitationPreviewQuery, { variables: { token }, skip: !token, fetchPolicy: 'network-only' });
  const invitation = preview.data?.invitation;

  const problem = !token ? t('invitations.noToken') : preview.error ? describeError(preview.error).message : null;
  const footer = signedInAs ? (
    <Anchor component={Link} to="/">
      {t('invitations.back')}
    </Anchor>
  ) : (
    <>
      {t('invitations.haveAccount')}{' '}
      <Anchor component={Link} to="/sign-in" state={{ from: `${location.pathname}${location.hash}` }}>
        {t('invitations.signIn')}
      </Anchor>
    </>
  );

  if (problem) {
    return (
      <AuthCard title={t('invitations.unusableTitle')} subtitle={t('invitations.unusableSubtitle')} footer={footer}>
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {problem}
        </Alert>
      </AuthCard>
    );
  }
  if (!invitation) {
    return (
      <AuthCard title={t('invitations.opening')} subtitle=" " footer={footer}>
        <Stack aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton h={20} />
          <Skeleton h={36} />
        </Stack>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={t('invitations.joinTitle', { organization: invitation.organizationName })}
      subtitle={t('invitations.joinSubtitle', {
        inviter: invitation.invitedByName,
        email: invitation.email,
        role: roles.label(invitation.role),
        when: format.date(invitation.expiresAt),
      })}
      footer={footer}
    >
      <AcceptInvitationForm token={token} invitation={invitation} signedInAs={signedInAs} />
    </AuthCard>
  );
}
