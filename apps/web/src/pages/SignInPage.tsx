import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { AuthCard } from '../features/auth/components/AuthCard';
import { SignInForm } from '../features/auth/components/SignInForm';

export function SignInPage({ notice }: { notice?: string }) {
  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back. Sign in to review posts, policies and the audit trail."
      footer={
        <>
          New to Clearpost?{' '}
          <Anchor component={Link} to="/sign-up">
            Create an account
          </Anchor>
        </>
      }
    >
      <SignInForm notice={notice} />
    </AuthCard>
  );
}
