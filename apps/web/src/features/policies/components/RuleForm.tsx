import { ActionIcon, Alert, Button, Checkbox, Group, Modal, MultiSelect, NumberInput, Select, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { ACCOUNT_KINDS, NETWORKS, PII_KINDS, RULE_KINDS, validatePolicy, type RuleInput, type RuleKind } from '@clearpost/policy-engine';
import { NETWORK_LABELS } from '@clearpost/networks';
import { ROLES } from '@clearpost/authz';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoles } from '../../../ui/roles';
import { usePolicyLabels } from '../labels';

type AnyRule = RuleInput & Record<string, unknown>;
/** A pattern needs no translation. */
const PATTERN_EXAMPLE = 'REF-[0-9]{4}';
const DAYS = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'] as const;

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
  const { t } = useTranslation();
  const labels = usePolicyLabels();
  const roles = useRoles();
  const [draft, setDraft] = useState<AnyRule | null>(rule);
  useEffect(() => setDraft(rule), [rule]);
  if (!draft) return <Modal opened={false} onClose={onClose} />;

  const set = (patch: Record<string, unknown>) => setDraft({ ...draft, ...patch } as AnyRule);
  const validation = validatePolicy({ rules: [draft] });
  const duplicate = otherIds.includes(draft.id) ? t('policies.rule.duplicateId') : null;
  const problems = [
    ...(validation.ok ? [] : validation.issues.map((i) => `${i.path.slice(2).join(' › ') || t('policies.rule.wholeRule')}: ${i.message}`)),
    ...(duplicate ? [duplicate] : []),
  ];
  const list = (name: string) => (draft[name] as string[] | undefined) ?? [];

  return (
    <Modal opened onClose={onClose} title={t('policies.rule.title', { kind: labels.kind(draft.kind) })} size="lg" centered>
      <Stack>
        <Text size="sm" c="dimmed">
          {labels.kindHelp(draft.kind)}
        </Text>
        <Group grow align="flex-start">
          <TextInput
            label={t('policies.rule.id')}
            description={t('policies.rule.idHelp')}
            value={draft.id}
            onChange={(e) => set({ id: e.currentTarget.value })}
          />
          <TextInput
            label={t('policies.rule.label')}
            description={t('policies.rule.labelHelp')}
            value={(draft.label as string) ?? ''}
            onChange={(e) => set({ label: e.currentTarget.value || undefined })}
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label={t('policies.rule.action')}
            allowDeselect={false}
            data={[
              { value: 'BLOCK', label: t('policies.rule.block') },
              { value: 'REQUIRE_APPROVAL', label: t('policies.rule.requireApproval') },
              { value: 'WARN', label: t('policies.rule.warn') },
            ]}
            value={draft.action}
            onChange={(value) => set({ action: value, approverRole: value === 'REQUIRE_APPROVAL' ? (draft.approverRole ?? 'COMPLIANCE') : undefined })}
          />
          {draft.action === 'REQUIRE_APPROVAL' && (
            <Select
              label={t('policies.rule.approvalBy')}
              allowDeselect={false}
              data={ROLES.filter((r) => !r.startsWith('CLIENT_') && r !== 'MEMBER').map((r) => ({ value: r, label: roles.label(r) }))}
              value={(draft.approverRole as string) ?? 'COMPLIANCE'}
              onChange={(value) => set({ approverRole: value })}
            />
          )}
        </Group>
        <Switch
          label={t('policies.rule.monitor')}
          checked={draft.mode === 'MONITOR'}
          onChange={(e) => set({ mode: e.currentTarget.checked ? 'MONITOR' : 'ENFORCE' })}
        />

        {draft.kind === 'lexicon' && (
          <>
            <TagsInput
              label={t('policies.rule.terms')}
              description={t('policies.rule.termsHelp')}
              value={list('terms')}
              onChange={(terms) => set({ terms })}
              splitChars={[',', ';']}
              clearable
            />
            <TagsInput
              label={t('policies.rule.exceptions')}
              description={t('policies.rule.exceptionsHelp')}
              value={list('exceptions')}
              onChange={(exceptions) => set({ exceptions })}
              clearable
            />
            <MultiSelect
              label={t('policies.rule.languages')}
              description={t('policies.rule.languagesHelp')}
              placeholder={t('policies.rule.anyLanguage')}
              data={[
                { value: 'en', label: t('policies.rule.language.en') },
                { value: 'fr', label: t('policies.rule.language.fr') },
              ]}
              value={list('languages')}
              onChange={(languages) => set({ languages: languages.length ? languages : undefined })}
              clearable
            />
          </>
        )}
        {draft.kind === 'regex' && (
          <>
            <TextInput
              label={t('policies.rule.pattern')}
              placeholder={PATTERN_EXAMPLE}
              value={(draft.pattern as string) ?? ''}
              onChange={(e) => set({ pattern: e.currentTarget.value })}
              ff="monospace"
            />
            <Checkbox
              label={t('policies.rule.caseSensitive')}
              checked={Boolean(draft.caseSensitive)}
              onChange={(e) => set({ caseSensitive: e.currentTarget.checked })}
            />
          </>
        )}
        {draft.kind === 'personal_data' && (
          <>
            <MultiSelect
              label={t('policies.rule.detect')}
              data={PII_KINDS.map((k) => ({ value: k, label: t(`policies.rule.pii.${k}`) }))}
              value={(draft.detect as string[]) ?? [...PII_KINDS]}
              onChange={(detect) => set({ detect })}
            />
            <TextInput
              label={t('policies.rule.country')}
              value={(draft.defaultCountry as string) ?? 'FR'}
              onChange={(e) => set({ defaultCountry: e.currentTarget.value.toUpperCase() })}
              maxLength={2}
              w={120}
            />
            <TagsInput
              label={t('policies.rule.alsoCountries')}
              description={t('policies.rule.alsoCountriesHelp')}
              value={list('alsoCountries')}
              onChange={(alsoCountries) => set({ alsoCountries: alsoCountries.map((c) => c.trim().toUpperCase()) })}
            />
            <Checkbox
              label={t('policies.rule.allowRoleAddresses')}
              checked={draft.allowRoleAddresses !== false}
              onChange={(e) => set({ allowRoleAddresses: e.currentTarget.checked })}
            />
            <TagsInput
              label={t('policies.rule.allowedEmails')}
              description={t('policies.rule.allowedEmailsHelp')}
              value={list('allowEmails')}
              onChange={(allowEmails) => set({ allowEmails })}
            />
          </>
        )}
        {draft.kind === 'disclaimer' && (
          <>
            <TagsInput label={t('policies.rule.phrases')} value={list('phrases')} onChange={(phrases) => set({ phrases })} />
            <TagsInput
              label={t('policies.rule.whenMentioning')}
              description={t('policies.rule.whenMentioningHelp')}
              value={list('whenMentioning')}
              onChange={(whenMentioning) => set({ whenMentioning })}
            />
            <TagsInput
              label={t('policies.rule.andMentioning')}
              description={t('policies.rule.andMentioningHelp')}
              value={list('andMentioning')}
              onChange={(andMentioning) => set({ andMentioning })}
            />
          </>
        )}
        {draft.kind === 'link_domains' && (
          <>
            <TagsInput
              label={t('policies.rule.allowedDomains')}
              description={t('policies.rule.allowedDomainsHelp')}
              value={list('allow')}
              onChange={(allow) => set({ allow })}
            />
            <TagsInput label={t('policies.rule.deniedDomains')} value={list('deny')} onChange={(deny) => set({ deny })} />
          </>
        )}
        {draft.kind === 'length' && (
          <NumberInput
            label={t('policies.rule.maxLength')}
            min={1}
            value={(draft.max as number) ?? ''}
            onChange={(value) => set({ max: typeof value === 'number' ? value : undefined })}
          />
        )}
        {draft.kind === 'counts' && (
          <Group grow>
            <NumberInput
              label={t('policies.rule.maxHashtags')}
              min={0}
              value={(draft.maxHashtags as number) ?? ''}
              onChange={(v) => set({ maxHashtags: typeof v === 'number' ? v : undefined })}
            />
            <NumberInput
              label={t('policies.rule.maxMentions')}
              min={0}
              value={(draft.maxMentions as number) ?? ''}
              onChange={(v) => set({ maxMentions: typeof v === 'number' ? v : undefined })}
            />
          </Group>
        )}
        {draft.kind === 'schedule' && <ScheduleFields rule={draft} set={set} />}

        <Group grow align="flex-start">
          <MultiSelect
            label={t('policies.rule.networks')}
            placeholder={t('policies.rule.allNetworks')}
            data={NETWORKS.map((n) => ({ value: n, label: NETWORK_LABELS[n] }))}
            value={(draft.appliesTo as { networks?: string[] } | undefined)?.networks ?? []}
            onChange={(networks) => set({ appliesTo: { ...(draft.appliesTo as object), networks: networks.length ? networks : undefined } })}
          />
          <MultiSelect
            label={t('policies.rule.accounts')}
            placeholder={t('policies.rule.brandAndStaff')}
            data={ACCOUNT_KINDS.map((k) => ({ value: k, label: k === 'BRAND' ? t('policies.rule.brandAccounts') : t('policies.rule.staffHandles') }))}
            value={(draft.appliesTo as { accountKinds?: string[] } | undefined)?.accountKinds ?? []}
            onChange={(accountKinds) => set({ appliesTo: { ...(draft.appliesTo as object), accountKinds: accountKinds.length ? accountKinds : undefined } })}
          />
        </Group>
        {problems.length > 0 && (
          <Alert color="red" title={t('policies.rule.invalid')} role="alert">
            {problems.slice(0, 5).map((p) => (
              <Text size="sm" key={p}>
                {p}
              </Text>
            ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={problems.length > 0} onClick={() => onSave(draft)}>
            {t('policies.rule.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ScheduleFields({ rule, set }: { rule: AnyRule; set: (patch: Record<string, unknown>) => void }) {
  const { t } = useTranslation();
  const windows = (rule.windows as Array<{ days: number[]; from: string; to: string }>) ?? [];
  const blackouts = (rule.blackouts as Array<{ from: string; to: string; label?: string }>) ?? [];
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('policies.rule.postingHours')}
      </Text>
      {windows.map((window, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <MultiSelect
            aria-label={t('policies.rule.days')}
            data={DAYS.map((d, k) => ({ value: String(k + 1), label: t(`policies.rule.dayNames.${d}`) }))}
            value={window.days.map(String)}
            onChange={(days) => set({ windows: windows.map((w, k) => (k === i ? { ...w, days: days.map(Number).sort() } : w)) })}
            style={{ flex: 1 }}
          />
          <TextInput
            aria-label={t('policies.rule.from')}
            type="time"
            value={window.from}
            onChange={(e) => set({ windows: windows.map((w, k) => (k === i ? { ...w, from: e.currentTarget.value } : w)) })}
            w={150}
          />
          <TextInput
            aria-label={t('policies.rule.to')}
            type="time"
            value={window.to}
            onChange={(e) => set({ windows: windows.map((w, k) => (k === i ? { ...w, to: e.currentTarget.value } : w)) })}
            w={150}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('policies.rule.removeWindow')}
            onClick={() => set({ windows: windows.filter((_, k) => k !== i) })}
          >
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
        {t('policies.rule.addWindow')}
      </Button>
      <Text size="sm" fw={500}>
        {t('policies.rule.blackouts')}
      </Text>
      {blackouts.map((blackout, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <TextInput
            aria-label={t('policies.rule.blackoutFrom')}
            type="datetime-local"
            value={blackout.from}
            onChange={(e) => set({ blackouts: blackouts.map((b, k) => (k === i ? { ...b, from: e.currentTarget.value } : b)) })}
          />
          <TextInput
            aria-label={t('policies.rule.blackoutTo')}
            type="datetime-local"
            value={blackout.to}
            onChange={(e) => set({ blackouts: blackouts.map((b, k) => (k === i ? { ...b, to: e.currentTarget.value } : b)) })}
          />
          <TextInput
            aria-label={t('policies.rule.reason')}
            placeholder={t('policies.rule.reason')}
            value={blackout.label ?? ''}
            onChange={(e) => set({ blackouts: blackouts.map((b, k) => (k === i ? { ...b, label: e.currentTarget.value || undefined } : b)) })}
            style={{ flex: 1 }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('policies.rule.removeBlackout')}
            onClick={() => set({ blackouts: blackouts.filter((_, k) => k !== i) })}
          >
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
        {t('policies.rule.addBlackout')}
      </Button>
    </Stack>
  );
}

export { RULE_KINDS };
