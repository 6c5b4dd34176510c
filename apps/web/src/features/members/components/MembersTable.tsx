import { canGrantRole, type Role } from '@clearpost/authz';
import { ActionIcon, Alert, Avatar, Badge, Card, EmptyState, Group, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconPencil, IconUserMinus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { describeError } from '../../../ui/errors';
import { ROLE_COLORS, useRoles } from '../../../ui/roles';

export interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: string;
  joinedAt: string;
  ownedAccountCount: number;
  clients: Array<{ id: string; name: string }>;
}

/** Everyone in the organization, with change and remove for those the reader may manage. */
export function MembersTable(props: {
  members: MemberRow[];
  loading: boolean;
  error?: unknown;
  meId: string | null;
  actorRole: Role | null;
  manages: boolean;
  onEdit: (member: MemberRow) => void;
  onRemove: (member: MemberRow) => void;
}) {
  const { t } = useTranslation();
  const roles = useRoles();
  const format = useFormat();
  const { members, manages, actorRole } = props;
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4" mb="sm">
        {members.length ? t('members.list.titleWithCount', { count: members.length }) : t('members.list.title')}
      </Title>
      {props.error ? (
        <Alert color="red" title={t('members.list.loadFailed')}>
          {describeError(props.error).message}
        </Alert>
      ) : null}
      {props.loading ? (
        <Stack gap="xs" aria-busy="true" aria-label={t('members.list.loading')}>
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={44} />
          ))}
        </Stack>
      ) : members.length === 0 ? (
        <EmptyState icon={<IconUsers size={28} />} title={t('members.list.empty')} description={t('members.list.emptyHelp')} />
      ) : (
        <Table verticalSpacing="sm" aria-label={t('members.list.label')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('members.list.person')}</Table.Th>
              <Table.Th>{t('members.list.role')}</Table.Th>
              <Table.Th>{t('members.list.clients')}</Table.Th>
              <Table.Th>{t('members.list.owns')}</Table.Th>
              <Table.Th>{t('members.list.joined')}</Table.Th>
              {manages && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => {
              const role = member.role as Role;
              const mayManage = manages && !!actorRole && canGrantRole(actorRole, role);
              return (
                <Table.Tr key={member.id}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar name={member.name} color="initials" size={32} />
                      <div>
                        <Text size="sm" fw={500}>
                          {member.name}
                          {member.id === props.meId && (
                            <Text span c="dimmed" size="xs">
                              {' '}
                              {t('common.you')}
                            </Text>
                          )}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {member.email}
                        </Text>
                      </div>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={ROLE_COLORS[role]}>
                      {roles.label(role)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {member.clients.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('common.none')}
                        </Text>
                      ) : (
                        member.clients.map((client) => (
                          <Badge key={client.id} variant="outline" color="gray" size="sm">
                            {client.name}
                          </Badge>
                        ))
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('members.list.accounts', { count: member.ownedAccountCount })}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {format.date(member.joinedAt)}
                    </Text>
                  </Table.Td>
                  {manages && (
                    <Table.Td>
                      {mayManage && (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Tooltip label={t('members.list.changeTooltip')}>
                            <ActionIcon variant="subtle" aria-label={t('members.list.change', { name: member.name })} onClick={() => props.onEdit(member)}>
                              <IconPencil size={18} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('members.list.removeTooltip')}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('members.list.remove', { name: member.name })}
                              onClick={() => props.onRemove(member)}
                            >
                              <IconUserMinus size={18} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
