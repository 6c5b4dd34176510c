import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Drawer, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { RuleKind } from '@clearpost/policy-engine';
import { describeError } from '../../../ui/errors';
import { EffectivePolicyQuery } from '../graphql';
import { useTranslation } from 'react-i18next';
import { ACTION_COLORS, usePolicyLabels } from '../labels';

/** What applies to one account, and where each rule came from. */
export function EffectivePolicyDrawer({ account, onClose }: { account: { id: string; displayName: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = usePolicyLabels();
  const { data, loading, error } = useQuery(EffectivePolicyQuery, { variables: { accountId: account?.id ?? '' }, skip: !account });
  const rules = data?.effectivePolicy.rules ?? [];
  return (
    <Drawer
      opened={!!account}
      onClose={onClose}
      position="right"
      size="lg"
      title={account ? t('policies.effective.title', { account: account.displayName }) : ''}
    >
      {error && <Alert color="red">{describeError(error).message}</Alert>}
      {loading && !data ? (
        <Skeleton h={200} />
      ) : rules.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('policies.effective.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          {rules.map((r) => {
            const action = r.mode === 'MONITOR' ? 'MONITOR' : r.action;
            const label = ((r.rule as { label?: string }).label ?? labels.kind(r.kind as RuleKind)) || r.ruleId;
            return (
              <div key={r.ruleId}>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {label}
                  </Text>
                  <Badge size="xs" variant="light" color={ACTION_COLORS[action]}>
                    {labels.action(action)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('policies.effective.from', { policy: r.source.policyName, version: r.source.version, scope: labels.scope(r.source.scope) })}
                  {r.combinedWith.length ? t('policies.effective.combined', { others: r.combinedWith.map((o) => o.policyName).join(', ') }) : ''}
                </Text>
                {r.overriddenRules.map((o) => (
                  <Text key={`${o.source.policyName}-${o.source.scope}`} size="xs" c="dimmed" data-testid="override">
                    {t('policies.effective.overrides', {
                      action: labels.action(o.mode === 'MONITOR' ? 'MONITOR' : o.action),
                      policy: o.source.policyName,
                      version: o.source.version,
                      scope: labels.scope(o.source.scope),
                      because: t(`policies.effective.because.${o.because as 'STRICTER' | 'MORE_SPECIFIC' | 'FIRST_BY_NAME'}`),
                    })}
                  </Text>
                ))}
              </div>
            );
          })}
        </Stack>
      )}
    </Drawer>
  );
}
