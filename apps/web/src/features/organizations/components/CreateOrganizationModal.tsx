import { useApolloClient, useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { organizationStore } from '../../../session/organization';
import { describeError } from '../../../ui/errors';
import { CreateOrganizationMutation, MeQuery } from '../graphql';

export function CreateOrganizationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const client = useApolloClient();
  const [createOrganization, { loading }] = useMutation(CreateOrganizationMutation);
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (value) => (value.trim() ? null : 'Give the organization a name.') },
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
      notifications.show({ color: 'green', title: 'Organization created', message: `You are now working in ${data.createOrganization.name}.` });
      form.reset();
      onClose();
    } catch (error) {
      form.setFieldError('name', describeError(error).message);
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title="Create an organization" centered>
      <form onSubmit={handleSubmit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            Each organization has its own members, accounts, policies and audit trail. You will be its owner.
          </Text>
          <TextInput label="Name" placeholder="e.g. Northwind Agency" required data-autofocus {...form.getInputProps('name')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
