import { useTranslation } from 'react-i18next';
import { WordDiff } from '../../../ui/WordDiff';

/** What changed between two versions of the policy text, word by word. */
export function ChangesSince({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  return <WordDiff before={before} after={after} label={t('policyDocument.acceptance.changesLabel')} />;
}
