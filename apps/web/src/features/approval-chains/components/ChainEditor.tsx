import { useMutation, useQuery } from '@apollo/client/react';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalChainScope as ChainScope, ApprovalMode, ApprovalStepInput, Role } from '../../../gql/graphql';
import { describeError } from '../../../ui/errors';
import { useRoles } from '../../../ui/roles';
import { SearchMultiPicker, SearchPicker } from '../../../ui/SearchPicker';
import { useAccountSearch } from '../../accounts/hooks';
import { useClientSearch } from '../../clients/hooks';
import { useStaffSearch } from '../../members/hooks';
import { ClientApproverEmailsQuery, SetApprovalChainMutation, SetClientApproverEmailsMutation } from '../graphql';

/** The staff roles a step may name (members never approve; client users are “the client’s approvers”). */
const APPROVING_ROLES: Role[] = ['OWNER', 'ADMIN', 'COMPLIANCE', 'APPROVER', 'EDITOR'];

export interface EditableChain {
  scope: ChainScope | null;
  scopeId: string | null;
  scopeName: string | null;
  reminderHours: number;
  steps: ApprovalStepInput[];
}

const newStep = (): ApprovalStepInput => ({
  name: '',
  approvers: { roles: ['APPROVER'], memberIds: [], clientApprovers: false },
  mode: 'ANY',
  minApprovals: 1,
});

/**
 * Edits one chain: its ordered steps (who approves — roles, people, the client's approvers — and
 * how many must), when approvers are reminded, and for a client, the approvers without an account.
 * A new chain (`scope` null on a non-default) first asks which client or account it is for.
 */
