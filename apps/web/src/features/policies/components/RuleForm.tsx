import { ActionIcon, Alert, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Select, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { ACCOUNT_KINDS, NETWORKS, PII_KINDS, RULE_KINDS, validatePolicy, type RuleInput, type RuleKind } from '@clearpost/policy-engine';
import { NETWORK_LABELS } from '@clearpost/networks';
import { ROLE_LABELS, ROLES } from '@clearpost/authz';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { KIND_LABELS } from '../labels';

type AnyRule = RuleInput & Record<string, unknown>;
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A new rule of `kind` with sensible defaults. */
export function newRule(kind: RuleKind, taken: string[]): AnyRule {
  let id: string = kind.replace('_', '-');
  for (let n = 2; taken.includes(id); n++) id = `${kind.replace('_', '-')}-${n}`;
  const base = { id, kind, action: 'WARN' as const };
  switch (kind) {
    case 'lexicon':
      return { ...base, terms: [], exceptions: [] } as AnyRule;
    case 'regex':
      return { ...base, pattern: '' } as AnyRule;
    case 'disclaimer':
      return { ...base, phrases: [], whenMentioning: [] } as AnyRule;
    case 'schedule':
      return { ...base, windows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }], blackouts: [] } as AnyRule;
    case 'counts':
      return { ...base, maxHashtags: 5 } as AnyRule;
    default:
      return base as AnyRule;
  }
}

