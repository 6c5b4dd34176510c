import { Alert, Anchor, Badge, Button, Card, Group, List, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { isClientRole, PERMISSION_LABELS, ROLE_LABELS, type Permission, type Role } from '@clearpost/authz';
import { IconCircleCheck, IconClock, IconShieldCheck } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { ClientHome } from '../features/clients/components/ClientHome';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { describeError } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

/** What to set up, in order, so a new owner knows what this workspace is for. */
const NEXT_STEPS: Array<{ text: string; to?: string; permission?: Permission }> = [
  { text: 'Add the clients you run social accounts for, with their confidential terms', to: '/clients', permission: 'client.manage' },
  { text: 'Invite your team and your clients, each with the role that fits them', to: '/members', permission: 'member.invite' },
  { text: 'Register the social accounts you run and give each one an owner', to: '/accounts', permission: 'account.register' },
  { text: 'Turn your social media policy into rules every post is checked against (coming next)' },
  { text: 'Approve every post before it goes out, and keep the proof (coming next)' },
];

export function OverviewPage() {
  const { me, current, can, loading, error } = useCurrentMembership();

  if (error) {
    return (
      <Alert color="red" title="Your workspace could not be loaded">
        {describeError(error).message}
      </Alert>
    );
  }
  if (loading || !me) {
    return (
      <Stack aria-busy="true" aria-label="Loading">
        <Skeleton h={36} w={320} />
        <Skeleton h={140} />
      </Stack>
    );
  }
  if (!current) {
    return (
      <Alert color="yellow" title="You do not belong to any organization">
        Create one with the organization menu at the top of the page, or ask an admin to invite you.
      </Alert>
    );
  }

  const role = current.role as Role;
  if (isClientRole(role)) return <ClientHome organizationName={current.organization.name} roleLabel={ROLE_LABELS[role]} />;
  return (
    <>
      <PageHeader title={current.organization.name} description={`Signed in as ${me.name} (${me.email}).`} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} size="h4">
                Your role
              </Title>
              <Badge variant="light" size="lg">
                {ROLE_LABELS[role] ?? role}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              Member since {dayjs(current.joinedAt).format('D MMMM YYYY')}. Your role decides what you can see and do here.
            </Text>
            <List
              spacing={6}
              size="sm"
              icon={
                <ThemeIcon color="teal" size={20} radius="xl" variant="light">
                  <IconCircleCheck size={14} />
                </ThemeIcon>
              }
            >
              {current.permissions.map((permission) => (
                <List.Item key={permission}>{PERMISSION_LABELS[permission as Permission] ?? permission}</List.Item>
              ))}
            </List>
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Compliance
            </Title>
            <Text size="sm" c="dimmed">
              Everything that changes in {current.organization.name} is written to a tamper-evident audit trail. Anyone with access can check that no event was
              altered or removed.
            </Text>
            {can('audit.read') ? (
              <Group>
                <Button component={Link} to="/audit" leftSection={<IconShieldCheck size={16} />}>
                  Open the audit trail
                </Button>
              </Group>
            ) : (
              <Text size="sm">Owners, admins and compliance officers can read the audit trail.</Text>
            )}
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="lg" style={{ gridColumn: '1 / -1' }}>
          <Stack gap="sm">
            <Title order={2} size="h4">
              Next steps
            </Title>
            <List
              spacing={6}
              size="sm"
              icon={
                <ThemeIcon color="gray" size={20} radius="xl" variant="light">
                  <IconClock size={14} />
                </ThemeIcon>
              }
            >
              {NEXT_STEPS.map((item) => (
                <List.Item key={item.text}>
                  {item.to && item.permission && can(item.permission) ? (
                    <Anchor component={Link} to={item.to}>
                      {item.text}
                    </Anchor>
                  ) : (
                    item.text
                  )}
                </List.Item>
              ))}
            </List>
          </Stack>
        </Card>
      </SimpleGrid>
    </>
  );
}
