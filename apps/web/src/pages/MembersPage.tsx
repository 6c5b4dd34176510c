import { useMutation, useQuery } from '@apollo/client/react';
import { ActionIcon, Alert, Avatar, Badge, Button, Card, EmptyState, Group, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { canGrantRole, ROLE_LABELS, type Role } from '@clearpost/authz';
import { IconMailForward, IconPencil, IconUserMinus, IconUserPlus, IconUsers, IconX } from '@tabler/icons-react';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useState } from 'react';
import { EditMemberModal, type EditableMember } from '../features/members/components/EditMemberModal';
import { InviteMemberModal } from '../features/members/components/InviteMemberModal';
import { InvitationsQuery, MembersQuery, RemoveMemberMutation, ResendInvitationMutation, RevokeInvitationMutation } from '../features/members/graphql';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { ConfirmModal } from '../ui/ConfirmModal';
import { describeError, notifyFailure } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';
import { ROLE_COLORS } from '../ui/roles';

dayjs.extend(relativeTime);

export function MembersPage() {
  const { me, current, can } = useCurrentMembership();
  const actorRole = (current?.role ?? null) as Role | null;
  const members = useQuery(MembersQuery);
  const invitations = useQuery(InvitationsQuery, { skip: !can('member.invite') });
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<EditableMember | null>(null);
  const [removing, setRemoving] = useState<{ id: string; name: string; ownedAccountCount: number } | null>(null);
  const [removeMember] = useMutation(RemoveMemberMutation, { refetchQueries: [MembersQuery] });
  const [resend] = useMutation(ResendInvitationMutation);
  const [revoke] = useMutation(RevokeInvitationMutation, { refetchQueries: [InvitationsQuery] });

  const memberRows = members.data?.members ?? [];
  const invitationRows = invitations.data?.invitations ?? [];
  const manages = can('member.manage');

  return (
    <>
      <PageHeader
        title="Members"
        description="Everyone who works in this organization, and the people from your clients who review their own posts. A role decides what each person can see and do."
        actions={
          can('member.invite') && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
              Invite someone
            </Button>
          )
        }
      />
      <Stack gap="lg">
        {can('member.invite') && invitationRows.length > 0 && (
          <Card withBorder radius="md" padding="lg">
            <Title order={2} size="h4" mb="sm">
              Pending invitations
            </Title>
            <Table verticalSpacing="sm" aria-label="Pending invitations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Invited by</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invitationRows.map((invitation) => {
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
                          {ROLE_LABELS[role]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {invitation.status === 'EXPIRED' ? (
                          <Badge color="red" variant="light">
                            Expired {dayjs(invitation.expiresAt).fromNow()}
                          </Badge>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Expires {dayjs(invitation.expiresAt).fromNow()}
                            {invitation.sentCount > 1 ? ` · sent ${invitation.sentCount} times` : ''}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{invitation.invitedByName}</Text>
                        <Text size="xs" c="dimmed">
                          {dayjs(invitation.createdAt).format('D MMM YYYY')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {mayManage && (
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Tooltip label="Send a new link">
                              <ActionIcon
                                variant="subtle"
                                aria-label={`Resend invitation to ${invitation.email}`}
                                onClick={() =>
                                  resend({ variables: { id: invitation.id } })
                                    .then(() => notifications.show({ color: 'teal', title: 'Invitation sent again', message: invitation.email }))
                                    .catch(notifyFailure)
                                }
                              >
                                <IconMailForward size={18} />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip label="Revoke">
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={`Revoke invitation to ${invitation.email}`}
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
        )}

        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb="sm">
            People{memberRows.length ? ` (${memberRows.length})` : ''}
          </Title>
          {members.error && (
            <Alert color="red" title="Members could not be loaded">
              {describeError(members.error).message}
            </Alert>
          )}
          {members.loading && !members.data ? (
            <Stack gap="xs" aria-busy="true" aria-label="Loading members">
              {Array.from({ length: 4 }, (_, i) => (
                <Skeleton key={i} height={44} />
              ))}
            </Stack>
          ) : memberRows.length === 0 ? (
            <EmptyState icon={<IconUsers size={28} />} title="No members" description="Invite your team to get started." />
          ) : (
            <Table verticalSpacing="sm" aria-label="Members">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Person</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Clients</Table.Th>
                  <Table.Th>Owns</Table.Th>
                  <Table.Th>Joined</Table.Th>
                  {manages && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {memberRows.map((member) => {
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
                              {member.id === me?.id && (
                                <Text span c="dimmed" size="xs">
                                  {' '}
                                  (you)
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
                          {ROLE_LABELS[role]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {member.clients.length === 0 ? (
                            <Text size="sm" c="dimmed">
                              —
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
                        <Text size="sm">
                          {member.ownedAccountCount} account{member.ownedAccountCount === 1 ? '' : 's'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {dayjs(member.joinedAt).format('D MMM YYYY')}
                        </Text>
                      </Table.Td>
                      {manages && (
                        <Table.Td>
                          {mayManage && (
                            <Group gap={4} justify="flex-end" wrap="nowrap">
                              <Tooltip label="Change role or clients">
                                <ActionIcon
                                  variant="subtle"
                                  aria-label={`Change ${member.name}’s access`}
                                  onClick={() => setEditing({ id: member.id, name: member.name, role, clients: member.clients })}
                                >
                                  <IconPencil size={18} />
                                </ActionIcon>
                              </Tooltip>
                              <Tooltip label="Remove from organization">
                                <ActionIcon variant="subtle" color="red" aria-label={`Remove ${member.name}`} onClick={() => setRemoving(member)}>
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
      </Stack>

      <InviteMemberModal opened={inviting} onClose={() => setInviting(false)} actorRole={actorRole} />
      <EditMemberModal member={editing} onClose={() => setEditing(null)} actorRole={actorRole} />
      <ConfirmModal
        opened={!!removing}
        title={`Remove ${removing?.name ?? ''}?`}
        confirmLabel="Remove"
        danger
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          const { data } = await removeMember({ variables: { memberId: removing.id } });
          const orphaned = data?.removeMember.accountsNeedingOwner ?? 0;
          notifications.show({
            color: orphaned ? 'orange' : 'teal',
            title: `${removing.name} was removed`,
            message: orphaned ? `${orphaned} account${orphaned === 1 ? ' needs' : 's need'} a new owner.` : 'Their access ended immediately.',
          });
        }}
      >
        Their access ends immediately, in every open session.
        {removing && removing.ownedAccountCount > 0 && (
          <>
            {' '}
            They own {removing.ownedAccountCount} account{removing.ownedAccountCount === 1 ? '' : 's'}, which will be flagged as needing a new owner.
          </>
        )}
      </ConfirmModal>
    </>
  );
}
