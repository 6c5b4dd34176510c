import { Badge, Code, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { actionColor, actionLabel, summarize } from '../actions';

export interface AuditRow {
  id: string;
  seq: number;
  occurredAt: string;
  action: string;
  actor?: { id: string; name: string } | null;
  targetType?: string | null;
  targetId?: string | null;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export function AuditTable({ rows, onSelect }: { rows: AuditRow[]; onSelect: (row: AuditRow) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover verticalSpacing="sm" aria-label={t('audit.table.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>#</Table.Th>
            <Table.Th w={170}>{t('audit.table.when')}</Table.Th>
            <Table.Th>{t('audit.table.event')}</Table.Th>
            <Table.Th>{t('audit.table.by')}</Table.Th>
            <Table.Th>{t('audit.table.details')}</Table.Th>
            <Table.Th w={120}>{t('audit.table.hash')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.id}
              onClick={() => onSelect(row)}
              onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && onSelect(row)}
              tabIndex={0}
              style={{ cursor: 'pointer' }}
              aria-label={t('audit.table.row', { seq: row.seq, action: actionLabel(row.action) })}
            >
              <Table.Td>
                <Text size="sm" c="dimmed" ff="monospace">
                  {row.seq}
                </Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={format.dateTime(row.occurredAt)}>
                  <Text size="sm">{format.relative(row.occurredAt)}</Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                {/* The label for people, the stable action name for filters and exports. */}
                <Badge color={actionColor(row.action)} variant="light">
                  {actionLabel(row.action)}
                </Badge>
                <Text size="xs" c="dimmed" ff="monospace" mt={2}>
                  {row.action}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.actor?.name ?? t('audit.table.system')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lineClamp={1}>
                  {summarize(row.action, row.data)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Code>{row.hash.slice(0, 10)}…</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
