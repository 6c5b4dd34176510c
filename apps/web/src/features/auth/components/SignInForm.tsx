import { useMutation } from '@apollo/client/react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { sessionStore } from '../../../session/session';
import { describeError } from '../../../ui/errors';
import { LogInMutation } from '../graphql';

export function SignInForm({ notice }: { notice?: string }) {
  const [logIn, { loading }] = useMutation(LogInMutation);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter the email you signed up with.'),
      password: (value) => (value ? null : 'Enter your password.'),
    },
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const { data } = await logIn({ variables: { input: { email: values.email.trim(), password: values.password } } });
      if (data) sessionStore.signedIn(data.logIn);
    } catch (caught) {
      setError(describeError(caught).message);
      form.setFieldValue('password', '');
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Sign in">
      <Stack>
        {notice && !error && (
          <Alert color="yellow" icon={<IconAlertCircle size={18} />}>
            {notice}
          </Alert>
        )}
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {error}
          </Alert>
        )}
        <TextInput label="Email" type="email" autoComplete="email" required data-autofocus {...form.getInputProps('email')} />
        <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
        <Button type="submit" loading={loading} fullWidth mt="xs">
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
