import { Center, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AcceptInvitationPage } from '../pages/AcceptInvitationPage';
import { AccountsPage } from '../pages/AccountsPage';
import { ClientsPage } from '../pages/ClientsPage';
import { MembersPage } from '../pages/MembersPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { PolicyGate } from '../features/policy-document/components/PolicyGate';
import { OverviewPage } from '../pages/OverviewPage';
import { SentMailPage } from '../pages/SentMailPage';
import { SignInPage } from '../pages/SignInPage';
import { SignUpPage } from '../pages/SignUpPage';
import { useSession } from '../session/hooks';
import { useTranslation } from 'react-i18next';
import { AppLayout } from './AppLayout';

// Pages that carry heavy libraries (the policy engine, Markdown, diffs, date pickers) load on first visit.
const AuditPage = lazy(() => import('../pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const PoliciesPage = lazy(() => import('../pages/PoliciesPage').then((m) => ({ default: m.PoliciesPage })));
const PolicyEditorPage = lazy(() => import('../pages/PolicyEditorPage').then((m) => ({ default: m.PolicyEditorPage })));
const ApprovalChainsPage = lazy(() => import('../pages/ApprovalChainsPage').then((m) => ({ default: m.ApprovalChainsPage })));
const PostsPage = lazy(() => import('../pages/PostsPage').then((m) => ({ default: m.PostsPage })));
const CalendarPage = lazy(() => import('../pages/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const ConnectMastodonPage = lazy(() => import('../pages/ConnectMastodonPage').then((m) => ({ default: m.ConnectMastodonPage })));
const WebhooksPage = lazy(() => import('../pages/WebhooksPage').then((m) => ({ default: m.WebhooksPage })));
const SandboxPage = lazy(() => import('../pages/SandboxPage').then((m) => ({ default: m.SandboxPage })));
const PostPage = lazy(() => import('../pages/PostPage').then((m) => ({ default: m.PostPage })));
const ApprovalLinkPage = lazy(() => import('../pages/ApprovalLinkPage').then((m) => ({ default: m.ApprovalLinkPage })));
const PolicyDocumentPage = lazy(() => import('../pages/PolicyDocumentPage').then((m) => ({ default: m.PolicyDocumentPage })));

export function App() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.status === 'loading') {
    return (
      <Center mih="100vh">
        <Stack align="center" gap="xs" aria-busy="true">
          <Loader />
          <Text c="dimmed" size="sm">
            {t('app.opening')}
          </Text>
        </Stack>
      </Center>
    );
  }

  // An invitation link works signed in (join another organization) or not (create the account).
  if (location.pathname === '/invitations/accept') return <AcceptInvitationPage />;
  // A seatless approval link needs no account, signed in or not.
  if (location.pathname === '/approve') {
    return (
      <Suspense fallback={<Skeleton h={240} aria-busy="true" aria-label={t('app.loading')} />}>
        <ApprovalLinkPage />
      </Suspense>
    );
  }

  if (session.status === 'signed-out') {
    // Remember where the person was going, so signing in takes them back there.
    const from = location.pathname === '/sign-up' || location.pathname === '/sign-in' ? undefined : location.pathname + location.search + location.hash;
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage notice={session.reason} />} />
        <Route path="/sign-up" element={<SignUpPage />} />
        <Route path="*" element={<Navigate to="/sign-in" replace state={{ from }} />} />
      </Routes>
    );
  }

  const returnTo = (location.state as { from?: string } | null)?.from;
  return (
    <AppLayout>
      <PolicyGate>
        <Suspense fallback={<Skeleton h={240} aria-busy="true" aria-label={t('app.loading')} />}>
          <Routes>
            <Route path="/" element={<OverviewPage />} />
            <Route path="/posts" element={<PostsPage />} />
            {/* Keyed: going from the composer to the post mounts the page anew, so it loads the new revision. */}
            <Route path="/posts/new" element={<PostPage key="new" />} />
            <Route path="/posts/:id" element={<PostPage key="view" />} />
            <Route path="/posts/:id/edit" element={<PostPage key="edit" edit />} />
            <Route path="/calendar" element={<CalendarPage />} />
            <Route path="/sandbox" element={<SandboxPage />} />
            <Route path="/webhooks" element={<WebhooksPage />} />
            <Route path="/connect/mastodon" element={<ConnectMastodonPage />} />
            <Route path="/approval-chains" element={<ApprovalChainsPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/members" element={<MembersPage />} />
            <Route path="/clients" element={<ClientsPage />} />
            <Route path="/accounts" element={<AccountsPage />} />
            <Route path="/mail" element={<SentMailPage />} />
            <Route path="/policies" element={<PoliciesPage />} />
            <Route path="/policies/:id" element={<PolicyEditorPage />} />
            <Route path="/policy" element={<PolicyDocumentPage />} />
            <Route path="/sign-in" element={<Navigate to={returnTo ?? '/'} replace />} />
            <Route path="/sign-up" element={<Navigate to="/" replace />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </PolicyGate>
    </AppLayout>
  );
}
