import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { displayHandle, HANDLE_EXAMPLES, NETWORK_LABELS, NETWORKS, normalizeHandle, type Network } from '@clearpost/networks';
import { useEffect, useState } from 'react';
import { formError } from '../../../ui/errors';
import { AccountsNeedingOwnerQuery, AddSocialAccountMutation, SocialAccountsQuery } from '../graphql';

type Kind = 'BRAND' | 'STAFF';

export function AddAccountModal(props: {
  opened: boolean;
  onClose: () => void;
  /** May add brand accounts (otherwise only their own staff handle). */
  managesBrands: boolean;
  clients: Array<{ value: string; label: string }>;
  owners: Array<{ value: string; label: string }> | null;
  defaultClientId?: string | null;
}) {
  const [add, { loading }] = useMutation(AddSocialAccountMutation, { refetchQueries: [SocialAccountsQuery, AccountsNeedingOwnerQuery] });
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { kind: 'BRAND' as Kind, network: 'X' as Network, handle: '', displayName: '', clientId: '' as string | null, ownerId: '' as string | null },
    validate: {
      handle: (value, values) => {
        const result = normalizeHandle(values.network, value, values.kind);
        return result.ok ? null : result.message;
      },
      displayName: (value) => (value.trim() ? null : 'Give the account a name people recognize.'),
    },
  });

  useEffect(() => {
    if (props.opened) {
      form.setValues({ kind: props.managesBrands ? 'BRAND' : 'STAFF', clientId: props.defaultClientId ?? '', handle: '', displayName: '', ownerId: '' });
      setError(null);
    }
    // Reset when the modal opens.
  }, [props.opened]);

  const preview = form.values.handle.trim() ? normalizeHandle(form.values.network, form.values.handle, form.values.kind) : null;

  const close = () => {
    setError(null);
    props.onClose();
  };

  const handleSubmit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await add({
        variables: {
          input: {
            network: values.network,
            handle: values.handle,
            displayName: values.displayName.trim(),
            kind: values.kind,
            clientId: values.kind === 'BRAND' && values.clientId ? values.clientId : undefined,
            ownerId: values.ownerId || undefined,
            // Posting hours and blackouts are read in the account's zone; the person adding it is usually in it.
            timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          },
        },
      });
      close();
    } catch (caught) {
      setError(formError(caught, values, form.setFieldError));
    }
  });

  return (
    <Modal opened={props.opened} onClose={close} title="Add a social account" centered size="lg">
      <form onSubmit={handleSubmit} noValidate aria-label="Add a social account">
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {props.managesBrands ? (
            <SegmentedControl
              fullWidth
              data={[
                { value: 'BRAND', label: 'Brand account' },
                { value: 'STAFF', label: 'Staff handle' },
              ]}
              {...form.getInputProps('kind')}
            />
          ) : (
            <Text size="sm" c="dimmed">
              Register your own personal handle, so posts about the company from it can carry the right disclosure.
            </Text>
          )}
          <Group grow align="flex-start">
            <Select
              label="Network"
              allowDeselect={false}
              data={NETWORKS.map((network) => ({ value: network, label: NETWORK_LABELS[network] }))}
              {...form.getInputProps('network')}
            />
            <TextInput
              label="Handle or profile link"
              required
              placeholder={HANDLE_EXAMPLES[form.values.network]}
              description={preview?.ok ? `Saved as ${displayHandle(form.values.network, preview.handle)}` : ' '}
              {...form.getInputProps('handle')}
            />
          </Group>
          <TextInput label="Display name" required placeholder="e.g. Acme France" {...form.getInputProps('displayName')} />
          {form.values.kind === 'BRAND' && (
            <Select label="Client" placeholder="Your organization’s own account" clearable data={props.clients} {...form.getInputProps('clientId')} />
          )}
          {props.owners && (
            <Select
              label="Owner"
              placeholder={form.values.kind === 'STAFF' ? 'You' : 'Choose later'}
              clearable
              searchable
              data={props.owners}
              {...form.getInputProps('ownerId')}
            />
          )}
          <Text size="xs" c="dimmed">
            Time zone: {Intl.DateTimeFormat().resolvedOptions().timeZone}, for posting hours. Clearpost never asks for an account’s password. Brand accounts
            will connect through the network’s own sign-in.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Add account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
