import { Alert, Badge, Card, Group, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { compile, evaluate, NETWORKS, PolicyError, type Network, type PolicyContext, type RuleInput } from '@clearpost/policy-engine';
import { NETWORK_LABELS } from '@clearpost/networks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n';
import { SearchPicker } from '../../../ui/SearchPicker';
import { useRoles } from '../../../ui/roles';
import { useClientSearch } from '../../clients/hooks';
import { FindingRow } from './FindingRow';
import { HighlightedText } from './HighlightedText';

/**
 * Type a post and see what the rules find, as you type: the same engine the API runs, here in the
 * browser. Confidential terms of clients you may not read are not in the browser, so the
 * server's check (checkPost) remains the one that counts.
 */
export function TryItBox({ rules, context, partialClients }: { rules: RuleInput[]; context: PolicyContext; partialClients: number | null }) {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const [text, setText] = useState('');
  const [network, setNetwork] = useState<Network>('LINKEDIN');
  const [accountKind, setAccountKind] = useState<'BRAND' | 'STAFF'>('BRAND');
  const [clientId, setClientId] = useState<string | null>(null);
  const compiled = useMemo(() => {
    try {
      return { ok: true as const, policy: compile({ rules }, context) };
    } catch (error) {
      return { ok: false as const, message: error instanceof PolicyError ? error.issues[0]?.message : (error as Error).message };
    }
  }, [rules, context]);
  const locale = currentLocale(i18n.language);
  const result = useMemo(
    () =>
      compiled.ok && text
        ? evaluate(
            compiled.policy,
            { text, network, accountKind, clientId, media: [], links: [], timezone: Intl.DateTimeFormat().resolvedOptions().timeZone },
            { locale },
          )
        : null,
    [compiled, text, network, accountKind, clientId, locale],
  );

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('policies.tryIt.title')}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('policies.tryIt.title')}
          </Title>
          {result && (
            <Badge
              color={result.blocked ? 'red' : result.requiredApprovals.length ? 'orange' : result.findings.length ? 'yellow' : 'teal'}
              variant="light"
              role="status"
            >
              {result.blocked
                ? t('policies.tryIt.blocked')
                : result.requiredApprovals.length
                  ? t('policies.tryIt.needsApproval', { roles: result.requiredApprovals.map(roles.label).join(', ') })
                  : result.findings.length
                    ? t('policies.tryIt.warnings')
                    : t('policies.tryIt.clean')}
            </Badge>
          )}
        </Group>
        <Group gap="sm" grow>
          <Select
            aria-label={t('policies.tryIt.network')}
            data={NETWORKS.map((n) => ({ value: n, label: NETWORK_LABELS[n] }))}
            value={network}
            onChange={(v) => v && setNetwork(v as Network)}
            allowDeselect={false}
          />
          <SearchPicker
            aria-label={t('policies.tryIt.forClient')}
            placeholder={t('policies.tryIt.ownAccount')}
            clearable
            useOptions={useClientSearch}
            value={clientId}
            onChange={setClientId}
          />
        </Group>
        <SegmentedControl
          data={[
            { value: 'BRAND', label: t('policies.tryIt.brand') },
            { value: 'STAFF', label: t('policies.tryIt.staff') },
          ]}
          value={accountKind}
          onChange={(v) => setAccountKind(v as 'BRAND' | 'STAFF')}
        />
        <Textarea
          label={t('policies.tryIt.post')}
          placeholder={t('policies.tryIt.placeholder')}
          autosize
          minRows={3}
          maxRows={10}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        {partialClients !== null && (
          <Text size="xs" c="dimmed">
            {t('policies.tryIt.partialContext', { count: partialClients })}
          </Text>
        )}
        {!compiled.ok && (
          <Alert color="red" title={t('policies.tryIt.cannotRun')}>
            {compiled.message}
          </Alert>
        )}
        {result && (
          <Stack gap="xs">
            <Card withBorder radius="sm" padding="sm" bg="var(--mantine-color-gray-0)">
              <HighlightedText text={text} findings={result.findings} />
            </Card>
            {result.findings.map((finding, index) => (
              <FindingRow key={`${finding.ruleId}-${index}`} finding={finding} text={text} />
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
