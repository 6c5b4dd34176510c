import { Badge, Button, Code, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { actionColor, actionLabel } from '../actions';
import type { AuditRow } from './AuditTable';

export function AuditEventDrawer({
  event,
  onClose,
  onShowActor,
  onShowTarget,
}: {
  event: AuditRow | null;
  onClose: () => void;
  onShowActor: (actor: { id: string; name: string }) => void;
  onShowTarget: (targetType: string, targetId: string) => void;
}) {
  const actor = event?.actor;
  const targetType = event?.targetType;
  const targetId = event?.targetId;
  return (
    <Drawer opened={!!event} onClose={onClose} position="right" size="lg" title={event ? `Event #${event.seq}` : ''}>
      {event && (
        <Stack>
          <Badge color={actionColor(event.action)} variant="light" size="lg">
            {actionLabel(event.action)}
          </Badge>
          <Table variant="vertical" withTableBorder layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={130}>When</Table.Th>
                <Table.Td>{dayjs(event.occurredAt).format('D MMMM YYYY, HH:mm:ss.SSS')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Action</Table.Th>
                <Table.Td>
                  <Code>{event.action}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>By</Table.Th>
                <Table.Td>{event.actor ? `${event.actor.name} (${event.actor.id})` : 'System'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Target</Table.Th>
                <Table.Td>{event.targetType ? `${event.targetType} ${event.targetId ?? ''}` : '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Hash</Table.Th>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{event.hash}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Previous hash</Table.Th>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{event.prevHash}</Code>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Group gap="xs">
            {actor && (
              <Button size="xs" variant="light" leftSection={<IconFilter size={14} />} onClick={() => onShowActor(actor)}>
                Everything by {actor.name}
              </Button>
            )}
            {targetType && targetId && (
              <Button size="xs" variant="light" leftSection={<IconFilter size={14} />} onClick={() => onShowTarget(targetType, targetId)}>
                Everything about this {targetType}
              </Button>
            )}
          </Group>
          <Text fw={600} size="sm">
            Details
          </Text>
          <Code block>{JSON.stringify(event.data, null, 2)}</Code>
        </Stack>
      )}
    </Drawer>
  );
}
