import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, EmptyState, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { IconFileText, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { CompetitorsCard } from '../features/policies/components/CompetitorsCard';
import { PolicyCard, TemplatesCard } from '../features/policies/components/PolicyCards';
import { CreatePolicyMutation, PoliciesQuery, PolicyTemplatesQuery } from '../features/policies/graphql';
import { describeError, notifyFailure } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

export function PoliciesPage() {
  const { t } = useTranslation();
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
        title={t('policies.list.title')}
        description={t('policies.list.description')}
        actions={
          manages && (
            <Button leftSection={<IconPlus size={16} />} loading={creating.loading} onClick={() => void start(t('policies.list.newName'))}>
              {t('policies.list.newEmpty')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        {manages && <TemplatesCard templates={templates.data?.policyTemplates ?? []} onUse={(name, id) => void start(name, id)} />}
        {error && (
          <Alert color="red" title={t('policies.list.loadFailed')}>
            {describeError(error).message}
          </Alert>
        )}
        {loading && !data ? (
          <Skeleton h={120} aria-busy="true" aria-label={t('app.loading')} />
        ) : policies.length === 0 ? (
          <Card withBorder radius="md" padding="xl">
            <EmptyState
              icon={<IconFileText size={28} />}
              title={t('policies.list.empty')}
              description={manages ? t('policies.list.emptyManager') : t('policies.list.emptyReader')}
            />
          </Card>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {policies.map((policy) => (
              <PolicyCard key={policy.id} policy={policy} />
            ))}
          </SimpleGrid>
        )}
        <CompetitorsCard manages={manages} />
      </Stack>
    </>
  );
}
