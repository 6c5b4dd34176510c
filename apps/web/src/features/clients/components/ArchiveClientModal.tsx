import { useMutation } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ArchiveClientMutation } from '../graphql';

export function ArchiveClientModal({ client, onClose }: { client: { id: string; name: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [archive] = useMutation(ArchiveClientMutation);
  return (
    <ConfirmModal
      opened={!!client}
      title={t('clients.archive.title', { name: client?.name ?? '' })}
      confirmLabel={t('clients.archive.confirm')}
      danger
      onClose={onClose}
      onConfirm={async () => {
        if (!client) return;
        await archive({ variables: { id: client.id } });
        notifications.show({ color: 'teal', title: t('clients.archive.done', { name: client.name }), message: t('clients.archive.doneText') });
      }}
    >
      {t('clients.archive.text')}
    </ConfirmModal>
  );
}
