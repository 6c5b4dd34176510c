import { useQuery } from '@apollo/client/react';
import type { Role } from '@clearpost/authz';
import { Button, Stack } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditMemberModal, type EditableMember } from '../features/members/components/EditMemberModal';
import { InvitationsTable } from '../features/members/components/InvitationsTable';
import { InviteMemberModal } from '../features/members/components/InviteMemberModal';
import { MembersTable, type MemberRow } from '../features/members/components/MembersTable';
import { RemoveMemberModal } from '../features/members/components/RemoveMemberModal';
import { InvitationsQuery, MembersQuery } from '../features/members/graphql';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { PageHeader } from '../ui/PageHeader';

export function MembersPage() {
  const { t } = useTranslation();
  const { me, current, can } = useCurrentMembership();
  const actorRole = (current?.role ?? null) as Role | null;
  const members = useQuery(MembersQuery);
  const invitations = useQuery(InvitationsQuery, { skip: !can('member.invite') });
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<EditableMember | null>(null);
  const [removing, setRemoving] = useState<MemberRow | null>(null);

  return (
    <>
      <PageHeader
        title={t('members.page.title')}
        description={t('members.page.description')}
        actions={
          can('member.invite') && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
              {t('members.page.invite')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        {can('member.invite') && <InvitationsTable invitations={invitations.data?.invitations ?? []} actorRole={actorRole} />}
        <MembersTable
          members={members.data?.members ?? []}
          loading={members.loading && !members.data}
          error={members.error}
          meId={me?.id ?? null}
          actorRole={actorRole}
          manages={can('member.manage')}
          onEdit={(member) => setEditing({ id: member.id, name: member.name, role: member.role as Role, clients: member.clients })}
          onRemove={setRemoving}
        />
      </Stack>
      <InviteMemberModal opened={inviting} onClose={() => setInviting(false)} actorRole={actorRole} />
      <EditMemberModal member={editing} onClose={() => setEditing(null)} actorRole={actorRole} />
      <RemoveMemberModal member={removing} onClose={() => setRemoving(null)} />
    </>
  );
}
