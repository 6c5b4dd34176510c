import { useLazyQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Button, Card, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { NETWORK_LABELS } from '@clearpost/networks';
import type { Network, RuleInput } from '@clearpost/policy-engine';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BacktestChange } from '../../../gql/graphql';
import { currentLocale } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { describeError } from '../../../ui/errors';
import { StateBadge } from '../../posts/components/StateBadge';
import { BacktestPolicyQuery } from '../graphql';
import { ACTION_COLORS, usePolicyLabels } from '../labels';
import { FindingRow } from './FindingRow';
import { HighlightedText } from './HighlightedText';

const CHANGE_COLORS: Record<BacktestChange, string> = { NEW: 'orange', CHANGED: 'yellow', SAME: 'gray', GONE: 'teal' };
const LIMITS = ['200', '1000', '5000'];

/**
 * Back-testing: the rules as they stand in the editor (saved or not, MONITOR rules included) run
 * on the organization's recent posts on the server, beside the published version — what a change
 * would have flagged, before anyone publishes it.
 */
export function BacktestCard({ policyId, rules, publishedVersion }: { policyId: string; rules: RuleInput[]; publishedVersion: number | null }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const labels = usePolicyLabels();
  const [limit, setLimit] = useState('1000');
  const [filter, setFilter] = useState<'ALL' | BacktestChange>('ALL');
  const [ranWith, setRanWith] = useState<string | null>(null);
  const [run, { data, loading, error }] = useLazyQuery(BacktestPolicyQuery, { fetchPolicy: 'no-cache' });
  const result = data?.backtestPolicy;
  const stale = ranWith !== null && ranWith !== JSON.stringify(rules);
  const items = useMemo(() => (result?.items ?? []).filter((item) => filter === 'ALL' || item.change === filter), [result, filter]);

  const start = () => {
    setRanWith(JSON.stringify(rules));
    void run({ variables: { input: { policyId, rules, limit: Number(limit), locale: currentLocale(i18n.language) } } });
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('policies.backtest.title')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('policies.backtest.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {publishedVersion ? t('policies.backtest.explainCompared', { version: publishedVersion }) : t('policies.backtest.explain')}
        </Text>
        <Group gap="sm" align="flex-end">
          <Select
            label={t('policies.backtest.limit')}
            data={LIMITS.map((value) => ({
              value,
              label: t('policies.backtest.lastPosts', { count: Number(value), formatted: format.number(Number(value)) }),
            }))}
            value={limit}
            onChange={(value) => value && setLimit(value)}
            allowDeselect={false}
            w={200}
          />
          <Button leftSection={<IconHistory size={16} />} loading={loading} onClick={start} disabled={rules.length === 0}>
            {result ? t('policies.backtest.runAgain') : t('policies.backtest.run')}
          </Button>
        </Group>
        {error && (
          <Alert color="red" title={t('policies.backtest.failed')}>
            {describeError(error).message}
          </Alert>
        )}
        {stale && result && !loading && (
          <Text size="xs" c="orange">
            {t('policies.backtest.stale')}
          </Text>
        )}
        {result && !loading && (
          <Stack gap="sm" role="status" aria-label={t('policies.backtest.results')}>
            <Text size="sm">
              {t('policies.backtest.scanned', {
                posts: format.number(result.scannedPosts),
                total: format.number(result.totalPosts),
                texts: format.number(result.scannedTexts),
                ms: format.number(result.tookMs),
              })}
            </Text>
            {result.totalPosts === 0 ? (
              <Text size="sm" c="dimmed">
                {t('policies.backtest.noPosts')}
              </Text>
            ) : (
              <>
                <Group gap="xs">
                  <Badge color={result.flaggedPosts ? 'orange' : 'teal'} variant="light">
                    {t('policies.backtest.flagged', { count: result.flaggedPosts })}
                  </Badge>
                  {result.comparedWithVersion !== null && (
                    <>
                      <Badge color="orange" variant="outline">
                        {t('policies.backtest.newly', { count: result.newlyFlaggedPosts })}
                      </Badge>
                      <Badge color="teal" variant="outline">
                        {t('policies.backtest.noLonger', { count: result.noLongerFlaggedPosts })}
                      </Badge>
                    </>
                  )}
                </Group>
                <Table striped withTableBorder fz="sm" aria-label={t('policies.backtest.perRule')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('policies.backtest.rule')}</Table.Th>
                      <Table.Th>{t('policies.backtest.action')}</Table.Th>
                      <Table.Th ta="right">{t('policies.backtest.postsNow')}</Table.Th>
                      <Table.Th ta="right">{t('policies.backtest.postsBefore', { version: result.comparedWithVersion ?? '—' })}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.rules.map((rule) => (
                      <Table.Tr key={rule.ruleId}>
                        <Table.Td>{rule.label ?? rule.ruleId}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            <Badge color={ACTION_COLORS[rule.action]} variant="light" size="sm">
                              {labels.action(rule.action)}
                            </Badge>
                            {rule.mode === 'MONITOR' && (
                              <Badge color={ACTION_COLORS.MONITOR} variant="outline" size="sm">
                                {labels.action('MONITOR')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right">{format.number(rule.posts)}</Table.Td>
                        <Table.Td ta="right">{rule.postsBefore === null ? '—' : format.number(rule.postsBefore)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {result.items.length === 0 ? (
                  <Text size="sm" c="teal">
                    {t('policies.backtest.nothingFlagged')}
                  </Text>
                ) : (
                  <>
                    <SegmentedControl
                      size="xs"
                      value={filter}
                      onChange={(value) => setFilter(value as typeof filter)}
                      data={(['ALL', 'NEW', 'CHANGED', 'GONE', 'SAME'] as const).map((value) => ({ value, label: t(`policies.backtest.changes.${value}`) }))}
                    />
                    {items.map((item) => (
                      <Card key={`${item.postId}-${item.account.id}`} withBorder radius="sm" padding="sm" data-testid="backtest-item">
                        <Stack gap={6}>
                          <Group gap="xs" justify="space-between">
                            <Group gap="xs">
                              <Badge color={CHANGE_COLORS[item.change]} variant="light">
                                {t(`policies.backtest.changes.${item.change}`)}
                              </Badge>
                              <Text size="xs" c="dimmed">
                                {item.account.displayName} ({item.account.handle}) · {NETWORK_LABELS[item.account.network as Network] ?? item.account.network} ·{' '}
                                {format.dateTime(item.updatedAt)}
                              </Text>
                            </Group>
                            <Group gap="xs">
                              <StateBadge state={item.state} />
                              <Anchor component={Link} to={`/posts/${item.postId}`} size="xs">
                                {t('policies.backtest.openPost')}
                              </Anchor>
                            </Group>
                          </Group>
                          <HighlightedText text={item.text} findings={item.findings} />
                          {item.findings.map((finding, index) => (
                            <FindingRow key={`${finding.ruleId}-${index}`} finding={{ ...finding, label: finding.ruleLabel }} text={item.text} />
                          ))}
                          {item.flaggedBefore.length > 0 && item.change !== 'SAME' && (
                            <Text size="xs" c="dimmed">
                              {t('policies.backtest.flaggedBefore', { rules: item.flaggedBefore.join(', ') })}
                            </Text>
                          )}
                        </Stack>
                      </Card>
                    ))}
                    {result.itemsTruncated && (
                      <Text size="xs" c="dimmed">
                        {t('policies.backtest.truncated', { count: result.items.length })}
                      </Text>
                    )}
                  </>
                )}
              </>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
