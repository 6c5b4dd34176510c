import { ActionIcon, Avatar, Badge, Card, Group, Menu, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArchive, IconDots, IconLock, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRoles } from '../../../ui/roles';

export interface ClientCardData {
  id: string;
  name: string;
  archivedAt?: string | null;
  accountCount: number;
  confidentialTerms?: string[] | null;
  team: Array<{ id: string; name: string; role: string }>;
}

/** A client: its accounts, its team, and its confidential terms for those who may read them. */
export function ClientCard({ client, manages, onEdit, onArchive }: { client: ClientCardData; manages: boolean; onEdit: () => void; onArchive: () => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  return (
    <Card withBorder radius="md" padding="lg" aria-label={client.name} component="section">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={2} size="h4">
              {client.name}
            </Title>
            {client.archivedAt && (
              <Badge color="gray" variant="light">
                {t('clients.list.archived')}
              </Badge>
            )}
          </Group>
          {manages && !client.archivedAt && (
            <Menu position="bottom-end">
              <Menu.Target>
                <ActionIcon variant="subtle" aria-label={t('clients.list.actions', { name: client.name })}>
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPencil size={14} />} onClick={onEdit}>
                  {t('clients.list.edit')}
                </Menu.Item>
                <Menu.Item leftSection={<IconArchive size={14} />} color="red" onClick={onArchive}>
                  {t('clients.list.archive')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        <Group gap="lg">
          <Text size="sm" c="dimmed" component={Link} to={`/accounts?client=${client.id}`}>
            {t('clients.list.accounts', { count: client.accountCount })}
          </Text>
          <Tooltip.Group>
            <Avatar.Group>
              {client.team.slice(0, 5).map((person) => (
                <Tooltip key={person.id} label={`${person.name} · ${roles.label(person.role)}`}>
                  <Avatar name={person.name} color="initials" size={28} />
                </Tooltip>
              ))}
              {client.team.length > 5 && <Avatar size={28}>+{client.team.length - 5}</Avatar>}
            </Avatar.Group>
          </Tooltip.Group>
        </Group>
        <div>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={6}>
            {t('clients.list.confidentialTerms')}
          </Text>
          {client.confidentialTerms === null || client.confidentialTerms === undefined ? (
            <Group gap={6}>
              <IconLock size={14} />
              <Text size="sm" c="dimmed">
                {t('clients.list.termsHidden')}
              </Text>
            </Group>
          ) : client.confidentialTerms.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('clients.list.noTerms')}
            </Text>
          ) : (
            <Group gap={6}>
              {client.confidentialTerms.map((term) => (
                <Badge key={term} variant="light" color="grape" tt="none">
                  {term}
                </Badge>
              ))}
            </Group>
          )}
        </div>
      </Stack>
    </Card>
  );
}
