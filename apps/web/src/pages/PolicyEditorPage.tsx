import { useMutation, useQuery } from '@apollo/client/react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { RULE_KINDS, type PolicyContext, type RuleInput, type RuleKind } from '@clearpost/policy-engine';
import { IconPencil, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { AccountOptionsQuery } from '../features/accounts/graphql';
import { ClientsQuery } from '../features/clients/graphql';
import { MembersQuery } from '../features/members/graphql';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { RuleForm, newRule } from '../features/policies/components/RuleForm';
import { TryItBox } from '../features/policies/components/TryItBox';
import { AttachPolicyMutation, DetachPolicyMutation, PolicyQuery, PublishPolicyVersionMutation, UpdatePolicyDraftMutation } from '../features/policies/graphql';
import { ACTION_LABELS, KIND_LABELS, SCOPE_LABELS } from '../features/policies/labels';
import { describeError, notifyFailure } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

type AnyRule = RuleInput & Record<string, unknown>;

function summary(rule: AnyRule): string {
  const count = (name: string) => ((rule[name] as unknown[] | undefined) ?? []).length;
  switch (rule.kind) {
    case 'lexicon':
      return `${count('terms')} terms${count('exceptions') ? `, ${count('exceptions')} exceptions` : ''}`;
    case 'regex':
      return String(rule.pattern);
    case 'disclaimer':
      return (rule.phrases as string[]).map((p) => `“${p}”`).join(' or ');
    case 'link_domains':
      return `${count('allow')} allowed, ${count('deny')} denied`;
    case 'schedule':
      return `${count('windows')} posting windows, ${count('blackouts')} blackouts`;
    default:
      return KIND_LABELS[rule.kind].help;
  }
}

export function PolicyEditorPage() {
  const { id = '' } = useParams();
  const { can } = useCurrentMembership();
  const manages = can('policy.manage');
  const { data, loading, error } = useQuery(PolicyQuery, { variables: { id } });
  const clients = useQuery(ClientsQuery, { variables: { first: 200 } });
  const accounts = useQuery(AccountOptionsQuery, { variables: { first: 200 } });
  const members = useQuery(MembersQuery, { skip: !can('member.read') });
  const [save, saving] = useMutation(UpdatePolicyDraftMutation);
  const [publish, publishing] = useMutation(PublishPolicyVersionMutation, { refetchQueries: [PolicyQuery] });
  const [attach] = useMutation(AttachPolicyMutation, { refetchQueries: [PolicyQuery] });
  const [detach] = useMutation(DetachPolicyMutation, { refetchQueries: [PolicyQuery] });
  const policy = data?.policy;
  const [rules, setRules] = useState<AnyRule[]>([]);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<{ index: number | null; rule: AnyRule } | null>(null);
  const [scope, setScope] = useState<'ORGANIZATION' | 'CLIENT' | 'ACCOUNT'>('CLIENT');
  const [target, setTarget] = useState<string | null>(null);

  useEffect(() => {
    if (policy && !dirty) setRules((((policy.draft ?? policy.published)?.rules as AnyRule[]) ?? []).map((r) => ({ ...r })));
    // Reload the rules when the policy loads or is saved, not while they are being edited.
  }, [policy]);

  const clientOptions = useMemo(() => (clients.data?.clients.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name })), [clients.data]);
  const context: PolicyContext = useMemo(
    () => ({
      colleagues: (members.data?.members ?? []).map((m) => m.name),
      clients: (clients.data?.clients.edges ?? []).map((e) => ({ id: e.node.id, name: e.node.name, terms: e.node.confidentialTerms ?? [] })),
    }),
    [members.data, clients.data],
  );

  if (error)
    return (
      <Alert color="red" title="This policy could not be loaded">
        {describeError(error).message}
      </Alert>
    );
  if (loading || !policy) return <Skeleton h={300} aria-busy="true" />;

  const change = (next: AnyRule[]) => {
    setRules(next);
    setDirty(true);
  };
  const saveDraft = async () => {
    await save({ variables: { input: { policyId: policy.id, rules } } });
    setDirty(false);
  };
  const handlePublish = async () => {
    try {
      if (dirty || !policy.draft) await saveDraft();
      const { data: published } = await publish({ variables: { input: { policyId: policy.id } } });
      notifications.show({
        color: 'teal',
        title: `Version ${published?.publishPolicyVersion.version} published`,
        message: 'It now applies wherever this policy is attached.',
      });
    } catch (caught) {
      notifyFailure(caught, 'Not published');
    }
  };
  const targets =
    scope === 'CLIENT'
      ? clientOptions
      : (accounts.data?.socialAccounts.edges ?? []).map((e) => ({ value: e.node.id, label: `${e.node.displayName} (${e.node.displayHandle})` }));

  return (
    <>
      <PageHeader
        title={policy.name}
        description={
          <>
            {policy.published ? `Version ${policy.published.version} applies` : 'Not published yet: it applies nowhere'}
            {policy.draft ? ` · draft version ${policy.draft.version}` : ''}. <Link to="/policies">All policies</Link>
          </>
        }
        actions={
          manages && (
            <>
              <Button variant="default" disabled={!dirty} loading={saving.loading} onClick={() => void saveDraft().catch((e) => notifyFailure(e, 'Not saved'))}>
                {dirty ? 'Save draft' : 'Draft saved'}
              </Button>
              <Button loading={publishing.loading} disabled={!dirty && !policy.draft} onClick={() => void handlePublish()}>
                Publish
              </Button>
            </>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="lg">
          <Card withBorder radius="md" padding="lg" component="section" aria-label="Rules">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Rules ({rules.length})
              </Title>
              {manages && (
                <Menu position="bottom-end" width={260}>
                  <Menu.Target>
                    <Button variant="light" size="xs" leftSection={<IconPlus size={14} />}>
                      Add rule
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {RULE_KINDS.map((kind: RuleKind) => (
                      <Menu.Item
                        key={kind}
                        onClick={() =>
                          setEditing({
                            index: null,
                            rule: newRule(
                              kind,
                              rules.map((r) => r.id),
                            ),
                          })
                        }
                      >
                        {KIND_LABELS[kind].label}
                      </Menu.Item>
                    ))}
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
            <Stack gap="xs">
              {rules.length === 0 && (
                <Text size="sm" c="dimmed">
                  No rules yet. Add one, or start from a template on the Policies page.
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
                            {(rule.label as string) || KIND_LABELS[rule.kind].label}
                          </Text>
                          <Badge size="xs" color={ACTION_LABELS[action].color} variant="light">
                            {ACTION_LABELS[action].label}
                            {rule.action === 'REQUIRE_APPROVAL' ? ` (${String(rule.approverRole)})` : ''}
                          </Badge>
                        </Group>
                        <Text size="xs" c="dimmed" truncate="end">
                          {KIND_LABELS[rule.kind].label} · {summary(rule)}
                        </Text>
                      </div>
                      {manages && (
                        <Group gap={2} wrap="nowrap">
                          <ActionIcon variant="subtle" aria-label={`Edit ${rule.id}`} onClick={() => setEditing({ index, rule })}>
                            <IconPencil size={16} />
                          </ActionIcon>
                          <ActionIcon variant="subtle" color="red" aria-label={`Delete ${rule.id}`} onClick={() => change(rules.filter((_, k) => k !== index))}>
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
          <Card withBorder radius="md" padding="lg" component="section" aria-label="Applies to">
            <Title order={2} size="h4" mb="sm">
              Applies to
            </Title>
            <Stack gap="xs">
              {policy.attachments.length === 0 && (
                <Text size="sm" c="dimmed">
                  Nowhere yet.
                </Text>
              )}
              {policy.attachments.map((a) => (
                <Group key={a.id} justify="space-between">
                  <Text size="sm">
                    {SCOPE_LABELS[a.scope]}: <b>{a.targetName}</b>
                  </Text>
                  {manages && (
                    <Tooltip label="Detach">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Detach from ${a.targetName}`}
                        onClick={() => detach({ variables: { input: { policyId: policy.id, scope: a.scope, targetId: a.targetId } } }).catch(notifyFailure)}
                      >
                        <IconX size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              ))}
              {manages && (
                <Group gap="xs" mt="xs" wrap="wrap">
                  <SegmentedControl
                    size="xs"
                    data={[
                      { value: 'ORGANIZATION', label: 'Organization' },
                      { value: 'CLIENT', label: 'Client' },
                      { value: 'ACCOUNT', label: 'Account' },
                    ]}
                    value={scope}
                    onChange={(v) => (setScope(v as typeof scope), setTarget(null))}
                  />
                  {scope !== 'ORGANIZATION' && (
                    <Select
                      size="xs"
                      aria-label="Attach to"
                      placeholder={scope === 'CLIENT' ? 'Choose a client' : 'Choose an account'}
                      data={targets}
                      value={target}
                      onChange={setTarget}
                      searchable
                      w={220}
                    />
                  )}
                  <Button
                    size="xs"
                    disabled={!policy.published || (scope !== 'ORGANIZATION' && !target)}
                    onClick={() =>
                      attach({ variables: { input: { policyId: policy.id, scope, targetId: scope === 'ORGANIZATION' ? undefined : target } } })
                        .then(() => setTarget(null))
                        .catch(notifyFailure)
                    }
                  >
                    Attach
                  </Button>
                  {!policy.published && (
                    <Text size="xs" c="dimmed">
                      Publish first.
                    </Text>
                  )}
                </Group>
              )}
            </Stack>
          </Card>
        </Stack>
        <TryItBox rules={rules} context={context} clients={clientOptions} />
      </SimpleGrid>
      <RuleForm
        rule={editing?.rule ?? null}
        otherIds={rules.filter((_, k) => k !== editing?.index).map((r) => r.id)}
        onClose={() => setEditing(null)}
        onSave={(rule) => {
          change(editing?.index === null || editing?.index === undefined ? [...rules, rule] : rules.map((r, k) => (k === editing.index ? rule : r)));
          setEditing(null);
        }}
      />
    </>
  );
}
