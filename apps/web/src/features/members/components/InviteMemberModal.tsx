import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { isClientRole, type Role } from '@clearpost/authz';
import { useState } from 'react';
import { formError } from '../../../ui/errors';
import { roleOptions } from '../../../ui/roles';
import { useClientOptions } from '../../clients/hooks';
import { InvitationsQuery, InviteMemberMutation } from '../graphql';

export function InviteMemberModal({ opened, onClose, actorRole }: { opened: boolean; onClose: () => void; actorRole: Role | null }) {
  const [invite, { loading }] = useMutation(InviteMemberMutation, { refetchQueries: [InvitationsQuery] });
  const { options: clients, loading: clientsLoading } = useClientOptions(!opened);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', role: 'MEMBER' as Role, clientIds: [] as string[] },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter a valid email address.'),
      clientIds: (value, values) => (isClientRole(values.role) && value.length === 0 ? 'Choose the client this person is from.' : null),
    },
  });
  const clientRole = isClientRole(form.values.role);

  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };

  const handleSubmit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const { data } = await invite({ variables: { input: { email: values.email.trim(), role: values.role, clientIds: values.clientIds } } });
      notifications.show({ color: 'teal', title: 'Invitation sent', message: `${data?.inviteMember.email} has 7 days to accept.` });
      close();
    } catch (caught) {
      setError(formError(caught, values, form.setFieldError));
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="Invite someone" centered size="lg">
      <form onSubmit={handleSubmit} noValidate aria-label="Invite someone">
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label="Email" type="email" required data-autofocus placeholder="name@company.com" {...form.getInputProps('email')} />
          <Select
            label="Role"
            required
            allowDeselect={false}
            data={Object.entries(
              roleOptions(actorRole).reduce<Record<string, Array<{ value: string; label: string }>>>((groups, option) => {
                (groups[option.group] ??= []).push({ value: option.value, label: option.label });
                return groups;
              }, {}),
            ).map(([group, items]) => ({ group, items }))}
            description={roleOptions(actorRole).find((o) => o.value === form.values.role)?.description}
            {...form.getInputProps('role')}
          />
          <MultiSelect
            label={clientRole ? 'Client' : 'Client teams (optional)'}
            description={
              clientRole
                ? 'They will see this client’s accounts and posts, and nothing else.'
                : 'Staff on a client’s team can read that client’s confidential terms.'
            }
            placeholder={clients.length ? 'Choose clients' : clientsLoading ? 'Loading clients…' : 'No clients yet'}
            data={clients}
            searchable
            required={clientRole}
            disabled={!clients.length}
            {...form.getInputProps('clientIds')}
          />
          <Text size="xs" c="dimmed">
            They get an email with a link that works once and expires in 7 days.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
