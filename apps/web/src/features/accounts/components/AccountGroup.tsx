import { useMutation } from '@apollo/client/react';
import { NETWORK_LABELS, type Network } from '@clearpost/networks';
import { ActionIcon, Anchor, Badge, Card, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconHistory, IconListCheck, IconPlugConnected, IconPlugConnectedX, IconPower } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyFailure } from '../../../ui/errors';
import { SearchPicker } from '../../../ui/SearchPicker';
import { useStaffSearch } from '../../members/hooks';
import { useState } from 'react';
import {
  AccountsNeedingOwnerQuery,
  AssignAccountOwnerMutation,
  DeactivateSocialAccountMutation,
  DisconnectAccountMutation,
  SocialAccountsQuery,
} from '../graphql';
import { ConnectBlueskyModal } from './ConnectBlueskyModal';
import { ConnectMastodonModal } from './ConnectMastodonModal';

export interface AccountRow {
  id: string;
  network: string;
  displayHandle: string;
  profileUrl: string;
  displayName: string;
  kind: string;
  active: boolean;
  connected?: boolean;
  needsOwner: boolean;
  needsOwnerReason?: string | null;
  client?: { id: string; name: string } | null;
  owner?: { id: string; name: string; active: boolean } | null;
}

/** What the reader may do with the accounts of a group. */
export interface AccountPermissions {
  assignOwner: boolean;
  readPolicy: boolean;
  /** Deactivating: any account with account.manage, or their own staff handle. */
  deactivate: (account: AccountRow) => boolean;
  /** Connecting brand accounts to their network (account.manage). */
  connect?: boolean;
}

/** One client's accounts (or the organization's own), with owner, history, policy and actions. */
export function AccountGroup(props: {
  title: string;
  accounts: AccountRow[];
  may: AccountPermissions;
  onHistory: (account: AccountRow) => void;
  onPolicy: (account: AccountRow) => void;
}) {
  const { t } = useTranslation();
  const [assign] = useMutation(AssignAccountOwnerMutation, { refetchQueries: [AccountsNeedingOwnerQuery] });
  const [deactivate] = useMutation(DeactivateSocialAccountMutation, { refetchQueries: [SocialAccountsQuery, AccountsNeedingOwnerQuery] });
  const [disconnect] = useMutation(DisconnectAccountMutation, { refetchQueries: [SocialAccountsQuery] });
  const [connecting, setConnecting] = useState<AccountRow | null>(null);
  const [connectingBluesky, setConnectingBluesky] = useState<AccountRow | null>(null);
  const connectable = (account: AccountRow) => !!props.may.connect && account.kind === 'BRAND' && account.active;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={props.title}>
      <Title order={2} size="h4" mb="sm">
        {props.title}
      </Title>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('accounts.list.account')}</Table.Th>
            <Table.Th w={110}>{t('accounts.list.kind')}</Table.Th>
            <Table.Th w={300}>{t('accounts.list.owner')}</Table.Th>
            <Table.Th w={120} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.accounts.map((account) => (
            <Table.Tr key={account.id} aria-label={account.displayName}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {account.displayName}
                </Text>
                <Group gap={6}>
                  <Badge size="xs" variant="outline" color="gray">
                    {NETWORK_LABELS[account.network as Network] ?? account.network}
                  </Badge>
                  <Anchor href={account.profileUrl} target="_blank" rel="noreferrer" size="xs">
                    {account.displayHandle}
                  </Anchor>
                  {account.kind === 'BRAND' &&
                    (account.connected ? (
                      <Badge size="xs" color="green" variant="light">
                        {t('accounts.connect.connected')}
                      </Badge>
                    ) : (
                      <Badge size="xs" color="gray" variant="light" title={t('accounts.connect.sandboxHelp')}>
                        {t('accounts.connect.sandbox')}
                      </Badge>
                    ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={account.kind === 'BRAND' ? 'indigo' : 'gray'}>
                  {account.kind === 'BRAND' ? t('accounts.list.brand') : t('accounts.list.staff')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  {account.needsOwner && (
                    <Badge color="orange" variant="light" w="fit-content">
                      {account.needsOwnerReason === 'OWNER_REMOVED'
                        ? t('accounts.list.ownerLeft', { name: account.owner?.name })
                        : t('accounts.list.needsOwner')}
                    </Badge>
                  )}
                  {props.may.assignOwner ? (
                    <SearchPicker
                      aria-label={t('accounts.list.ownerOf', { account: account.displayName })}
                      placeholder={t('accounts.list.chooseOwner')}
                      size="xs"
                      useOptions={useStaffSearch}
                      initialOptions={account.owner?.active ? [{ value: account.owner.id, label: account.owner.name }] : []}
                      value={account.owner?.active ? account.owner.id : null}
                      onChange={(memberId, option) => {
                        if (!memberId) return;
                        assign({ variables: { input: { accountId: account.id, memberId } } })
                          .then(() =>
                            notifications.show({
                              color: 'teal',
                              title: t('accounts.list.assigned'),
                              message: t('accounts.list.nowOwns', { name: option?.label ?? '', account: account.displayName }),
                            }),
                          )
                          .catch(notifyFailure);
                      }}
                    />
                  ) : (
                    !account.needsOwner && <Text size="sm">{account.owner?.name}</Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('accounts.list.history', { account: account.displayName })}
                    onClick={() => props.onHistory(account)}
                  >
                    <IconHistory size={18} />
                  </ActionIcon>
                  {props.may.readPolicy && (
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('accounts.list.policy', { account: account.displayName })}
                      onClick={() => props.onPolicy(account)}
                    >
                      <IconListCheck size={18} />
                    </ActionIcon>
                  )}
                  {(props.may.deactivate(account) || connectable(account)) && (
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={t('accounts.list.actions', { account: account.displayName })}>
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        {connectable(account) && account.network === 'MASTODON' && !account.connected && (
                          <Menu.Item leftSection={<IconPlugConnected size={14} />} onClick={() => setConnecting(account)}>
                            {t('accounts.connect.mastodon')}
                          </Menu.Item>
                        )}
                        {connectable(account) && account.network === 'BLUESKY' && !account.connected && (
                          <Menu.Item leftSection={<IconPlugConnected size={14} />} onClick={() => setConnectingBluesky(account)}>
                            {t('accounts.connect.bluesky')}
                          </Menu.Item>
                        )}
                        {connectable(account) && account.connected && (
                          <Menu.Item
                            leftSection={<IconPlugConnectedX size={14} />}
                            onClick={() =>
                              disconnect({ variables: { accountId: account.id } })
                                .then(() =>
                                  notifications.show({ color: 'teal', message: t('accounts.connect.disconnected', { account: account.displayName }) }),
                                )
                                .catch(notifyFailure)
                            }
                          >
                            {t('accounts.connect.disconnect')}
                          </Menu.Item>
                        )}
                        {props.may.deactivate(account) && (
                          <Menu.Item
                            color="red"
                            leftSection={<IconPower size={14} />}
                            onClick={() => deactivate({ variables: { id: account.id } }).catch(notifyFailure)}
                          >
                            {t('accounts.list.deactivate')}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {connecting && <ConnectMastodonModal account={connecting} onClose={() => setConnecting(null)} />}
      {connectingBluesky && <ConnectBlueskyModal account={connectingBluesky} onClose={() => setConnectingBluesky(null)} />}
    </Card>
  );
}
