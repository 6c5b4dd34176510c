import { useMutation } from '@apollo/client/react';
import { canGrantRole, type Role } from '@clearpost/authz';
import { ActionIcon, Badge, Card, Group, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { notifyFailure } from '../../../ui/errors';
import { ROLE_COLORS, useRoles } from '../../../ui/roles';
import { InvitationsQuery, ResendInvitationMutation, RevokeInvitationMutation } from '../graphql';

export interface InvitationRow {
  id: string;
  email: string;
  role: string;
  status: string;
  invitedByName: string;
  createdAt: string;
  expiresAt: string;
  sentCount: number;
  clients: Array<{ id: string; name: string }>;
}

/** Invitations not yet accepted, with a new link or a revocation for those the reader may grant. */
export function InvitationsTable({ invitations, actorRole }: { invitations: InvitationRow[]; actorRole: Role | null }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const format = useFormat();
  const [resend] = useMutation(ResendInvitationMutation);
  const [revoke] = useMutation(RevokeInvitationMutation, { refetchQueries: [InvitationsQuery] });
  if (invitations.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t('members.invitations.title')}
      </Title>
      <Table verticalSpacing="sm" aria-label={t('members.invitations.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('members.invitations.email')}</Table.Th>
            <Table.Th>{t('members.invitations.role')}</Table.Th>
            <Table.Th>{t('members.invitations.status')}</Table.Th>
            <Table.Th>{t('members.invitations.invitedBy')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.map((invitation) => {
            const role = invitation.role as Role;
            const mayManage = !!actorRole && canGrantRole(actorRole, role);
            return (
              <Table.Tr key={invitation.id}>
                <Table.Td>
                  <Text size="sm">{invitation.email}</Text>
                  {invitation.clients.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {invitation.clients.map((c) => c.name).join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={ROLE_COLORS[role]}>
                    {roles.label(role)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {invitation.status === 'EXPIRED' ? (
                    <Badge color="red" variant="light">
                      {t('members.invitations.expired', { when: format.relative(invitation.expiresAt) })}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('members.invitations.expires', { when: format.relative(invitation.expiresAt) })}
                      {invitation.sentCount > 1 ? t('members.invitations.sentTimes', { count: invitation.sentCount }) : ''}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{invitation.invitedByName}</Text>
                  <Text size="xs" c="dimmed">
                    {format.date(invitation.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {mayManage && (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Tooltip label={t('members.invitations.resendTooltip')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('members.invitations.resend', { email: invitation.email })}
                          onClick={() =>
                            resend({ variables: { id: invitation.id } })
                              .then(() => notifications.show({ color: 'teal', title: t('members.invitations.resent'), message: invitation.email }))
                              .catch(notifyFailure)
                          }
                        >
                          <IconMailForward size={18} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('members.invitations.revokeTooltip')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('members.invitations.revoke', { email: invitation.email })}
                          onClick={() => revoke({ variables: { id: invitation.id } }).catch(notifyFailure)}
                        >
                          <IconX size={18} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
