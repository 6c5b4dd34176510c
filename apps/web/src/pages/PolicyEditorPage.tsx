import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { AttachmentsCard } from '../features/policies/components/AttachmentsCard';
import { BacktestCard } from '../features/policies/components/BacktestCard';
import { RuleForm } from '../features/policies/components/RuleForm';
import { RuleList, type AnyRule } from '../features/policies/components/RuleList';
import { TryItBox } from '../features/policies/components/TryItBox';
import { PolicyQuery, PublishPolicyVersionMutation, UpdatePolicyDraftMutation } from '../features/policies/graphql';
import { usePreviewContext } from '../features/policies/hooks';
import { describeError, notifyFailure } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

export function PolicyEditorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useCurrentMembership();
  const manages = can('policy.manage');
  const { data, loading, error } = useQuery(PolicyQuery, { variables: { id } });
  const preview = usePreviewContext(can('member.read'));
  const [save, saving] = useMutation(UpdatePolicyDraftMutation);
  const [publish, publishing] = useMutation(PublishPolicyVersionMutation, { refetchQueries: [PolicyQuery] });
  const policy = data?.policy;
  const [rules, setRules] = useState<AnyRule[]>([]);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<{ index: number | null; rule: AnyRule } | null>(null);

  useEffect(() => {
    if (policy && !dirty) setRules((((policy.draft ?? policy.published)?.rules as AnyRule[]) ?? []).map((r) => ({ ...r })));
    // Reload the rules when the policy loads or is saved, not while they are being edited.
  }, [policy]);

  if (error)
    return (
      <Alert color="red" title={t('policies.editor.loadFailed')}>
        {describeError(error).message}
      </Alert>
    );
  if (loading || !policy) return <Skeleton h={300} aria-busy="true" aria-label={t('app.loading')} />;

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
        title: t('policies.editor.published', { version: published?.publishPolicyVersion.version }),
        message: t('policies.editor.publishedText'),
      });
    } catch (caught) {
      notifyFailure(caught, t('policies.editor.notPublishedError'));
    }
  };

  return (
    <>
      <PageHeader
        title={policy.name}
        description={
          <>
            {policy.published ? t('policies.editor.applies', { version: policy.published.version }) : t('policies.editor.notPublished')}
            {policy.draft ? t('policies.editor.draft', { version: policy.draft.version }) : ''}. <Link to="/policies">{t('policies.editor.all')}</Link>
          </>
        }
        actions={
          manages && (
            <>
              <Button
                variant="default"
                disabled={!dirty}
                loading={saving.loading}
                onClick={() => void saveDraft().catch((e) => notifyFailure(e, t('policies.editor.notSaved')))}
              >
                {dirty ? t('policies.editor.saveDraft') : t('policies.editor.draftSaved')}
              </Button>
              <Button loading={publishing.loading} disabled={!dirty && !policy.draft} onClick={() => void handlePublish()}>
                {t('policies.editor.publish')}
              </Button>
            </>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="lg">
          <RuleList rules={rules} manages={manages} onEdit={setEditing} onDelete={(index) => change(rules.filter((_, k) => k !== index))} />
          <AttachmentsCard policy={policy} manages={manages} />
        </Stack>
        <Stack gap="lg">
          <TryItBox rules={rules} context={preview.context} partialClients={preview.partial} />
          {manages && <BacktestCard policyId={policy.id} rules={rules} publishedVersion={policy.published?.version ?? null} />}
        </Stack>
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
