import { Badge, Button, Code, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
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
  const { t } = useTranslation();
  const format = useFormat();
  const actor = event?.actor;
  const targetType = event?.targetType;
  const targetId = event?.targetId;
  return (
    <Drawer opened={!!event} onClose={onClose} position="right" size="lg" title={event ? t('audit.drawer.title', { seq: event.seq }) : ''}>
      {event && (
        <Stack>
          <Badge color={actionColor(event.action)} variant="light" size="lg">
            {actionLabel(event.action)}
          </Badge>
          <Table variant="vertical" withTableBorder layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={130}>{t('audit.drawer.when')}</Table.Th>
                <Table.Td>
                  {format.dateTime(event.occurredAt)} <Code>{event.occurredAt}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('audit.drawer.action')}</Table.Th>
                <Table.Td>
                  <Code>{event.action}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('audit.drawer.by')}</Table.Th>
                <Table.Td>{event.actor ? `${event.actor.name} (${event.actor.id})` : t('audit.table.system')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('audit.drawer.target')}</Table.Th>
                <Table.Td>{event.targetType ? `${event.targetType} ${event.targetId ?? ''}` : '—'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('audit.drawer.hash')}</Table.Th>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{event.hash}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('audit.drawer.previousHash')}</Table.Th>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{event.prevHash}</Code>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Group gap="xs">
            {actor && (
              <Button size="xs" variant="light" leftSection={<IconFilter size={14} />} onClick={() => onShowActor(actor)}>
                {t('audit.drawer.everythingBy', { name: actor.name })}
              </Button>
            )}
            {targetType && targetId && (
              <Button size="xs" variant="light" leftSection={<IconFilter size={14} />} onClick={() => onShowTarget(targetType, targetId)}>
                {t('audit.drawer.everythingAbout', { type: targetType })}
              </Button>
            )}
          </Group>
          <Text fw={600} size="sm">
            {t('audit.drawer.details')}
          </Text>
          <Code block>{JSON.stringify(event.data, null, 2)}</Code>
        </Stack>
      )}
    </Drawer>
  );
}
