import { useLazyQuery } from '@apollo/client/react';
import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { describeError } from '../../../ui/errors';
import { VerifyAuditChainQuery } from '../graphql';

/** Re-checks every link of the chain on the server and says, in plain words, whether it holds. */
export function VerifyChainPanel() {
  const [verify, { data, loading, error, called }] = useLazyQuery(VerifyAuditChainQuery, { fetchPolicy: 'network-only' });
  const result = data?.verifyAuditChain;

  return (
    <Stack gap="sm">
      <Group>
        <Button leftSection={<IconShieldCheck size={16} />} onClick={() => void verify()} loading={loading} variant="light">
          Verify chain
        </Button>
        {!called && (
          <Text size="sm" c="dimmed">
            Recomputes every event’s hash and link to prove nothing was altered or removed.
          </Text>
        )}
      </Group>
      {error && (
        <Alert color="red" title="Verification could not run">
          {describeError(error).message}
        </Alert>
      )}
      {result && !loading && (
        <Alert
          role="status"
          color={result.ok ? 'green' : 'red'}
          icon={result.ok ? <IconShieldCheck size={20} /> : <IconAlertTriangle size={20} />}
          title={result.ok ? 'Chain intact' : `Chain broken at event #${result.firstBrokenSeq}`}
        >
          <Stack gap={4}>
            <Text size="sm">
              {result.ok
                ? `All ${result.checkedCount.toLocaleString()} events verified: each matches its hash and links to the one before.`
                : `${result.checkedCount.toLocaleString()} events verified before the break. Event #${result.firstBrokenSeq} was altered, removed or inserted outside Clearpost.`}
            </Text>
            <Text size="sm">
              Head: event #{result.headSeq} · hash <Code style={{ wordBreak: 'break-all' }}>{result.headHash}</Code>
            </Text>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
