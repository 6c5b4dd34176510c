import { useApolloClient } from '@apollo/client/react';
import { Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuilding, IconCheck, IconChevronDown, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { organizationStore } from '../../../session/organization';
import { useRoles } from '../../../ui/roles';
import { useCurrentMembership } from '../hooks/useCurrentMembership';
import { CreateOrganizationModal } from './CreateOrganizationModal';

export function OrganizationSwitcher() {
  const { t } = useTranslation();
  const roles = useRoles();
  const client = useApolloClient();
  const { memberships, current } = useCurrentMembership();
  const [creating, { open, close }] = useDisclosure(false);

  const handleSwitch = async (organizationId: string) => {
    if (organizationId === current?.organization.id) return;
    organizationStore.set(organizationId);
    await client.resetStore();
  };

  return (
    <>
      <Menu position="bottom-start" width={280} shadow="md">
        <Menu.Target>
          <UnstyledButton
            aria-label={t('organizations.switcher.label')}
            px="sm"
            py={6}
            style={{ borderRadius: 8, border: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Group gap="xs" wrap="nowrap">
              <IconBuilding size={16} />
              <Text size="sm" fw={600} truncate maw={200}>
                {current?.organization.name ?? t('organizations.switcher.none')}
              </Text>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('organizations.switcher.yours')}</Menu.Label>
          {memberships.map((membership) => (
            <Menu.Item
              key={membership.organization.id}
              onClick={() => void handleSwitch(membership.organization.id)}
              leftSection={membership.organization.id === current?.organization.id ? <IconCheck size={14} /> : <span style={{ width: 14 }} />}
              rightSection={
                <Badge size="xs" variant="light">
                  {roles.label(membership.role)}
                </Badge>
              }
            >
              <Text size="sm" truncate>
                {membership.organization.name}
              </Text>
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPlus size={14} />} onClick={open}>
            {t('organizations.switcher.create')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateOrganizationModal opened={creating} onClose={close} />
    </>
  );
}
