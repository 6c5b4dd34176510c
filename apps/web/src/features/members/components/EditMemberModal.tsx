import { useMutation } from '@apollo/client/react';
import { isClientRole, type Role } from '@clearpost/authz';
import { Alert, Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../ui/errors';
import { useRoles } from '../../../ui/roles';
import { SearchMultiPicker } from '../../../ui/SearchPicker';
import { useClientSearch } from '../../clients/hooks';
import { UpdateMemberRoleMutation } from '../graphql';

export interface EditableMember {
  id: string;
  name: string;
  role: Role;
  clients: Array<{ id: string; name: string }>;
}

export function EditMemberModal({ member, onClose, actorRole }: { member: EditableMember | null; onClose: () => void; actorRole: Role | null }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const [update, { loading }] = useMutation(UpdateMemberRoleMutation);
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
  const options = roles.options(actorRole);
  return (
    <Modal opened={!!member} onClose={onClose} title={member ? t('members.edit.title', { name: member.name }) : ''} centered size="lg">
      <form onSubmit={handleSubmit} noValidate aria-label={t('members.edit.form')}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Select
            label={t('members.edit.role')}
            allowDeselect={false}
            data={options.map(({ value, label }) => ({ value, label }))}
            description={options.find((o) => o.value === form.values.role)?.description}
            {...form.getInputProps('role')}
          />
          {member && (
            <SearchMultiPicker
              label={clientRole ? t('members.edit.clientsTheySee') : t('members.edit.clientTeams')}
              placeholder={t('members.edit.chooseClients')}
              useOptions={useClientSearch}
              initialOptions={member.clients.map((client) => ({ value: client.id, label: client.name }))}
              clearable
              {...form.getInputProps('clientIds')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
