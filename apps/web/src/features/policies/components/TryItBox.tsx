import { Alert, Badge, Card, Group, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { compile, evaluate, NETWORKS, PolicyError, type Network, type PolicyContext, type RuleInput } from '@clearpost/policy-engine';
import { NETWORK_LABELS } from '@clearpost/networks';
import { useMemo, useState } from 'react';
import { ACTION_LABELS } from '../labels';
import { HighlightedText } from './HighlightedText';

/**
 * Type a post and see what the rules find, as you type: the same engine the API runs, here in the
 * browser. Confidential terms of clients you may not read are not in the browser, so the
 * server's check (checkPost) remains the one that counts.
 */
export function TryItBox({ rules, context, clients }: { rules: RuleInput[]; context: PolicyContext; clients: Array<{ value: string; label: string }> }) {
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
  const result = useMemo(
    () =>
      compiled.ok && text
        ? evaluate(
            compiled.policy,
            { text, network, accountKind, clientId, media: [], links: [], timezone: Intl.DateTimeFormat().resolvedOptions().timeZone },
            { locale: navigator.language.startsWith('fr') ? 'fr' : 'en' },
          )
        : null,
    [compiled, text, network, accountKind, clientId],
  );

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label="Try it">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Try it
          </Title>
          {result && (
            <Badge
              color={result.blocked ? 'red' : result.requiredApprovals.length ? 'orange' : result.findings.length ? 'yellow' : 'teal'}
              variant="light"
              role="status"
            >
              {result.blocked
                ? 'Blocked'
                : result.requiredApprovals.length
                  ? `Needs approval: ${result.requiredApprovals.join(', ')}`
                  : result.findings.length
                    ? 'Warnings'
                    : 'Nothing found'}
            </Badge>
          )}
        </Group>
        <Group gap="sm" grow>
          <Select
            aria-label="Network"
            data={NETWORKS.map((n) => ({ value: n, label: NETWORK_LABELS[n] }))}
            value={network}
            onChange={(v) => v && setNetwork(v as Network)}
            allowDeselect={false}
          />
          <Select aria-label="For client" placeholder="Your own account" clearable data={clients} value={clientId} onChange={setClientId} />
        </Group>
        <SegmentedControl
          data={[
            { value: 'BRAND', label: 'Brand account' },
            { value: 'STAFF', label: 'Staff handle' },
          ]}
          value={accountKind}
          onChange={(v) => setAccountKind(v as 'BRAND' | 'STAFF')}
        />
        <Textarea
          label="Post"
          placeholder="Type a post to see what the rules find…"
          autosize
          minRows={3}
          maxRows={10}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        {!compiled.ok && (
          <Alert color="red" title="The rules cannot run yet">
            {compiled.message}
          </Alert>
        )}
        {result && (
          <Stack gap="xs">
            <Card withBorder radius="sm" padding="sm" bg="var(--mantine-color-gray-0)">
              <HighlightedText text={text} findings={result.findings} />
            </Card>
            {result.findings.map((finding, index) => (
              <Group key={`${finding.ruleId}-${index}`} gap="xs" wrap="nowrap" align="flex-start">
                <Badge color={ACTION_LABELS[finding.action]?.color} variant="light" miw={110}>
                  {ACTION_LABELS[finding.action]?.label ?? finding.action}
                </Badge>
                <Text size="sm">{finding.message}</Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
