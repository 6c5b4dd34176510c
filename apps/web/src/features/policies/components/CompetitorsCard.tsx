import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Group, Skeleton, Stack, TagsInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyFailure } from '../../../ui/errors';
import { CompetitorsQuery, SetCompetitorsMutation } from '../graphql';

/**
 * The organization's competitors, named once: `{competitor}` in a policy's words stands for each
 * of them when a post is checked, so a put-down of a rival is caught without copying names into rules.
 */
export function CompetitorsCard({ manages }: { manages: boolean }) {
  const { t } = useTranslation();
  const { data, loading } = useQuery(CompetitorsQuery);
  const [save, saving] = useMutation(SetCompetitorsMutation, { refetchQueries: [CompetitorsQuery] });
  const [names, setNames] = useState<string[]>([]);
  const saved = data?.competitors ?? [];
  useEffect(() => setNames(data?.competitors ?? []), [data]);
  const dirty = names.join('\n') !== saved.join('\n');

  const submit = async () => {
    try {
      await save({ variables: { names } });
      notifications.show({ color: 'teal', message: t('policies.competitors.saved') });
    } catch (caught) {
      notifyFailure(caught, t('policies.competitors.notSaved'));
    }
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('policies.competitors.title')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('policies.competitors.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('policies.competitors.explain')}
        </Text>
        {loading && !data ? (
          <Skeleton h={36} aria-busy="true" aria-label={t('app.loading')} />
        ) : manages ? (
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <TagsInput
              label={t('policies.competitors.names')}
              placeholder={t('policies.competitors.placeholder')}
              value={names}
              onChange={setNames}
              clearable
              style={{ flex: 1 }}
            />
            <Button onClick={() => void submit()} loading={saving.loading} disabled={!dirty}>
              {t('policies.competitors.save')}
            </Button>
          </Group>
        ) : saved.length ? (
          <Group gap="xs">
            {saved.map((name) => (
              <Badge key={name} variant="light" color="gray">
                {name}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('policies.competitors.none')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
