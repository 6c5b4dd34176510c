import { ActionIcon, Badge, Button, Card, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { RULE_KINDS, type RuleInput, type RuleKind } from '@clearpost/policy-engine';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRoles } from '../../../ui/roles';
import { ACTION_COLORS, usePolicyLabels } from '../labels';
import { newRule } from './RuleForm';

export type AnyRule = RuleInput & Record<string, unknown>;

/** A short description of a rule's settings. */
function useSummary() {
  const { t } = useTranslation();
  const labels = usePolicyLabels();
  return (rule: AnyRule): string => {
    const count = (name: string) => ((rule[name] as unknown[] | undefined) ?? []).length;
    switch (rule.kind) {
      case 'lexicon': {
        const languages = (rule.languages as Array<'en' | 'fr'> | undefined) ?? [];
        return [
          `${t('policies.summary.terms', { count: count('terms') })}${count('exceptions') ? t('policies.summary.exceptions', { count: count('exceptions') }) : ''}`,
          ...(languages.length
            ? [t('policies.summary.writtenFor', { languages: languages.map((l) => t(`policies.summary.languageName.${l}`)).join(', ') })]
            : []),
        ].join(' · ');
      }
      case 'regex':
        return String(rule.pattern);
      case 'disclaimer':
        return (rule.phrases as string[]).map((p) => `“${p}”`).join(t('policies.summary.or'));
      case 'link_domains':
        return t('policies.summary.domains', { allowed: count('allow'), denied: count('deny') });
      case 'schedule':
        return t('policies.summary.schedule', { windows: count('windows'), blackouts: count('blackouts') });
      default:
        return labels.kindHelp(rule.kind);
    }
  };
}

/** The rules of a policy being edited: add (by kind), edit, delete. */
export function RuleList({
  rules,
  manages,
  onEdit,
  onDelete,
}: {
  rules: AnyRule[];
  manages: boolean;
  onEdit: (editing: { index: number | null; rule: AnyRule }) => void;
  onDelete: (index: number) => void;
}) {
  const { t } = useTranslation();
  const labels = usePolicyLabels();
  const roles = useRoles();
  const summary = useSummary();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('policies.editor.rules')}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('policies.editor.rulesCount', { count: rules.length })}
        </Title>
        {manages && (
          <Menu position="bottom-end" width={260}>
            <Menu.Target>
              <Button variant="light" size="xs" leftSection={<IconPlus size={14} />}>
                {t('policies.editor.addRule')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {RULE_KINDS.map((kind: RuleKind) => (
                <Menu.Item
                  key={kind}
                  onClick={() =>
                    onEdit({
                      index: null,
                      rule: newRule(
                        kind,
                        rules.map((r) => r.id),
                      ),
                    })
                  }
                >
                  {labels.kind(kind)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Stack gap="xs">
        {rules.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('policies.editor.noRules')}
          </Text>
        )}
        {rules.map((rule, index) => {
          const action = rule.mode === 'MONITOR' ? 'MONITOR' : rule.action;
          return (
            <Card key={`${rule.id}-${index}`} withBorder radius="sm" padding="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {(rule.label as string) || labels.kind(rule.kind)}
                    </Text>
                    <Badge size="xs" color={ACTION_COLORS[action]} variant="light">
                      {labels.action(action)}
                      {rule.action === 'REQUIRE_APPROVAL' ? t('policies.editor.approvalBy', { role: roles.label(String(rule.approverRole)) }) : ''}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed" truncate="end">
                    {labels.kind(rule.kind)} · {summary(rule)}
                  </Text>
                </div>
                {manages && (
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon variant="subtle" aria-label={t('policies.editor.edit', { id: rule.id })} onClick={() => onEdit({ index, rule })}>
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" aria-label={t('policies.editor.delete', { id: rule.id })} onClick={() => onDelete(index)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            </Card>
          );
        })}
      </Stack>
    </Card>
  );
}
