import { useMutation } from '@apollo/client/react';
import { displayHandle, HANDLE_EXAMPLES, NETWORK_LABELS, NETWORKS, normalizeHandle, type Network } from '@clearpost/networks';
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formError } from '../../../ui/errors';
import { SearchPicker, type PickerOption } from '../../../ui/SearchPicker';
import { useClientSearch } from '../../clients/hooks';
import { useStaffSearch } from '../../members/hooks';
import { AccountsNeedingOwnerQuery, AddSocialAccountMutation, SocialAccountsQuery } from '../graphql';

type Kind = 'BRAND' | 'STAFF';

export function AddAccountModal(props: {
  opened: boolean;
  onClose: () => void;
  /** May add brand accounts (otherwise only their own staff handle). */
  managesBrands: boolean;
  /** May choose the owner (otherwise the owner is chosen later, or is the person registering). */
  assignsOwner: boolean;
  defaultClient?: PickerOption | null;
}) {
  const { t } = useTranslation();
  const [add, { loading }] = useMutation(AddSocialAccountMutation, { refetchQueries: [SocialAccountsQuery, AccountsNeedingOwnerQuery] });
  const [error, setError] = useState<string | null>(null);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const form = useForm({
    initialValues: {
      kind: 'BRAND' as Kind,
      network: 'X' as Network,
      handle: '',
      displayName: '',
      clientId: null as string | null,
      ownerId: null as string | null,
    },
    validate: {
      handle: (value, values) =>
        normalizeHandle(values.network, value, values.kind).ok
          ? null
          : t('accounts.add.handleInvalid', { network: NETWORK_LABELS[values.network], example: HANDLE_EXAMPLES[values.network] }),
      displayName: (value) => (value.trim() ? null : t('accounts.add.displayNameRequired')),
    },
  });

  useEffect(() => {
    if (props.opened) {
      form.setValues({
        kind: props.managesBrands ? 'BRAND' : 'STAFF',
        clientId: props.defaultClient?.value ?? null,
        handle: '',
        displayName: '',
        ownerId: null,
      });
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
            timezone: zone,
          },
        },
      });
      close();
    } catch (caught) {
      setError(formError(caught, values, form.setFieldError));
    }
  });

  return (
    <Modal opened={props.opened} onClose={close} title={t('accounts.add.title')} centered size="lg">
      <form onSubmit={handleSubmit} noValidate aria-label={t('accounts.add.title')}>
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
                { value: 'BRAND', label: t('accounts.add.brand') },
                { value: 'STAFF', label: t('accounts.add.staffHandle') },
              ]}
              {...form.getInputProps('kind')}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('accounts.add.ownHandleHelp')}
            </Text>
          )}
          <Group grow align="flex-start">
            <Select
              label={t('accounts.add.network')}
              allowDeselect={false}
              data={NETWORKS.map((network) => ({ value: network, label: NETWORK_LABELS[network] }))}
              {...form.getInputProps('network')}
            />
            <TextInput
              label={t('accounts.add.handle')}
              required
              placeholder={HANDLE_EXAMPLES[form.values.network]}
              description={preview?.ok ? t('accounts.add.savedAs', { handle: displayHandle(form.values.network, preview.handle) }) : ' '}
              {...form.getInputProps('handle')}
            />
          </Group>
          <TextInput
            label={t('accounts.add.displayName')}
            required
            placeholder={t('accounts.add.displayNamePlaceholder')}
            {...form.getInputProps('displayName')}
          />
          {props.opened && form.values.kind === 'BRAND' && (
            <SearchPicker
              label={t('accounts.add.client')}
              placeholder={t('accounts.add.ownAccount')}
              clearable
              useOptions={useClientSearch}
              initialOptions={props.defaultClient ? [props.defaultClient] : []}
              {...form.getInputProps('clientId')}
            />
          )}
          {props.opened && props.assignsOwner && (
            <SearchPicker
              label={t('accounts.add.owner')}
              placeholder={form.values.kind === 'STAFF' ? t('accounts.add.you') : t('accounts.add.chooseLater')}
              clearable
              useOptions={useStaffSearch}
              {...form.getInputProps('ownerId')}
            />
          )}
          <Text size="xs" c="dimmed">
            {t('accounts.add.timezone', { zone })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading}>
              {t('accounts.add.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
