import { useLazyQuery } from '@apollo/client/react';
import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { describeError } from '../../../ui/errors';
import { VerifyAuditChainQuery } from '../graphql';

/** Re-checks every link of the chain on the server and says, in plain words, whether it holds. */
export function VerifyChainPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const [verify, { data, loading, error, called }] = useLazyQuery(VerifyAuditChainQuery, { fetchPolicy: 'network-only' });
  const result = data?.verifyAuditChain;

  return (
    <Stack gap="sm">
      <Group>
        <Button leftSection={<IconShieldCheck size={16} />} onClick={() => void verify()} loading={loading} variant="light">
          {t('audit.verify.run')}
        </Button>
        {!called && (
          <Text size="sm" c="dimmed">
            {t('audit.verify.explain')}
          </Text>
        )}
      </Group>
      {error && (
        <Alert color="red" title={t('audit.verify.failed')}>
          {describeError(error).message}
        </Alert>
      )}
      {result && !loading && (
        <Alert
          role="status"
          color={result.ok ? 'green' : 'red'}
          icon={result.ok ? <IconShieldCheck size={20} /> : <IconAlertTriangle size={20} />}
          title={result.ok ? t('audit.verify.intact') : t('audit.verify.broken', { seq: result.firstBrokenSeq })}
        >
          <Stack gap={4}>
            <Text size="sm">
              {result.ok
                ? t('audit.verify.intactText', { total: format.number(result.checkedCount) })
                : t('audit.verify.brokenText', { total: format.number(result.checkedCount), seq: result.firstBrokenSeq })}
            </Text>
            <Text size="sm">
              {t('audit.verify.head', { seq: result.headSeq })} <Code style={{ wordBreak: 'break-all' }}>{result.headHash}</Code>
            </Text>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
