import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, SimpleGrid, Skeleton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChainCard } from '../features/approval-chains/components/ChainCard';
import { ChainEditor, type EditableChain } from '../features/approval-chains/components/ChainEditor';
import { ApprovalChainsQuery, SetApprovalChainMutation } from '../features/approval-chains/graphql';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { describeError, notifyFailure } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

export function ApprovalChainsPage() {
  const { t } = useTranslation();
  const { can } = useCurrentMembership();
  const manages = can('approval_chain.manage');
  const { data, loading, error } = useQuery(ApprovalChainsQuery);
  const [editing, setEditing] = useState<EditableChain | null>(null);
  const [remove] = useMutation(SetApprovalChainMutation, { refetchQueries: ['ApprovalChains'] });
  const chains = data?.approvalChains ?? [];

  const strip = (chain: (typeof chains)[number]): EditableChain => ({
    scope: chain.scope ?? 'ORGANIZATION',
    scopeId: chain.scopeId ?? null,
    scopeName: chain.scopeName ?? null,
    reminderHours: chain.reminderHours,
    steps: chain.steps.map((s) => ({
      name: s.name,
      mode: s.mode,
      minApprovals: s.minApprovals,
      approvers: { roles: [...s.approvers.roles], memberIds: [...s.approvers.memberIds], clientApprovers: s.approvers.clientApprovers },
    })),
  });

  return (
    <>
      <PageHeader
        title={t('approvalChains.page.title')}
        description={t('approvalChains.page.description')}
        actions={
          manages && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing({ scope: null, scopeId: null, scopeName: null, reminderHours: 24, steps: [] })}
            >
              {t('approvalChains.page.add')}
            </Button>
          )
        }
      />
      {error && (
        <Alert color="red" title={t('approvalChains.page.loadFailed')}>
          {describeError(error).message}
        </Alert>
      )}
      {loading && !data ? (
        <Skeleton h={200} aria-busy="true" />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {chains.map((chain) => {
            const scope = chain.scope;
            return (
              <ChainCard
                key={`${chain.scope}:${chain.scopeId}`}
                chain={chain}
                manages={manages}
                onEdit={() => setEditing(strip(chain))}
                onRemove={
                  scope === 'CLIENT' || scope === 'ACCOUNT'
                    ? () =>
                        void remove({ variables: { input: { scope, scopeId: chain.scopeId, steps: null, reminderHours: chain.reminderHours } } })
                          .then(() => notifications.show({ color: 'teal', message: t('approvalChains.editor.removed') }))
                          .catch(notifyFailure)
                    : undefined
                }
              />
            );
          })}
        </SimpleGrid>
      )}
      {editing && <ChainEditor chain={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
