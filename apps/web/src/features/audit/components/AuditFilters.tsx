import { Button, Group, Input, Pill, Select, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ACTIONS, actionLabel, FAMILIES } from '../actions';

export interface AuditFilterValues {
  action: string | null;
  /** Set from an event's "by". */
  actor: { id: string; name: string } | null;
  targetType: string;
  targetId: string;
  from: Date | null;
  to: Date | null;
}

export const EMPTY_FILTERS: AuditFilterValues = { action: null, actor: null, targetType: '', targetId: '', from: null, to: null };

export function AuditFilters({ value, onChange }: { value: AuditFilterValues; onChange: (next: AuditFilterValues) => void }) {
  const { t, i18n } = useTranslation();
  const active = JSON.stringify(value) !== JSON.stringify(EMPTY_FILTERS);
  const options = [
    { group: t('audit.filters.categories'), items: FAMILIES.map((family) => ({ value: `${family}.*`, label: t(`audit.filters.allOf.${family}`) })) },
    {
      group: t('audit.filters.actions'),
      items: ACTIONS.map((action) => ({ value: action, label: actionLabel(action) })).sort((a, b) => a.label.localeCompare(b.label, i18n.language)),
    },
  ];
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <Select
        label={t('audit.filters.action')}
        placeholder={t('audit.filters.anyAction')}
        data={options}
        value={value.action}
        onChange={(action) => onChange({ ...value, action })}
        clearable
        searchable
        w={260}
      />
      {value.actor && (
        <Input.Wrapper label={t('audit.filters.by')}>
          <Pill
            size="lg"
            withRemoveButton
            onRemove={() => onChange({ ...value, actor: null })}
            removeButtonProps={{ 'aria-label': t('audit.filters.stopBy', { name: value.actor.name }) }}
            mt={4}
          >
            {value.actor.name}
          </Pill>
        </Input.Wrapper>
      )}
      <TextInput
        label={t('audit.filters.targetType')}
        placeholder={t('audit.filters.targetTypePlaceholder')}
        value={value.targetType}
        onChange={(e) => onChange({ ...value, targetType: e.currentTarget.value })}
        w={140}
      />
      <TextInput
        label={t('audit.filters.targetId')}
        placeholder={t('audit.filters.targetIdPlaceholder')}
        value={value.targetId}
        onChange={(e) => onChange({ ...value, targetId: e.currentTarget.value })}
        w={200}
      />
      <DateTimePicker
        label={t('audit.filters.from')}
        placeholder={t('audit.filters.anyTime')}
        value={value.from}
        onChange={(from) => onChange({ ...value, from: from ? new Date(from) : null })}
        clearable
        w={190}
      />
      <DateTimePicker
        label={t('audit.filters.to')}
        placeholder={t('audit.filters.now')}
        value={value.to}
        onChange={(to) => onChange({ ...value, to: to ? new Date(to) : null })}
        clearable
        w={190}
      />
      {active && (
        <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={() => onChange(EMPTY_FILTERS)}>
          {t('audit.filters.clear')}
        </Button>
      )}
    </Group>
  );
}
