import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { AuthCard } from '../features/auth/components/AuthCard';
import { SignUpForm } from '../features/auth/components/SignUpForm';

export function SignUpPage() {
  return (
    <AuthCard
      title="Create your account"
      subtitle="Set up your organization. You will be its owner and can invite your team next."
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
        </>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}
