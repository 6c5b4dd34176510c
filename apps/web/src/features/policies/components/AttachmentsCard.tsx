import { useMutation } from '@apollo/client/react';
import { ActionIcon, Button, Card, Group, SegmentedControl, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyFailure } from '../../../ui/errors';
import { SearchPicker } from '../../../ui/SearchPicker';
import { useAccountSearch } from '../../accounts/hooks';
import { useClientSearch } from '../../clients/hooks';
import { AttachPolicyMutation, DetachPolicyMutation, PolicyQuery } from '../graphql';
import { usePolicyLabels } from '../labels';

type Scope = 'ORGANIZATION' | 'CLIENT' | 'ACCOUNT';

/** Where a policy applies: its attachments, and attaching it somewhere else. */
export function AttachmentsCard({
  policy,
  manages,
}: {
  policy: { id: string; published?: unknown; attachments: Array<{ id: string; scope: string; targetId?: string | null; targetName: string }> };
  manages: boolean;
}) {
  const { t } = useTranslation();
  const labels = usePolicyLabels();
  const [attach] = useMutation(AttachPolicyMutation, { refetchQueries: [PolicyQuery] });
  const [detach] = useMutation(DetachPolicyMutation, { refetchQueries: [PolicyQuery] });
  const [scope, setScope] = useState<Scope>('CLIENT');
  const [target, setTarget] = useState<string | null>(null);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('policies.editor.appliesTo')}>
      <Title order={2} size="h4" mb="sm">
        {t('policies.editor.appliesTo')}
      </Title>
      <Stack gap="xs">
        {policy.attachments.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('policies.editor.nowhere')}
          </Text>
        )}
        {policy.attachments.map((a) => (
          <Group key={a.id} justify="space-between">
            <Text size="sm">
              {labels.scope(a.scope)}: <b>{a.targetName}</b>
            </Text>
            {manages && (
              <Tooltip label={t('policies.editor.detach')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('policies.editor.detachFrom', { name: a.targetName })}
                  onClick={() => detach({ variables: { input: { policyId: policy.id, scope: a.scope as Scope, targetId: a.targetId } } }).catch(notifyFailure)}
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
                { value: 'ORGANIZATION', label: t('policies.editor.organization') },
                { value: 'CLIENT', label: t('policies.editor.client') },
                { value: 'ACCOUNT', label: t('policies.editor.account') },
              ]}
              value={scope}
              onChange={(v) => (setScope(v as Scope), setTarget(null))}
            />
            {scope !== 'ORGANIZATION' && (
              <SearchPicker
                key={scope}
                size="xs"
                aria-label={t('policies.editor.attachTo')}
                placeholder={scope === 'CLIENT' ? t('policies.editor.chooseClient') : t('policies.editor.chooseAccount')}
                useOptions={scope === 'CLIENT' ? useClientSearch : useAccountSearch}
                value={target}
                onChange={setTarget}
                w={260}
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
              {t('policies.editor.attach')}
            </Button>
            {!policy.published && (
              <Text size="xs" c="dimmed">
                {t('policies.editor.publishFirst')}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
