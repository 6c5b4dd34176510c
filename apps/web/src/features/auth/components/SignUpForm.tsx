import { useMutation } from '@apollo/client/react';
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n';
import { organizationStore } from '../../../session/organization';
import { sessionStore } from '../../../session/session';
import { formError } from '../../../ui/errors';
import { SignUpMutation } from '../graphql';

const MIN_PASSWORD = 10;

export function SignUpForm() {
  const { t } = useTranslation();
  const [signUp, { loading }] = useMutation(SignUpMutation);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', email: '', organizationName: '', password: '' },
    validate: {
      name: (value) => (value.trim() ? null : t('auth.signUp.nameRequired')),
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('auth.signUp.emailInvalid')),
      organizationName: (value) => (value.trim() ? null : t('auth.signUp.organizationRequired')),
      password: (value) => (value.length >= MIN_PASSWORD ? null : t('auth.signUp.passwordTooShort', { min: MIN_PASSWORD })),
    },
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const { data } = await signUp({ variables: { input: { ...values, locale: currentLocale() } } });
      if (!data) return;
      organizationStore.set(data.signUp.user.memberships[0]?.organization.id ?? null);
      sessionStore.signedIn(data.signUp);
    } catch (caught) {
      setError(formError(caught, values, form.setFieldError));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={t('auth.signUp.form')}>
      <Stack>
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {error}
          </Alert>
        )}
        <TextInput label={t('auth.signUp.name')} autoComplete="name" required data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('auth.signUp.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
        <TextInput
          label={t('auth.signUp.organization')}
          description={t('auth.signUp.organizationHint')}
          autoComplete="organization"
          required
          {...form.getInputProps('organizationName')}
        />
        <PasswordInput
          label={t('auth.signUp.password')}
          autoComplete="new-password"
          required
          description={
            <Text span size="xs">
              {t('auth.signUp.passwordHint', { min: MIN_PASSWORD })}
            </Text>
          }
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={loading} fullWidth mt="xs">
          {t('auth.signUp.submit')}
        </Button>
      </Stack>
    </form>
  );
}
