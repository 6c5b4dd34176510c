import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Group, NumberInput, Progress, Stack, Table, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ROLE_LABELS, type Role } from '@clearpost/authz';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { PolicyAcceptance } from '../features/policy-document/components/PolicyAcceptance';
import {
  PolicyAcknowledgementsQuery,
  PolicyDocumentQuery,
  PolicyDocumentStatusQuery,
  PublishPolicyDocumentMutation,
  UpdatePolicyDocumentDraftMutation,
} from '../features/policy-document/graphql';
import { describeError, notifyFailure } from '../ui/errors';
import { PageHeader } from '../ui/PageHeader';

function Editor() {
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
      setTitle('Social media policy');
    }
  }, [source?.id, data]);
  const draft = data?.policyDocument.draft;

  const saveDraft = () => save({ variables: { input: { title, body } } });
  return (
    <Stack>
      {draft && (
        <Alert color="blue" title={`Draft of version ${draft.version}`}>
          Saved {dayjs(draft.updatedAt).format('D MMM YYYY, HH:mm')}. Members see it only once you publish it.
        </Alert>
      )}
      <TextInput label="Title" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      <Textarea
        label="Text (Markdown)"
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
          disabled={!title.trim() || !body.trim()}
          onClick={() =>
            void saveDraft()
              .then(() => notifications.show({ color: 'teal', message: 'Draft saved' }))
              .catch(notifyFailure)
          }
        >
          Save draft
        </Button>
      </Group>
      <Card withBorder radius="sm" padding="md">
        <Stack gap="xs">
          <Text fw={600}>Publish a new version</Text>
          <Text size="sm" c="dimmed">
            Every member will have to accept it before submitting posts.
          </Text>
          <TextInput
            label="What changed"
            placeholder="e.g. New rule on photos of colleagues"
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
          />
          <NumberInput label="Remind those who have not accepted after (hours)" min={1} max={2160} value={reminder} onChange={setReminder} w={320} />
          <Group>
            <Button
              loading={publishing.loading}
              disabled={!title.trim() || !body.trim()}
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
                      title: `Version ${r.data?.publishPolicyDocument.version} published`,
                      message: 'Members are asked to accept it.',
                    }),
                  )
                  .catch(notifyFailure)
              }
            >
              Publish
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}

function Acknowledgements() {
  const document = useQuery(PolicyDocumentQuery);
  const current = document.data?.policyDocument.current;
  const { data, error } = useQuery(PolicyAcknowledgementsQuery, { variables: { versionId: current?.id ?? '' }, skip: !current });
  if (!current)
    return (
      <Text size="sm" c="dimmed">
        Nothing published yet.
      </Text>
    );
  if (error) return <Alert color="red">{describeError(error).message}</Alert>;
  const rows = data?.policyAcknowledgements ?? [];
  const accepted = rows.filter((r) => r.acknowledgedAt).length;
  return (
    <Stack>
      <Group>
        <Text size="sm">
          Version {current.version}: <b>{accepted}</b> of {rows.length} accepted
        </Text>
        <Progress value={rows.length ? (accepted / rows.length) * 100 : 0} w={240} color="teal" aria-label="Share of members who accepted" />
      </Group>
      <Table aria-label="Who accepted">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Member</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Accepted</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.memberId}>
              <Table.Td>
                <Text size="sm">{r.name}</Text>
                <Text size="xs" c="dimmed">
                  {r.email}
                </Text>
              </Table.Td>
              <Table.Td>{ROLE_LABELS[r.role as Role]}</Table.Td>
              <Table.Td>
                {r.acknowledgedAt ? (
                  dayjs(r.acknowledgedAt).format('D MMM YYYY, HH:mm')
                ) : (
                  <Badge color="orange" variant="light">
                    Not yet
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function PolicyDocumentPage() {
  const { can } = useCurrentMembership();
  return (
    <>
      <PageHeader
        title="Social media policy"
        description="The rules of the road everyone here accepts: what may be posted, by whom and how. Each new version must be accepted again."
      />
      <Tabs defaultValue="read" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="read">Policy</Tabs.Tab>
          {can('policy_document.manage') && <Tabs.Tab value="edit">Edit and publish</Tabs.Tab>}
          {can('policy_document.acknowledgements') && <Tabs.Tab value="acks">Who accepted</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="read">
          <PolicyAcceptance />
        </Tabs.Panel>
        <Tabs.Panel value="edit">
          <Editor />
        </Tabs.Panel>
        <Tabs.Panel value="acks">
          <Acknowledgements />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
