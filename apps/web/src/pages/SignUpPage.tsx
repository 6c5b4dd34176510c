import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCard } from '../features/auth/components/AuthCard';
import { SignUpForm } from '../features/auth/components/SignUpForm';

export function SignUpPage() {
  const { t } = useTranslation();
  return (
    <AuthCard
      title={t('auth.signUp.title')}
      subtitle={t('auth.signUp.subtitle')}
      footer={
        <>
          {t('auth.signUp.haveAccount')}{' '}
          <Anchor component={Link} to="/sign-in">
            {t('auth.signUp.signIn')}
          </Anchor>
        </>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}
