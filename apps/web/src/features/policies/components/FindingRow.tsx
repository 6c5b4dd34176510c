import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ACTION_COLORS, usePolicyLabels } from '../labels';

/** What a finding row needs: the engine's finding (browser) and the API's PolicyFinding both have it. */
export interface ExplainedFinding {
  ruleId: string;
  action: string;
  message: string;
  spans: Array<{ start: number; end: number }>;
  label?: string | null;
  reason?: string | null;
  policyName?: string | null;
}

/**
 * One finding, explained: the action, the message, then why it fired — the rule (its label, or
 * its id, and its policy), the words found in the post, and the context that made them count.
 */
export function FindingRow({ finding, text }: { finding: ExplainedFinding; text: string }) {
  const { t } = useTranslation();
  const labels = usePolicyLabels();
  const words = [...new Set(finding.spans.map((s) => text.slice(s.start, s.end)).filter(Boolean))];
  const rule = finding.label ? `${finding.label} (${finding.ruleId})` : finding.ruleId;
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="finding">
      <Badge color={ACTION_COLORS[finding.action]} variant="light" miw={110} style={{ flexShrink: 0 }}>
        {labels.action(finding.action)}
      </Badge>
      <Stack gap={0}>
        <Text size="sm">{finding.message}</Text>
        <Text size="xs" c="dimmed" data-testid="finding-why">
          {finding.policyName ? t('policies.why.ruleOf', { rule, policy: finding.policyName }) : t('policies.why.rule', { rule })}
          {words.length > 0 && t('policies.why.words', { words: words.map((w) => t('posts.post.quoted', { text: w })).join(', ') })}
          {finding.reason && ` — ${finding.reason}`}
        </Text>
      </Stack>
    </Group>
  );
}
