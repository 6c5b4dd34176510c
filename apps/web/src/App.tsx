import { Center, Loader, Stack, Text } from '@mantine/core';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage';
import { AccountsPage } from './pages/AccountsPage';
import { AuditPage } from './pages/AuditPage';
import { ClientsPage } from './pages/ClientsPage';
import { MembersPage } from './pages/MembersPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PolicyGate } from './features/policy-document/components/PolicyGate';
import { OverviewPage } from './pages/OverviewPage';
import { PoliciesPage } from './pages/PoliciesPage';
import { PolicyDocumentPage } from './pages/PolicyDocumentPage';
import { PolicyEditorPage } from './pages/PolicyEditorPage';
import { SentMailPage } from './pages/SentMailPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';
import { useSession } from './session/hooks';
import { AppLayout } from './ui/AppLayout';

export function App() {
  const session = useSession();
  const location = useLocation();

  if (session.status === 'loading') {
    return (
      <Center mih="100vh">
        <Stack align="center" gap="xs" aria-busy="true">
          <Loader />
          <Text c="dimmed" size="sm">
            Opening Clearpost…
          </Text>
        </Stack>
      </Center>
    );
  }

  // An invitation link works signed in (join another organization) or not (create the account).
  if (location.pathname === '/invitations/accept') return <AcceptInvitationPage />;

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
      <Routes>
        <Route path="/" element={<OverviewPage />} />
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
      </PolicyGate>
    </AppLayout>
  );
}
