import { useQuery } from '@apollo/client/react';
import { lazy, Suspense, type ReactNode } from 'react';
import { Skeleton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { PageHeader } from '../../../ui/PageHeader';
import { useCurrentMembership } from '../../organizations/hooks/useCurrentMembership';
import { PolicyDocumentStatusQuery } from '../graphql';

// Markdown and diffs load only for someone who has something to accept.
const PolicyAcceptance = lazy(() => import('./PolicyAcceptance').then((m) => ({ default: m.PolicyAcceptance })));

/**
 * A member who has not accepted the current social media policy sees it before anything else.
 * (The API refuses their posts too; this only makes the reason the first thing they see.)
 */
export function PolicyGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { current } = useCurrentMembership();
  const { pathname } = useLocation();
  const { data } = useQuery(PolicyDocumentStatusQuery, { skip: !current });
  // The policy page itself shows the same acceptance first, with its other tabs.
  if (!data?.policyDocumentStatus.mustAcknowledge || pathname === '/policy') return <>{children}</>;
  return (
    <>
      <PageHeader title={t('policyDocument.page.title')} description={t('policyDocument.gate.description')} />
      <Suspense fallback={<Skeleton h={200} aria-busy="true" aria-label={t('app.loading')} />}>
        <PolicyAcceptance gate />
      </Suspense>
    </>
  );
}
