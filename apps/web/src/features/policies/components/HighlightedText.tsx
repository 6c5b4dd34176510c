import { Text, Tooltip } from '@mantine/core';
import type { Finding } from '@clearpost/policy-engine';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_COLORS } from '../labels';

const RANK: Record<string, number> = { BLOCK: 4, REQUIRE_APPROVAL: 3, WARN: 2, MONITOR: 1 };

/** The post with every finding's spans marked, colored by the strictest action on them. */
export function HighlightedText({ text, findings }: { text: string; findings: Array<Pick<Finding, 'message' | 'spans'> & { action: string }> }) {
  const { t } = useTranslation();
  // Cut the text at every span boundary, then mark each piece covered by a finding.
  const cuts = new Set<number>([0, text.length]);
  for (const finding of findings) for (const span of finding.spans) cuts.add(span.start).add(span.end);
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = points.slice(0, -1).map((start, i) => {
    const end = points[i + 1];
    const covering = findings.filter((f) => f.spans.some((s) => s.start <= start && end <= s.end && s.start < s.end));
    const strongest = covering.sort((a, b) => (RANK[b.action] ?? 0) - (RANK[a.action] ?? 0))[0];
    return { start, end, strongest, covering };
  });
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', lineHeight: 1.7 }} component="div" aria-label={t('policies.tryIt.highlighted')}>
      {pieces.map(({ start, end, strongest, covering }) =>
        strongest ? (
          <Tooltip key={start} label={covering.map((f) => f.message).join(' · ')} multiline maw={360} withinPortal>
            <mark
              data-action={strongest.action}
              style={{ background: `var(--mantine-color-${ACTION_COLORS[strongest.action] ?? 'gray'}-2)`, borderRadius: 3, padding: '0 1px' }}
            >
              {text.slice(start, end)}
            </mark>
          </Tooltip>
        ) : (
          <Fragment key={start}>{text.slice(start, end)}</Fragment>
        ),
      )}
    </Text>
  );
}
