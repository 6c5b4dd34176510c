import { useMutation } from '@apollo/client/react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore } from '../../../session/session';
import { describeError } from '../../../ui/errors';
import { LogInMutation } from '../graphql';

export function SignInForm({ notice }: { notice?: string }) {
  const { t } = useTranslation();
  const [logIn, { loading }] = useMutation(LogInMutation);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('auth.signIn.emailRequired')),
      password: (value) => (value ? null : t('auth.signIn.passwordRequired')),
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
    <form onSubmit={handleSubmit} noValidate aria-label={t('auth.signIn.form')}>
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
        <TextInput label={t('auth.signIn.email')} type="email" autoComplete="email" required data-autofocus {...form.getInputProps('email')} />
        <PasswordInput label={t('auth.signIn.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
        <Button type="submit" loading={loading} fullWidth mt="xs">
          {t('auth.signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}
