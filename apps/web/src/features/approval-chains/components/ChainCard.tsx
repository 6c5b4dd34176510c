import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApprovalChainsQuery } from '../../../gql/graphql';
import { useRoles } from '../../../ui/roles';

export type Chain = ApprovalChainsQuery['approvalChains'][number];

/** One chain: where it applies, its steps in order (who approves, how many), and when approvers are reminded. */
export function ChainCard({ chain, manages, onEdit, onRemove }: { chain: Chain; manages: boolean; onEdit: () => void; onRemove?: () => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const title = chain.scope === null ? t('approvalChains.scope.default') : t(`approvalChains.scope.${chain.scope}`, { name: chain.scopeName ?? '' });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{title}</Text>
          {manages && (
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={onEdit}>
                {t('approvalChains.card.edit')}
              </Button>
              {onRemove && (
                <Button size="xs" variant="subtle" color="red" onClick={onRemove} aria-label={t('approvalChains.card.removeLabel', { name: title })}>
                  {t('approvalChains.card.remove')}
                </Button>
              )}
            </Group>
          )}
        </Group>
        {chain.steps.map((step, index) => {
          const who = [
            ...step.approvers.roles.map((role) => roles.label(role)),
            ...(step.approvers.memberIds.length ? [t('approvalChains.card.people', { count: step.approvers.memberIds.length })] : []),
            ...(step.approvers.clientApprovers ? [t('approvalChains.card.clientApprovers')] : []),
          ].join(', ');
          return (
            <Group key={index} gap="sm" wrap="nowrap">
              <Badge variant="light" circle>
                {index + 1}
              </Badge>
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {step.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {step.mode === 'ALL' ? t('approvalChains.card.allOf', { who }) : t('approvalChains.card.anyOf', { count: step.minApprovals, who })}
                </Text>
              </Stack>
            </Group>
          );
        })}
        <Text size="xs" c="dimmed">
          {t('approvalChains.card.reminder', { count: chain.reminderHours })}
        </Text>
      </Stack>
    </Card>
  );
}
