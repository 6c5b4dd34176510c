import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, EmptyState, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconFileText, IconPlus, IconTemplate } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { CreatePolicyMutation, PoliciesQuery, PolicyTemplatesQuery } from '../features/policies/graphql';
import { SCOPE_LABELS } from '../features/policies/labels';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { describeError, notifyFailure } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

export function PoliciesPage() {
  const { can } = useCurrentMembership();
  const navigate = useNavigate();
  const { data, loading, error } = useQuery(PoliciesQuery);
  const templates = useQuery(PolicyTemplatesQuery);
  const [create, creating] = useMutation(CreatePolicyMutation, { refetchQueries: [PoliciesQuery] });
  const policies = data?.policies ?? [];
  const manages = can('policy.manage');

  const start = async (name: string, templateId?: string) => {
    const taken = new Set(policies.map((p) => p.name.toLowerCase()));
    let unique = name;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${name} (${n})`;
    try {
      const { data: created } = await create({ variables: { input: { name: unique, templateId } } });
      if (created) void navigate(`/policies/${created.createPolicy.id}`);
    } catch (caught) {
      notifyFailure(caught);
    }
  };

  return (
    <>
      <PageHeader
        title="Policies"
        description="Your social media policy as rules every post is checked against. Attach a policy to the whole organization, a client or one account; where several apply, the strictest action wins."
        actions={
          manages && (
            <Button leftSection={<IconPlus size={16} />} loading={creating.loading} onClick={() => void start('New policy')}>
              New empty policy
            </Button>
          )
        }
      />
      <Stack gap="lg">
        {manages && (
          <Card withBorder radius="md" padding="lg" component="section" aria-label="Templates">
            <Title order={2} size="h4" mb="xs">
              Start from a template
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {(templates.data?.policyTemplates ?? []).map((template) => (
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
                      onClick={() => void start(template.name, template.id)}
                      aria-label={`Use ${template.name}`}
                      style={{ flexShrink: 0 }}
                    >
                      Use
                    </Button>
                  </Group>
                </Card>
              ))}
            </SimpleGrid>
          </Card>
        )}
        {error && (
          <Alert color="red" title="Policies could not be loaded">
            {describeError(error).message}
          </Alert>
        )}
        {loading && !data ? (
          <Skeleton h={120} />
        ) : policies.length === 0 ? (
          <Card withBorder radius="md" padding="xl">
            <EmptyState
              icon={<IconFileText size={28} />}
              title="No policies yet"
              description={manages ? 'Start from a template above: it is one click.' : 'Owners, admins and compliance write the policies.'}
            />
          </Card>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {policies.map((policy) => (
              <Card
                key={policy.id}
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
                        v{policy.published.version} published
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light">
                        Not published
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {(policy.published ?? policy.draft)?.ruleCount ?? 0} rules
                    {policy.draft ? ` · draft v${policy.draft.version} saved ${dayjs(policy.draft.updatedAt).format('D MMM, HH:mm')}` : ''}
                  </Text>
                  <Group gap={6}>
                    {policy.attachments.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        Not attached to anything yet
                      </Text>
                    ) : (
                      policy.attachments.map((a) => (
                        <Badge key={a.id} variant="outline" color="gray" tt="none">
                          {SCOPE_LABELS[a.scope]}: {a.targetName}
                        </Badge>
                      ))
                    )}
                  </Group>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </>
  );
}
