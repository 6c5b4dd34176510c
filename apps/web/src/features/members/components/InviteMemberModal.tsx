import { useMutation } from '@apollo/client/react';
import { isClientRole, LOCALES, type Locale, type Role } from '@clearpost/authz';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n';
import { formError } from '../../../ui/errors';
import { useRoles } from '../../../ui/roles';
import { SearchMultiPicker } from '../../../ui/SearchPicker';
import { useClientSearch } from '../../clients/hooks';
import { InvitationsQuery, InviteMemberMutation } from '../graphql';

/** Options grouped for a Select: staff roles, then client roles. */
function grouped(options: Array<{ value: string; label: string; group: string }>) {
  const groups = new Map<string, Array<{ value: string; label: string }>>();
  for (const option of options) groups.set(option.group, [...(groups.get(option.group) ?? []), { value: option.value, label: option.label }]);
  return [...groups].map(([group, items]) => ({ group, items }));
}

export function InviteMemberModal({ opened, onClose, actorRole }: { opened: boolean; onClose: () => void; actorRole: Role | null }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const [invite, { loading }] = useMutation(InviteMemberMutation, { refetchQueries: [InvitationsQuery] });
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', role: 'MEMBER' as Role, clientIds: [] as string[], locale: currentLocale() as Locale },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('members.invite.emailInvalid')),
      clientIds: (value, values) => (isClientRole(values.role) && value.length === 0 ? t('members.invite.clientRequired') : null),
    },
  });
  const clientRole = isClientRole(form.values.role);
  const options = roles.options(actorRole);

  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };

  const handleSubmit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const { data } = await invite({
        variables: { input: { email: values.email.trim(), role: values.role, clientIds: values.clientIds, locale: values.locale } },
      });
      notifications.show({
        color: 'teal',
        title: t('members.invite.sent'),
        message: t('members.invite.sentTo', { email: data?.inviteMember.email ?? values.email }),
      });
      close();
    } catch (caught) {
      setError(formError(caught, values, form.setFieldError));
    }
  });

  return (
    <Modal opened={opened} onClose={close} title={t('members.invite.title')} centered size="lg">
      <form onSubmit={handleSubmit} noValidate aria-label={t('members.invite.title')}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('members.invite.email')}
            type="email"
            required
            data-autofocus
            placeholder={t('members.invite.emailPlaceholder')}
            {...form.getInputProps('email')}
          />
          <Select
            label={t('members.invite.role')}
            required
            allowDeselect={false}
            data={grouped(options)}
            description={options.find((o) => o.value === form.values.role)?.description}
            {...form.getInputProps('role')}
          />
          {opened && (
            <SearchMultiPicker
              label={clientRole ? t('members.invite.client') : t('members.invite.clientTeams')}
              description={clientRole ? t('members.invite.clientHelp') : t('members.invite.teamsHelp')}
              placeholder={t('members.invite.chooseClients')}
              useOptions={useClientSearch}
              required={clientRole}
              {...form.getInputProps('clientIds')}
            />
          )}
          <Select
            label={t('members.invite.language')}
            allowDeselect={false}
            data={LOCALES.map((value) => ({ value, label: t(`app.languages.${value}`) }))}
            {...form.getInputProps('locale')}
          />
          <Text size="xs" c="dimmed">
            {t('members.invite.expiry')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading}>
              {t('members.invite.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
