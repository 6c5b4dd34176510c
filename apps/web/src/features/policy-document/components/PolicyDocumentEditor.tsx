import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Group, NumberInput, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { notifyFailure } from '../../../ui/errors';
import { PolicyDocumentQuery, PolicyDocumentStatusQuery, PublishPolicyDocumentMutation, UpdatePolicyDocumentDraftMutation } from '../graphql';

/** Write the social media policy (Markdown), save drafts, publish a version everyone must accept. */
export function PolicyDocumentEditor() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data } = useQuery(PolicyDocumentQuery);
  const [save, saving] = useMutation(UpdatePolicyDocumentDraftMutation, { refetchQueries: [PolicyDocumentQuery] });
  const [publish, publishing] = useMutation(PublishPolicyDocumentMutation, { refetchQueries: [PolicyDocumentQuery, PolicyDocumentStatusQuery] });
  const source = data?.policyDocument.draft ?? data?.policyDocument.current;
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [summary, setSummary] = useState('');
  const [reminder, setReminder] = useState<number | string>(72);
  useEffect(() => {
    if (source) {
      setTitle(source.title);
      setBody(source.body);
    } else if (data) {
      setTitle(t('policyDocument.editor.defaultTitle'));
    }
  }, [source?.id, data]);
  const draft = data?.policyDocument.draft;
  const ready = !!title.trim() && !!body.trim();

  const saveDraft = () => save({ variables: { input: { title, body } } });
  return (
    <Stack>
      {draft && (
        <Alert color="blue" title={t('policyDocument.editor.draftOf', { version: draft.version })}>
          {t('policyDocument.editor.savedAt', { when: format.dateTime(draft.updatedAt) })}
        </Alert>
      )}
      <TextInput label={t('policyDocument.editor.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      <Textarea
        label={t('policyDocument.editor.body')}
        autosize
        minRows={12}
        maxRows={30}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Group>
        <Button
          variant="default"
          loading={saving.loading}
          disabled={!ready}
          onClick={() =>
            void saveDraft()
              .then(() => notifications.show({ color: 'teal', message: t('policyDocument.editor.draftSaved') }))
              .catch(notifyFailure)
          }
        >
          {t('policyDocument.editor.saveDraft')}
        </Button>
      </Group>
      <Card withBorder radius="sm" padding="md">
        <Stack gap="xs">
          <Text fw={600}>{t('policyDocument.editor.publishTitle')}</Text>
          <Text size="sm" c="dimmed">
            {t('policyDocument.editor.publishHelp')}
          </Text>
          <TextInput
            label={t('policyDocument.editor.whatChanged')}
            placeholder={t('policyDocument.editor.whatChangedPlaceholder')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
          />
          <NumberInput label={t('policyDocument.editor.remindAfter')} min={1} max={2160} value={reminder} onChange={setReminder} w={360} />
          <Group>
            <Button
              loading={publishing.loading}
              disabled={!ready}
              onClick={() =>
                void saveDraft()
                  .then(() =>
                    publish({
                      variables: { input: { changeSummary: summary || undefined, reminderAfterHours: typeof reminder === 'number' ? reminder : undefined } },
                    }),
                  )
                  .then((r) =>
                    notifications.show({
                      color: 'teal',
                      title: t('policyDocument.editor.published', { version: r.data?.publishPolicyDocument.version }),
                      message: t('policyDocument.editor.publishedText'),
                    }),
                  )
                  .catch(notifyFailure)
              }
            >
              {t('policyDocument.editor.publish')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
