import { useMutation } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { MembersQuery, RemoveMemberMutation } from '../graphql';

/** Removing someone ends their access at once; the accounts they owned are flagged for a new owner. */
export function RemoveMemberModal({ member, onClose }: { member: { id: string; name: string; ownedAccountCount: number } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [removeMember] = useMutation(RemoveMemberMutation, { refetchQueries: [MembersQuery] });
  return (
    <ConfirmModal
      opened={!!member}
      title={t('members.remove.title', { name: member?.name ?? '' })}
      confirmLabel={t('members.remove.confirm')}
      danger
      onClose={onClose}
      onConfirm={async () => {
        if (!member) return;
        const { data } = await removeMember({ variables: { memberId: member.id } });
        const orphaned = data?.removeMember.accountsNeedingOwner ?? 0;
        notifications.show({
          color: orphaned ? 'orange' : 'teal',
          title: t('members.remove.removed', { name: member.name }),
          message: orphaned ? t('members.remove.orphaned', { count: orphaned }) : t('members.remove.ended'),
        });
      }}
    >
      {t('members.remove.text')}
      {member && member.ownedAccountCount > 0 && t('members.remove.owned', { count: member.ownedAccountCount })}
    </ConfirmModal>
  );
}
