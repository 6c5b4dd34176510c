import type { Permission } from '@clearpost/authz';
import { Anchor, Badge, Button, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconClock, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../i18n/format';
import { useRoles } from '../../../ui/roles';

/** The reader's role in this organization and everything it lets them do. */
export function RoleCard({ role, joinedAt, permissions }: { role: string; joinedAt: string; permissions: string[] }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const format = useFormat();
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('organizations.overview.yourRole')}
          </Title>
          <Badge variant="light" size="lg">
            {roles.label(role)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('organizations.overview.memberSince', { date: format.date(joinedAt) })}
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
          {permissions.map((permission) => (
            <List.Item key={permission}>{t(`permissions.${permission as Permission}`)}</List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}

/** Why the audit trail exists, and the way to it for those who may read it. */
export function ComplianceCard({ organizationName, canReadAudit }: { organizationName: string; canReadAudit: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('organizations.overview.compliance')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('organizations.overview.complianceText', { organization: organizationName })}
        </Text>
        {canReadAudit ? (
          <Group>
            <Button component={Link} to="/audit" leftSection={<IconShieldCheck size={16} />}>
              {t('organizations.overview.openAudit')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">{t('organizations.overview.auditReaders')}</Text>
        )}
      </Stack>
    </Card>
  );
}

/** What to set up, in order, so a new owner knows what this workspace is for. */
const NEXT_STEPS = [
  { key: 'clients', to: '/clients', permission: 'client.manage' },
  { key: 'members', to: '/members', permission: 'member.invite' },
  { key: 'accounts', to: '/accounts', permission: 'account.register' },
  { key: 'policies', to: '/policies', permission: 'policy.manage' },
  { key: 'approvals', to: '/approval-chains', permission: 'approval_chain.manage' },
  { key: 'posts', to: '/posts/new', permission: 'post.write' },
] as const satisfies ReadonlyArray<{ key: string; to?: string; permission?: Permission }>;

export function NextStepsCard({ can }: { can: (permission: Permission) => boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" style={{ gridColumn: '1 / -1' }}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('organizations.overview.nextSteps')}
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
          {NEXT_STEPS.map((step) => {
            const text = t(`organizations.overview.steps.${step.key}`);
            return (
              <List.Item key={step.key}>
                {'to' in step && can(step.permission) ? (
                  <Anchor component={Link} to={step.to}>
                    {text}
                  </Anchor>
                ) : (
                  text
                )}
              </List.Item>
            );
          })}
        </List>
      </Stack>
    </Card>
  );
}
