import { useApolloClient, useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { organizationStore } from '../../../session/organization';
import { describeError } from '../../../ui/errors';
import { CreateOrganizationMutation, MeQuery } from '../graphql';

export function CreateOrganizationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [createOrganization, { loading }] = useMutation(CreateOrganizationMutation);
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (value) => (value.trim() ? null : t('organizations.create.nameRequired')) },
  });

  const handleSubmit = form.onSubmit(async ({ name }) => {
    try {
      // The new membership must be in `me` before switching, or the switcher would fall back to the old one.
      const { data } = await createOrganization({
        variables: { input: { name } },
        refetchQueries: [MeQuery],
        awaitRefetchQueries: true,
      });
      if (!data) return;
      organizationStore.set(data.createOrganization.id);
      await client.resetStore(); // another tenant: nothing cached from the previous one may show
      notifications.show({
        color: 'green',
        title: t('organizations.create.created'),
        message: t('organizations.create.nowIn', { name: data.createOrganization.name }),
      });
      form.reset();
      onClose();
    } catch (error) {
      form.setFieldError('name', describeError(error).message);
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('organizations.create.title')} centered>
      <form onSubmit={handleSubmit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('organizations.create.intro')}
          </Text>
          <TextInput
            label={t('organizations.create.name')}
            placeholder={t('organizations.create.placeholder')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading}>
              {t('organizations.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
