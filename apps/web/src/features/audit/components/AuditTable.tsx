import { Badge, Code, Table, Text, Tooltip } from '@mantine/core';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { actionColor, actionLabel, summarize } from '../actions';

dayjs.extend(relativeTime);

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
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Audit events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>#</Table.Th>
            <Table.Th w={170}>When</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Details</Table.Th>
            <Table.Th w={120}>Hash</Table.Th>
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
              aria-label={`Event ${row.seq}: ${actionLabel(row.action)}`}
            >
              <Table.Td>
                <Text size="sm" c="dimmed" ff="monospace">
                  {row.seq}
                </Text>
              </Table.Td>
              <Table.Td>
                <Tooltip label={dayjs(row.occurredAt).format('D MMM YYYY, HH:mm:ss')}>
                  <Text size="sm">{dayjs(row.occurredAt).fromNow()}</Text>
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
                <Text size="sm">{row.actor?.name ?? 'System'}</Text>
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