/** Add or edit one rule with a form made for its kind, checked by the engine as you type. */
export function RuleForm({
  rule,
  otherIds,
  onSave,
  onClose,
}: {
  rule: AnyRule | null;
  otherIds: string[];
  onSave: (rule: AnyRule) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<AnyRule | null>(rule);
  useEffect(() => setDraft(rule), [rule]);
  if (!draft) return <Modal opened={false} onClose={onClose} />;

  const set = (patch: Record<string, unknown>) => setDraft({ ...draft, ...patch } as AnyRule);
  const validation = validatePolicy({ rules: [draft] });
  const duplicate = otherIds.includes(draft.id) ? 'Another rule of this policy has this id.' : null;
  const problems = [
    ...(validation.ok ? [] : validation.issues.map((i) => `${i.path.slice(2).join(' › ') || 'rule'}: ${i.message}`)),
    ...(duplicate ? [duplicate] : []),
  ];
  const list = (name: string) => (draft[name] as string[] | undefined) ?? [];

  return (
    <Modal opened onClose={onClose} title={`${KIND_LABELS[draft.kind].label} rule`} size="lg" centered>
      <Stack>
        <Text size="sm" c="dimmed">
          {KIND_LABELS[draft.kind].help}
        </Text>
        <Group grow align="flex-start">
          <TextInput
            label="Rule id"
            description="Stable; the same id in two policies is one rule (the strictest wins)."
            value={draft.id}
            onChange={(e) => set({ id: e.currentTarget.value })}
          />
          <TextInput
            label="Label"
            description="What it is for, in words."
            value={(draft.label as string) ?? ''}
            onChange={(e) => set({ label: e.currentTarget.value || undefined })}
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label="Action"
            allowDeselect={false}
            data={[
              { value: 'BLOCK', label: 'Block the post' },
              { value: 'REQUIRE_APPROVAL', label: 'Require an approval' },
              { value: 'WARN', label: 'Warn' },
            ]}
            value={draft.action}
            onChange={(value) => set({ action: value, approverRole: value === 'REQUIRE_APPROVAL' ? (draft.approverRole ?? 'COMPLIANCE') : undefined })}
          />
          {draft.action === 'REQUIRE_APPROVAL' && (
            <Select
              label="Approval by"
              allowDeselect={false}
              data={ROLES.filter((r) => !r.startsWith('CLIENT_') && r !== 'MEMBER').map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              value={(draft.approverRole as string) ?? 'COMPLIANCE'}
              onChange={(value) => set({ approverRole: value })}
            />
          )}
        </Group>
        <Switch
          label="Monitor only: record what it finds without enforcing it"
          checked={draft.mode === 'MONITOR'}
          onChange={(e) => set({ mode: e.currentTarget.checked ? 'MONITOR' : 'ENFORCE' })}
        />

        {draft.kind === 'lexicon' && (
          <>
            <TagsInput
              label="Terms"
              description="Press Enter after each. confiden* and *gate are wildcards; “client NEAR/5 retard” finds the two words within 5 words."
              value={list('terms')}
              onChange={(terms) => set({ terms })}
              splitChars={[',', ';']}
              clearable
            />
            <TagsInput
              label="Exceptions"
              description="Phrases in which a term does not count, e.g. “views are my own”."
              value={list('exceptions')}
              onChange={(exceptions) => set({ exceptions })}
              clearable
            />
          </>
        )}
        {draft.kind === 'regex' && (
          <>
            <TextInput
              label="Pattern"
              placeholder="REF-[0-9]{4}"
              value={(draft.pattern as string) ?? ''}
              onChange={(e) => set({ pattern: e.currentTarget.value })}
              ff="monospace"
            />
            <Checkbox label="Case-sensitive" checked={Boolean(draft.caseSensitive)} onChange={(e) => set({ caseSensitive: e.currentTarget.checked })} />
          </>
        )}
        {draft.kind === 'personal_data' && (
          <>
            <MultiSelect
              label="Detect"
              data={PII_KINDS.map((k) => ({ value: k, label: { EMAIL: 'Email addresses', PHONE: 'Phone numbers', IBAN: 'IBANs', CARD: 'Card numbers' }[k] }))}
              value={(draft.detect as string[]) ?? [...PII_KINDS]}
              onChange={(detect) => set({ detect })}
            />
            <TextInput
              label="Country for numbers without a prefix"
              value={(draft.defaultCountry as string) ?? 'FR'}
              onChange={(e) => set({ defaultCountry: e.currentTarget.value.toUpperCase() })}
              maxLength={2}
              w={120}
            />
            <TagsInput
              label="Allowed addresses"
              description="Public contact addresses that may appear."
              value={list('allowEmails')}
              onChange={(allowEmails) => set({ allowEmails })}
            />
          </>
        )}
        {draft.kind === 'disclaimer' && (
          <>
            <TagsInput label="Any of these phrases" value={list('phrases')} onChange={(phrases) => set({ phrases })} />
            <TagsInput
              label="Only when the post mentions"
              description="Empty: always required."
              value={list('whenMentioning')}
              onChange={(whenMentioning) => set({ whenMentioning })}
            />
          </>
        )}
        {draft.kind === 'link_domains' && (
          <>
            <TagsInput label="Allowed domains" description="Empty: any domain not denied." value={list('allow')} onChange={(allow) => set({ allow })} />
            <TagsInput label="Denied domains" value={list('deny')} onChange={(deny) => set({ deny })} />
          </>
        )}
        {draft.kind === 'length' && (
          <NumberInput
            label="Maximum (empty: the network’s own limit)"
            min={1}
            value={(draft.max as number) ?? ''}
            onChange={(value) => set({ max: typeof value === 'number' ? value : undefined })}
          />
        )}
        {draft.kind === 'counts' && (
          <Group grow>
            <NumberInput
              label="Hashtags at most"
              min={0}
              value={(draft.maxHashtags as number) ?? ''}
              onChange={(v) => set({ maxHashtags: typeof v === 'number' ? v : undefined })}
            />
            <NumberInput
              label="Mentions at most"
              min={0}
              value={(draft.maxMentions as number) ?? ''}
              onChange={(v) => set({ maxMentions: typeof v === 'number' ? v : undefined })}
            />
          </Group>
        )}
        {draft.kind === 'schedule' && <ScheduleFields rule={draft} set={set} />}

        <Group grow align="flex-start">
          <MultiSelect
            label="Only on networks"
            placeholder="All networks"
            data={NETWORKS.map((n) => ({ value: n, label: NETWORK_LABELS[n] }))}
            value={(draft.appliesTo as { networks?: string[] } | undefined)?.networks ?? []}
            onChange={(networks) => set({ appliesTo: { ...(draft.appliesTo as object), networks: networks.length ? networks : undefined } })}
          />
          <MultiSelect
            label="Only on accounts"
            placeholder="Brand and staff"
            data={ACCOUNT_KINDS.map((k) => ({ value: k, label: k === 'BRAND' ? 'Brand accounts' : 'Staff handles' }))}
            value={(draft.appliesTo as { accountKinds?: string[] } | undefined)?.accountKinds ?? []}
            onChange={(accountKinds) => set({ appliesTo: { ...(draft.appliesTo as object), accountKinds: accountKinds.length ? accountKinds : undefined } })}
          />
        </Group>
        {problems.length > 0 && (
          <Alert color="red" title="Not valid yet" role="alert">
            {problems.slice(0, 5).map((p) => (
              <Text size="sm" key={p}>
                {p}
              </Text>
            ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={problems.length > 0} onClick={() => onSave(draft)}>
            Save rule
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ScheduleFields({ rule, set }: { rule: AnyRule; set: (patch: Record<string, unknown>) => void }) {
  const windows = (rule.windows as Array<{ days: number[]; from: string; to: string }>) ?? [];
  const blackouts = (rule.blackouts as Array<{ from: string; to: string; label?: string }>) ?? [];
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Posting hours (account’s time zone)
      </Text>
      {windows.map((window, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <MultiSelect
            aria-label="Days"
            data={DAYS.map((d, k) => ({ value: String(k + 1), label: d }))}
            value={window.days.map(String)}
            onChange={(days) => set({ windows: windows.map((w, k) => (k === i ? { ...w, days: days.map(Number).sort() } : w)) })}
            style={{ flex: 1 }}
          />
          <TextInput
            aria-label="From"
            type="time"
            value={window.from}
            onChange={(e) => set({ windows: windows.map((w, k) => (k === i ? { ...w, from: e.currentTarget.value } : w)) })}
            w={150}
          />
          <TextInput
            aria-label="To"
            type="time"
            value={window.to}
            onChange={(e) => set({ windows: windows.map((w, k) => (k === i ? { ...w, to: e.currentTarget.value } : w)) })}
            w={150}
          />
          <ActionIcon variant="subtle" color="red" aria-label="Remove window" onClick={() => set({ windows: windows.filter((_, k) => k !== i) })}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="xs"
        leftSection={<IconPlus size={14} />}
        onClick={() => set({ windows: [...windows, { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }] })}
        w="fit-content"
      >
        Add posting hours
      </Button>
      <Text size="sm" fw={500}>
        Blackout periods
      </Text>
      {blackouts.map((blackout, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <TextInput
            aria-label="Blackout from"
            type="datetime-local"
            value={blackout.from}
            onChange={(e) => set({ blackouts: blackouts.map((b, k) => (k === i ? { ...b, from: e.currentTarget.value } : b)) })}
          />
          <TextInput
            aria-label="Blackout to"
            type="datetime-local"
            value={blackout.to}
            onChange={(e) => set({ blackouts: blackouts.map((b, k) => (k === i ? { ...b, to: e.currentTarget.value } : b)) })}
          />
          <TextInput
            aria-label="Reason"
            placeholder="Reason"
            value={blackout.label ?? ''}
            onChange={(e) => set({ blackouts: blackouts.map((b, k) => (k === i ? { ...b, label: e.currentTarget.value || undefined } : b)) })}
            style={{ flex: 1 }}
          />
          <ActionIcon variant="subtle" color="red" aria-label="Remove blackout" onClick={() => set({ blackouts: blackouts.filter((_, k) => k !== i) })}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="xs"
        leftSection={<IconPlus size={14} />}
        onClick={() => set({ blackouts: [...blackouts, { from: '', to: '' }] })}
        w="fit-content"
      >
        Add blackout
      </Button>
    </Stack>
  );
}

export { RULE_KINDS };
