import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Drawer, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { RuleKind } from '@clearpost/policy-engine';
import { describeError } from '../../../ui/errors';
import { EffectivePolicyQuery } from '../graphql';
import { ACTION_LABELS, KIND_LABELS, SCOPE_LABELS } from '../labels';

/** What applies to one account, and where each rule came from. */
export function EffectivePolicyDrawer({ account, onClose }: { account: { id: string; displayName: string } | null; onClose: () => void }) {
  const { data, loading, error } = useQuery(EffectivePolicyQuery, { variables: { accountId: account?.id ?? '' }, skip: !account });
  const rules = data?.effectivePolicy.rules ?? [];
  return (
    <Drawer opened={!!account} onClose={onClose} position="right" size="lg" title={account ? `Policy of ${account.displayName}` : ''}>
      {error && <Alert color="red">{describeError(error).message}</Alert>}
      {loading && !data ? (
        <Skeleton h={200} />
      ) : rules.length === 0 ? (
        <Text size="sm" c="dimmed">
          No policy applies to this account yet. Attach one to the organization, its client or the account.
        </Text>
      ) : (
        <Stack gap="sm">
          {rules.map((r) => {
            const action = r.mode === 'MONITOR' ? 'MONITOR' : r.action;
            const label = ((r.rule as { label?: string }).label ?? KIND_LABELS[r.kind as RuleKind]?.label) || r.ruleId;
            return (
              <div key={r.ruleId}>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {label}
                  </Text>
                  <Badge size="xs" variant="light" color={ACTION_LABELS[action]?.color}>
                    {ACTION_LABELS[action]?.label}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  From {r.source.policyName} v{r.source.version} ({SCOPE_LABELS[r.source.scope]})
                  {r.overrides.length ? `; stricter than ${r.overrides.map((o) => `${o.policyName} (${SCOPE_LABELS[o.scope]})`).join(', ')}` : ''}
                </Text>
              </div>
            );
          })}
        </Stack>
      )}
    </Drawer>
  );
}
