import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCard } from '../features/auth/components/AuthCard';
import { SignInForm } from '../features/auth/components/SignInForm';

export function SignInPage({ notice }: { notice?: string }) {
  const { t } = useTranslation();
  return (
    <AuthCard
      title={t('auth.signIn.title')}
      subtitle={t('auth.signIn.subtitle')}
      footer={
        <>
          {t('auth.signIn.newHere')}{' '}
          <Anchor component={Link} to="/sign-up">
            {t('auth.signIn.createAccount')}
          </Anchor>
        </>
      }
    >
      <SignInForm notice={notice} />
    </AuthCard>
  );
}
