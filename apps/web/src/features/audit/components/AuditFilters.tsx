import { Button, Group, Input, Pill, Select, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { IconFilterOff } from '@tabler/icons-react';
import { ACTION_LABELS } from '../actions';

export interface AuditFilterValues {
  action: string | null;
  /** Set from an event's "by" (there is no member list to pick from yet). */
  actor: { id: string; name: string } | null;
  targetType: string;
  targetId: string;
  from: Date | null;
  to: Date | null;
}

export const EMPTY_FILTERS: AuditFilterValues = { action: null, actor: null, targetType: '', targetId: '', from: null, to: null };

const ACTION_OPTIONS = [
  {
    group: 'Categories',
    items: [
      { value: 'auth.*', label: 'All sign-in activity' },
      { value: 'organization.*', label: 'All organization changes' },
      { value: 'member.*', label: 'All membership changes' },
    ],
  },
  { group: 'Actions', items: Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label })) },
];

export function AuditFilters({ value, onChange }: { value: AuditFilterValues; onChange: (next: AuditFilterValues) => void }) {
  const active = JSON.stringify(value) !== JSON.stringify(EMPTY_FILTERS);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <Select
        label="Action"
        placeholder="Any action"
        data={ACTION_OPTIONS}
        value={value.action}
        onChange={(action) => onChange({ ...value, action })}
        clearable
        searchable
        w={230}
      />
      {value.actor && (
        <Input.Wrapper label="By">
          <Pill
            size="lg"
            withRemoveButton
            onRemove={() => onChange({ ...value, actor: null })}
            removeButtonProps={{ 'aria-label': `Stop filtering by ${value.actor.name}` }}
            mt={4}
          >
            {value.actor.name}
          </Pill>
        </Input.Wrapper>
      )}
      <TextInput
        label="Target type"
        placeholder="e.g. user"
        value={value.targetType}
        onChange={(e) => onChange({ ...value, targetType: e.currentTarget.value })}
        w={140}
      />
      <TextInput
        label="Target id"
        placeholder="Exact id"
        value={value.targetId}
        onChange={(e) => onChange({ ...value, targetId: e.currentTarget.value })}
        w={200}
      />
      <DateTimePicker
        label="From"
        placeholder="Any time"
        value={value.from}
        onChange={(from) => onChange({ ...value, from: from ? new Date(from) : null })}
        clearable
        w={190}
      />
      <DateTimePicker label="To" placeholder="Now" value={value.to} onChange={(to) => onChange({ ...value, to: to ? new Date(to) : null })} clearable w={190} />
      {active && (
        <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={() => onChange(EMPTY_FILTERS)}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
