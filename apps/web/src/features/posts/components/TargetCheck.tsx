import { useQuery } from '@apollo/client/react';
import { Alert, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { compile, evaluate, LENGTH_LIMITS, measure, type Network, type PolicyContext, type RuleInput } from '@clearpost/policy-engine';
import { NETWORK_LABELS } from '@clearpost/networks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n';
import { useRoles } from '../../../ui/roles';
import { FindingRow } from '../../policies/components/FindingRow';
import { HighlightedText } from '../../policies/components/HighlightedText';
import { ComposerTargetQuery } from '../graphql';

/**
 * One target in the composer: the text as it will go out on that network, its length counted the
 * network's way, and what the account's effective policy finds in it — the same engine the API
 * runs at submission, here in the browser, as you type.
 */
export function TargetCheck({
  accountId,
  text,
  scheduledAt,
  links,
  context,
}: {
  accountId: string;
  text: string;
  scheduledAt: Date | null;
  links: string[];
  context: PolicyContext;
}) {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const { data, loading, error } = useQuery(ComposerTargetQuery, { variables: { accountId } });
  const account = data?.socialAccount;
  const compiled = useMemo(() => {
    if (!data) return null;
    try {
      return compile({ rules: data.effectivePolicy.rules.map((r) => r.rule as RuleInput) }, context);
    } catch {
      return null;
    }
  }, [data, context]);
  const sourceOf = useMemo(() => new Map((data?.effectivePolicy.rules ?? []).map((r) => [r.ruleId, r.source.policyName])), [data]);
  const result = useMemo(
    () =>
      compiled && account && text
        ? evaluate(
            compiled,
            {
              text,
              network: account.network as Network,
              accountKind: account.kind,
              clientId: account.client?.id ?? null,
              media: [],
              links,
              scheduledAt,
              timezone: account.timezone,
            },
            { locale: currentLocale(i18n.language) },
          )
        : null,
    [compiled, account, text, links, scheduledAt, i18n.language],
  );

  if (loading && !data) return <Skeleton h={120} aria-busy="true" aria-label={t('posts.composer.checking')} />;
  if (error || !account) return <Alert color="red">{error?.message}</Alert>;
  const network = account.network as Network;
  const limit = LENGTH_LIMITS[network];
  const length = measure(text, network, limit.max);
  const over = length.count - limit.max;
  return (
    <Card withBorder radius="md" padding="md" data-testid={`target-${account.displayHandle}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm">
            {t('posts.composer.findingsFor', { handle: `${account.displayName} (${account.displayHandle})` })} · {NETWORK_LABELS[network]}
          </Text>
          <Text size="xs" fw={600} c={over > 0 ? 'red' : 'dimmed'} style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
            {over > 0
              ? t('posts.composer.tooLong', { network: NETWORK_LABELS[network], over })
              : t('posts.composer.length', { count: length.count, max: limit.max })}
          </Text>
        </Group>
        {scheduledAt && (
          <Text size="xs" c="dimmed">
            {t('posts.composer.accountTime', {
              handle: account.displayHandle,
              time: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: account.timezone }).format(scheduledAt),
              zone: account.timezone,
            })}
          </Text>
        )}
        <Card radius="sm" padding="sm" bg="var(--mantine-color-gray-0)">
          {text ? (
            <HighlightedText text={text} findings={result?.findings ?? []} />
          ) : (
            <Text c="dimmed" size="sm">
              {t('posts.composer.textPlaceholder')}
            </Text>
          )}
        </Card>
        {result &&
          (result.findings.length === 0 ? (
            <Text size="sm" c="teal">
              {t('posts.composer.noFindings')}
            </Text>
          ) : (
            <Stack gap={4}>
              {result.blocked && (
                <Text size="sm" c="red" fw={500}>
                  {t('posts.composer.blockedNote')}
                </Text>
              )}
              {result.requiredApprovals.length > 0 && (
                <Text size="sm" c="orange">
                  {t('posts.composer.approvalNote', { roles: result.requiredApprovals.map(roles.label).join(', ') })}
                </Text>
              )}
              {result.findings.map((finding, index) => (
                <FindingRow key={`${finding.ruleId}-${index}`} finding={{ ...finding, policyName: sourceOf.get(finding.ruleId) }} text={text} />
              ))}
            </Stack>
          ))}
      </Stack>
    </Card>
  );
}
