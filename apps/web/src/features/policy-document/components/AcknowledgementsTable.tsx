import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { describeError } from '../../../ui/errors';
import { useRoles } from '../../../ui/roles';
import { PolicyAcknowledgementsQuery, PolicyDocumentQuery } from '../graphql';

/** Who accepted the current version, and who has not yet. */
export function AcknowledgementsTable() {
  const { t } = useTranslation();
  const format = useFormat();
  const roles = useRoles();
  const document = useQuery(PolicyDocumentQuery);
  const current = document.data?.policyDocument.current;
  const { data, error } = useQuery(PolicyAcknowledgementsQuery, { variables: { versionId: current?.id ?? '' }, skip: !current });
  if (!current)
    return (
      <Text size="sm" c="dimmed">
        {t('policyDocument.acks.nothing')}
      </Text>
    );
  if (error) return <Alert color="red">{describeError(error).message}</Alert>;
  const rows = data?.policyAcknowledgements ?? [];
  const accepted = rows.filter((r) => r.acknowledgedAt).length;
  return (
    <Stack>
      <Group>
        <Text size="sm">{t('policyDocument.acks.progress', { version: current.version, accepted, total: rows.length })}</Text>
        <Progress value={rows.length ? (accepted / rows.length) * 100 : 0} w={240} color="teal" aria-label={t('policyDocument.acks.share')} />
      </Group>
      <Table aria-label={t('policyDocument.acks.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('policyDocument.acks.member')}</Table.Th>
            <Table.Th>{t('policyDocument.acks.role')}</Table.Th>
            <Table.Th>{t('policyDocument.acks.acceptedAt')}</Table.Th>
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
              <Table.Td>{roles.label(r.role)}</Table.Td>
              <Table.Td>
                {r.acknowledgedAt ? (
                  format.dateTime(r.acknowledgedAt)
                ) : (
                  <Badge color="orange" variant="light">
                    {t('policyDocument.acks.notYet')}
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
