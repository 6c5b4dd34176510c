import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconTemplate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../../../i18n/format';
import { usePolicyLabels } from '../labels';

/** The templates a policy can start from, one click each. */
export function TemplatesCard({
  templates,
  onUse,
}: {
  templates: Array<{ id: string; name: string; description: string; locale: string }>;
  onUse: (name: string, templateId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('policies.list.templates')}>
      <Title order={2} size="h4" mb="xs">
        {t('policies.list.fromTemplate')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {templates.map((template) => (
          <Card key={template.id} withBorder radius="sm" padding="md">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Group gap="xs">
                  <Text fw={600}>{template.name}</Text>
                  <Badge size="xs" variant="outline">
                    {template.locale.toUpperCase()}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {template.description}
                </Text>
              </div>
              <Button
                variant="light"
                leftSection={<IconTemplate size={16} />}
                onClick={() => onUse(template.name, template.id)}
                aria-label={t('policies.list.useTemplate', { name: template.name })}
                style={{ flexShrink: 0 }}
              >
                {t('policies.list.use')}
              </Button>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </Card>
  );
}

export interface PolicySummary {
  id: string;
  name: string;
  published?: { version: number; ruleCount: number } | null;
  draft?: { version: number; ruleCount: number; updatedAt: string } | null;
  attachments: Array<{ id: string; scope: string; targetName: string }>;
}

/** One policy: its published version, draft and where it applies; opens the editor. */
export function PolicyCard({ policy }: { policy: PolicySummary }) {
  const { t } = useTranslation();
  const labels = usePolicyLabels();
  const format = useFormat();
  const navigate = useNavigate();
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="a"
      href={`/policies/${policy.id}`}
      onClick={(e) => (e.preventDefault(), void navigate(`/policies/${policy.id}`))}
      aria-label={policy.name}
    >
      <Stack gap={6}>
        <Group justify="space-between">
          <Title order={2} size="h4">
            {policy.name}
          </Title>
          {policy.published ? (
            <Badge color="teal" variant="light">
              {t('policies.list.published', { version: policy.published.version })}
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              {t('policies.list.notPublished')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('policies.list.rules', { count: (policy.published ?? policy.draft)?.ruleCount ?? 0 })}
          {policy.draft ? t('policies.list.draftSaved', { version: policy.draft.version, when: format.dateTime(policy.draft.updatedAt) }) : ''}
        </Text>
        <Group gap={6}>
          {policy.attachments.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('policies.list.notAttached')}
            </Text>
          ) : (
            policy.attachments.map((a) => (
              <Badge key={a.id} variant="outline" color="gray" tt="none">
                {labels.scope(a.scope)}: {a.targetName}
              </Badge>
            ))
          )}
        </Group>
      </Stack>
    </Card>
  );
}
