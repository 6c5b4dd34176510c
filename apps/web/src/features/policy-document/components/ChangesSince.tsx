import { Text } from '@mantine/core';
import { diffWords } from 'diff';
import { useTranslation } from 'react-i18next';

/** What changed between two versions of the policy text, word by word. */
export function ChangesSince({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  const parts = diffWords(before, after);
  return (
    <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }} aria-label={t('policyDocument.acceptance.changesLabel')}>
      {parts.map((part, index) =>
        part.added ? (
          <ins key={index} style={{ background: 'var(--mantine-color-teal-1)', textDecoration: 'none' }}>
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={index} style={{ background: 'var(--mantine-color-red-1)' }}>
            {part.value}
          </del>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </Text>
  );
}