export function ChainEditor({ chain, onClose }: { chain: EditableChain; onClose: () => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const creating = chain.scope === null;
  const [scope, setScope] = useState<ChainScope>(chain.scope ?? 'CLIENT');
  const [scopeId, setScopeId] = useState<string | null>(chain.scopeId);
  const [steps, setSteps] = useState<ApprovalStepInput[]>(chain.steps.length ? chain.steps : [newStep()]);
  const [reminderHours, setReminderHours] = useState(chain.reminderHours);
  const [error, setError] = useState<string | null>(null);
  const emails = useQuery(ClientApproverEmailsQuery, { variables: { clientId: scopeId ?? '' }, skip: scope !== 'CLIENT' || !scopeId });
  const [approverEmails, setApproverEmails] = useState<string[] | null>(null);
  const [save, saving] = useMutation(SetApprovalChainMutation, { refetchQueries: ['ApprovalChains'] });
  const [saveEmails] = useMutation(SetClientApproverEmailsMutation, { refetchQueries: ['ClientApproverEmails'] });
  const shownEmails = approverEmails ?? emails.data?.clientApproverEmails ?? [];

  const change = (index: number, patch: Partial<ApprovalStepInput>) => setSteps(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const title = scope === 'ORGANIZATION' ? t('approvalChains.scope.ORGANIZATION') : (chain.scopeName ?? '');

  const submit = async () => {
    setError(null);
    try {
      if (scope === 'CLIENT' && scopeId && approverEmails !== null) await saveEmails({ variables: { input: { clientId: scopeId, emails: approverEmails } } });
      await save({
        variables: {
          input: {
            scope,
            scopeId: scope === 'ORGANIZATION' ? null : scopeId,
            reminderHours,
            steps: steps.map((s, i) => ({ ...s, name: s.name.trim() || t('approvalChains.editor.step', { number: i + 1 }) })),
          },
        },
      });
      notifications.show({ color: 'teal', message: t('approvalChains.editor.saved') });
      onClose();
    } catch (e) {
      setError(describeError(e).message);
    }
  };

  return (
    <Modal opened onClose={onClose} size="xl" title={t('approvalChains.editor.title', { scope: title })}>
      <Stack gap="md">
        {creating && (
          <Group grow align="flex-end">
            <SegmentedControl
              aria-label={t('approvalChains.editor.scope')}
              value={scope}
              onChange={(value) => (setScope(value as ChainScope), setScopeId(null))}
              data={[
                { value: 'CLIENT', label: t('approvalChains.editor.client') },
                { value: 'ACCOUNT', label: t('approvalChains.editor.account') },
              ]}
            />
            {scope === 'CLIENT' ? (
              <SearchPicker
                label={t('approvalChains.editor.client')}
                placeholder={t('approvalChains.editor.pickClient')}
                useOptions={useClientSearch}
                value={scopeId}
                onChange={setScopeId}
              />
            ) : (
              <SearchPicker
                label={t('approvalChains.editor.account')}
                placeholder={t('approvalChains.editor.pickAccount')}
                useOptions={useAccountSearch}
                value={scopeId}
                onChange={setScopeId}
              />
            )}
          </Group>
        )}
        {steps.map((step, index) => (
          <Card key={index} withBorder radius="md" padding="md" component="fieldset" aria-label={t('approvalChains.editor.step', { number: index + 1 })}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Text fw={600} size="sm">
                  {t('approvalChains.editor.step', { number: index + 1 })}
                </Text>
                <Group gap={4}>
                  {index > 0 && (
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('approvalChains.editor.moveUp', { number: index + 1 })}
                      onClick={() => setSteps([...steps.slice(0, index - 1), step, steps[index - 1], ...steps.slice(index + 1)])}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                  )}
                  {steps.length > 1 && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('approvalChains.editor.removeStep', { number: index + 1 })}
                      onClick={() => setSteps(steps.filter((_, i) => i !== index))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  )}
                </Group>
              </Group>
              <TextInput
                label={t('approvalChains.editor.name')}
                value={step.name}
                onChange={(e) => change(index, { name: e.currentTarget.value })}
                maxLength={80}
              />
              <Group grow align="flex-start">
                <MultiSelect
                  label={t('approvalChains.editor.roles')}
                  data={APPROVING_ROLES.map((role) => ({ value: role, label: roles.label(role) }))}
                  value={step.approvers.roles}
                  onChange={(value) => change(index, { approvers: { ...step.approvers, roles: value as Role[] } })}
                />
                <SearchMultiPicker
                  label={t('approvalChains.editor.people')}
                  useOptions={useStaffSearch}
                  value={(step.approvers.memberIds ?? []).map(String)}
                  onChange={(value) => change(index, { approvers: { ...step.approvers, memberIds: value } })}
                />
              </Group>
              <Switch
                label={t('approvalChains.editor.clientApprovers')}
                checked={step.approvers.clientApprovers}
                onChange={(e) => change(index, { approvers: { ...step.approvers, clientApprovers: e.currentTarget.checked } })}
              />
              <Group align="flex-end">
                <SegmentedControl
                  aria-label={t('approvalChains.editor.mode')}
                  value={step.mode}
                  onChange={(value) => change(index, { mode: value as ApprovalMode })}
                  data={[
                    { value: 'ANY', label: t('approvalChains.editor.any') },
                    { value: 'ALL', label: t('approvalChains.editor.all') },
                  ]}
                />
                {step.mode === 'ANY' && (
                  <NumberInput
                    label={t('approvalChains.editor.minApprovals')}
                    min={1}
                    max={20}
                    w={180}
                    value={step.minApprovals}
                    onChange={(value) => change(index, { minApprovals: Number(value) || 1 })}
                  />
                )}
              </Group>
            </Stack>
          </Card>
        ))}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => setSteps([...steps, newStep()])}
          style={{ alignSelf: 'flex-start' }}
          disabled={steps.length >= 10}
        >
          {t('approvalChains.editor.addStep')}
        </Button>
        <NumberInput
          label={t('approvalChains.editor.reminderHours')}
          min={1}
          max={720}
          w={260}
          value={reminderHours}
          onChange={(value) => setReminderHours(Number(value) || 24)}
        />
        {scope === 'CLIENT' && scopeId && (
          <TagsInput
            label={t('approvalChains.editor.emails')}
            description={t('approvalChains.editor.emailsHelp')}
            value={shownEmails}
            onChange={setApproverEmails}
            maxTags={20}
            splitChars={[',', ' ', ';']}
          />
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('approvalChains.editor.cancel')}
          </Button>
          <Button loading={saving.loading} disabled={scope !== 'ORGANIZATION' && !scopeId} onClick={() => void submit()}>
            {t('approvalChains.editor.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
