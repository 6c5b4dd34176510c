import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, MultiSelect, Select, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { isClientRole, type Role } from '@clearpost/authz';
import { useEffect, useState } from 'react';
import { describeError } from '../../../ui/errors';
import { roleOptions } from '../../../ui/roles';
import { useClientOptions } from '../../clients/hooks';
import { UpdateMemberRoleMutation } from '../graphql';

export interface EditableMember {
  id: string;
  name: string;
  role: Role;
  clients: Array<{ id: string }>;
}

export function EditMemberModal({ member, onClose, actorRole }: { member: EditableMember | null; onClose: () => void; actorRole: Role | null }) {
  const [update, { loading }] = useMutation(UpdateMemberRoleMutation);
  const { options: clients } = useClientOptions(!member);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { role: 'MEMBER' as Role, clientIds: [] as string[] } });

  useEffect(() => {
    if (member) form.setValues({ role: member.role, clientIds: member.clients.map((c) => c.id) });
    setError(null);
    // Reset only when another member is opened, not on every form change.
  }, [member]);

  const handleSubmit = form.onSubmit(async (values) => {
    if (!member) return;
    setError(null);
    try {
      await update({ variables: { input: { memberId: member.id, role: values.role, clientIds: values.clientIds } } });
      onClose();
    } catch (caught) {
      const problem = describeError(caught);
      if (problem.field === 'clientIds') form.setFieldError('clientIds', problem.message);
      else setError(problem.message);
    }
  });

  const clientRole = isClientRole(form.values.role);
  return (
    <Modal opened={!!member} onClose={onClose} title={member ? `Change ${member.name}’s access` : ''} centered size="lg">
      <form onSubmit={handleSubmit} noValidate aria-label="Change access">
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Select
            label="Role"
            allowDeselect={false}
            data={roleOptions(actorRole).map(({ value, label }) => ({ value, label }))}
            description={roleOptions(actorRole).find((o) => o.value === form.values.role)?.description}
            {...form.getInputProps('role')}
          />
          <MultiSelect
            label={clientRole ? 'Clients they see' : 'Client teams'}
            data={clients}
            searchable
            clearable
            placeholder={clients.length ? 'Choose clients' : 'No clients yet'}
            {...form.getInputProps('clientIds')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
