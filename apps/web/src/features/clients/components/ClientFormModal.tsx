import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../ui/errors';
import { ClientsQuery, CreateClientMutation, UpdateClientMutation } from '../graphql';

export interface EditableClient {
  id: string;
  name: string;
  confidentialTerms: string[] | null;
}

/** Creates a client, or edits one (`client` given): its name and its confidential terms. */
export function ClientFormModal({ opened, client, onClose }: { opened: boolean; client: EditableClient | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [create, creating] = useMutation(CreateClientMutation, { refetchQueries: [ClientsQuery] });
  const [update, updating] = useMutation(UpdateClientMutation);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', confidentialTerms: [] as string[] },
    validate: { name: (value) => (value.trim() ? null : t('clients.form.nameRequired')) },
  });

  useEffect(() => {
    if (opened) form.setValues({ name: client?.name ?? '', confidentialTerms: client?.confidentialTerms ?? [] });
    setError(null);
    // Reset only when the modal opens for another client.
  }, [opened, client]);

  const handleSubmit = form.onSubmit(async (values) => {
    setError(null);
    try {
      if (client) {
        await update({
          variables: {
            input: { id: client.id, name: values.name.trim(), ...(client.confidentialTerms ? { confidentialTerms: values.confidentialTerms } : {}) },
          },
        });
      } else {
        await create({ variables: { input: { name: values.name.trim(), confidentialTerms: values.confidentialTerms } } });
      }
      onClose();
    } catch (caught) {
      const problem = describeError(caught);
      if (problem.field === 'name') form.setFieldError('name', problem.message);
      else setError(problem.message);
    }
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={client ? t('clients.form.editTitle', { name: client.name }) : t('clients.form.newTitle')}
      centered
      size="lg"
    >
      <form onSubmit={handleSubmit} noValidate aria-label={client ? t('clients.form.editForm') : t('clients.form.newTitle')}>
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('clients.form.name')} required data-autofocus {...form.getInputProps('name')} />
          {(!client || client.confidentialTerms) && (
            <TagsInput
              label={t('clients.form.terms')}
              description={t('clients.form.termsHelp')}
              placeholder={t('clients.form.termsPlaceholder')}
              clearable
              splitChars={[',', ';']}
              maxTags={500}
              {...form.getInputProps('confidentialTerms')}
            />
          )}
          <Text size="xs" c="dimmed">
            {t('clients.form.termsReaders')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={creating.loading || updating.loading}>
              {client ? t('common.save') : t('clients.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
