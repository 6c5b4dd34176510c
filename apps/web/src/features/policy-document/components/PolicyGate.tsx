import { useQuery } from '@apollo/client/react';
import { lazy, Suspense, type ReactNode } from 'react';
import { Skeleton } from '@mantine/core';
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
  const { current } = useCurrentMembership();
  const { pathname } = useLocation();
  const { data } = useQuery(PolicyDocumentStatusQuery, { skip: !current });
  // The policy page itself shows the same acceptance first, with its other tabs.
  if (!data?.policyDocumentStatus.mustAcknowledge || pathname === '/policy') return <>{children}</>;
  return (
    <>
      <PageHeader title="Social media policy" description="Your organization published a new version of its social media policy." />
      <Suspense fallback={<Skeleton h={200} />}>
        <PolicyAcceptance gate />
      </Suspense>
    </>
  );
}
