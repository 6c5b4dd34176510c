import { useMutation } from '@apollo/client/react';
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { organizationStore } from '../../../session/organization';
import { sessionStore } from '../../../session/session';
import { formError } from '../../../ui/errors';
import { SignUpMutation } from '../graphql';

const MIN_PASSWORD = 10;

export function SignUpForm() {
  const [signUp, { loading }] = useMutation(SignUpMutation);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', email: '', organizationName: '', password: '' },
    validate: {
      name: (value) => (value.trim() ? null : 'Enter your name.'),
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter a valid email address.'),
      organizationName: (value) => (value.trim() ? null : 'Name your agency or company.'),
      password: (value) => (value.length >= MIN_PASSWORD ? null : `Use at least ${MIN_PASSWORD} characters.`),
    },
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const { data } = await signUp({ variables: { input: values } });
      if (!data) return;
      organizationStore.set(data.signUp.user.memberships[0]?.organization.id ?? null);
      sessionStore.signedIn(data.signUp);
    } catch (caught) {
      setError(formError(caught, values, form.setFieldError));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Create your account">
      <Stack>
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {error}
          </Alert>
        )}
        <TextInput label="Your name" autoComplete="name" required data-autofocus {...form.getInputProps('name')} />
        <TextInput label="Work email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
        <TextInput
          label="Agency or company"
          description="Your organization. You can create more later, one per company you govern."
          autoComplete="organization"
          required
          {...form.getInputProps('organizationName')}
        />
        <PasswordInput
          label="Password"
          autoComplete="new-password"
          required
          description={
            <Text span size="xs">
              At least {MIN_PASSWORD} characters. A passphrase is easiest to remember.
            </Text>
          }
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={loading} fullWidth mt="xs">
          Create account
        </Button>
      </Stack>
    </form>
  );
}
