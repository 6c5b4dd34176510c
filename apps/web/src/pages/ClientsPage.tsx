import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Avatar,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Menu,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  Title,
  Tooltip,
  ActionIcon,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ROLE_LABELS, type Role } from '@clearpost/authz';
import { IconArchive, IconBriefcase, IconDots, IconLock, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ClientFormModal, type EditableClient } from '../features/clients/components/ClientFormModal';
import { ArchiveClientMutation, ClientsQuery } from '../features/clients/graphql';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { ConfirmModal } from '../ui/ConfirmModal';
import { describeError } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

export function ClientsPage() {
  const { can } = useCurrentMembership();
  const [includeArchived, setIncludeArchived] = useState(false);
  const { data, loading, error } = useQuery(ClientsQuery, { variables: { first: 200, filter: { includeArchived } } });
  const [archive] = useMutation(ArchiveClientMutation);
  const [editing, setEditing] = useState<EditableClient | null>(null);
  const [creating, setCreating] = useState(false);
  const [archiving, setArchiving] = useState<{ id: string; name: string } | null>(null);
  const clients = data?.clients.edges.map((edge) => edge.node) ?? [];
  const manages = can('client.manage');

  return (
    <>
      <PageHeader
        title="Clients"
        description="The companies you run social accounts for. Each client’s confidential terms keep their projects and partners out of everyone else’s posts."
        actions={
          <>
            <Switch label="Show archived" checked={includeArchived} onChange={(event) => setIncludeArchived(event.currentTarget.checked)} />
            {manages && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                New client
              </Button>
            )}
          </>
        }
      />
      {error && (
        <Alert color="red" title="Clients could not be loaded" mb="md">
          {describeError(error).message}
        </Alert>
      )}
      {loading && !data ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} aria-busy="true" aria-label="Loading clients">
          <Skeleton h={160} />
          <Skeleton h={160} />
        </SimpleGrid>
      ) : clients.length === 0 ? (
        <Card withBorder radius="md" padding="xl">
          <EmptyState
            icon={<IconBriefcase size={28} />}
            title={includeArchived ? 'No clients' : 'No clients yet'}
            description={manages ? 'Add the companies you manage social accounts for.' : 'An admin adds the companies you work for here.'}
          />
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {clients.map((client) => (
            <Card key={client.id} withBorder radius="md" padding="lg" aria-label={client.name} component="section">
              <Stack gap="sm">
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="xs">
                    <Title order={2} size="h4">
                      {client.name}
                    </Title>
                    {client.archivedAt && (
                      <Badge color="gray" variant="light">
                        Archived
                      </Badge>
                    )}
                  </Group>
                  {manages && !client.archivedAt && (
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={`Actions for ${client.name}`}>
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(client)}>
                          Edit name and terms
                        </Menu.Item>
                        <Menu.Item leftSection={<IconArchive size={14} />} color="red" onClick={() => setArchiving(client)}>
                          Archive
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  )}
                </Group>
                <Group gap="lg">
                  <Text size="sm" c="dimmed" component={Link} to={`/accounts?client=${client.id}`}>
                    {client.accountCount} account{client.accountCount === 1 ? '' : 's'}
                  </Text>
                  <Tooltip.Group>
                    <Avatar.Group>
                      {client.team.slice(0, 5).map((person) => (
                        <Tooltip key={person.id} label={`${person.name} · ${ROLE_LABELS[person.role as Role] ?? person.role}`}>
                          <Avatar name={person.name} color="initials" size={28} />
                        </Tooltip>
                      ))}
                      {client.team.length > 5 && <Avatar size={28}>+{client.team.length - 5}</Avatar>}
                    </Avatar.Group>
                  </Tooltip.Group>
                </Group>
                <div>
                  <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={6}>
                    Confidential terms
                  </Text>
                  {client.confidentialTerms === null || client.confidentialTerms === undefined ? (
                    <Group gap={6}>
                      <IconLock size={14} />
                      <Text size="sm" c="dimmed">
                        Only owners, admins, compliance and this client’s team can read them.
                      </Text>
                    </Group>
                  ) : client.confidentialTerms.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      None yet.
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
          ))}
        </SimpleGrid>
      )}
      <ClientFormModal opened={creating || !!editing} client={editing} onClose={() => (setCreating(false), setEditing(null))} />
      <ConfirmModal
        opened={!!archiving}
        title={`Archive ${archiving?.name ?? ''}?`}
        confirmLabel="Archive"
        danger
        onClose={() => setArchiving(null)}
        onConfirm={async () => {
          if (!archiving) return;
          await archive({ variables: { id: archiving.id } });
          notifications.show({ color: 'teal', title: `${archiving.name} archived`, message: 'Its history is kept; it takes no new accounts or members.' });
        }}
      >
        The client keeps its accounts and history, but no new accounts or members can be added to it.
      </ConfirmModal>
    </>
  );
}
