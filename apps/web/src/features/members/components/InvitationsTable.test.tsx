import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { ResendInvitationMutation } from '../graphql';
import { InvitationsTable, type InvitationRow } from './InvitationsTable';

const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
const past = new Date(Date.now() - 2 * 86_400_000).toISOString();
const invitations: InvitationRow[] = [
  { id: 'i1', email: 'new@example.com', role: 'EDITOR', status: 'PENDING', invitedByName: 'Ana', createdAt: past, expiresAt: soon, sentCount: 2, clients: [] },
  { id: 'i2', email: 'old@example.com', role: 'OWNER', status: 'EXPIRED', invitedByName: 'Ana', createdAt: past, expiresAt: past, sentCount: 1, clients: [] },
];

describe('InvitationsTable', () => {
  it('shows when each link expires, and resend / revoke only where the reader may grant the role', async () => {
    const mocks = [
      {
        request: { query: ResendInvitationMutation, variables: { id: 'i1' } },
        result: {
          data: {
            resendInvitation: {
              __typename: 'Invitation',
              ...invitations[0],
              lastSentAt: soon,
              sentCount: 3,
              clients: [],
            },
          },
        },
      },
    ];
    await renderWithApp(<InvitationsTable invitations={invitations} actorRole="ADMIN" />, { mocks });
    const rows = within(screen.getByRole('table', { name: 'Pending invitations' })).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/Expires in 3 days · sent 2 times/);
    expect(rows[2]).toHaveTextContent(/Expired 2 days ago/);
    expect(within(rows[2]).queryByRole('button', { name: /Resend/ })).toBeNull(); // an admin cannot reissue an owner's link
    await userEvent.click(within(rows[1]).getByRole('button', { name: 'Resend invitation to new@example.com' }));
    expect(await screen.findByText('Invitation sent again')).toBeInTheDocument();
  });

  it('reads dates in French', async () => {
    await renderWithApp(<InvitationsTable invitations={invitations} actorRole="OWNER" />, { locale: 'fr' });
    expect(screen.getByText(/Expire dans 3 jours · envoyée 2 fois/)).toBeInTheDocument();
    expect(screen.getByText(/Expirée il y a 2 jours/)).toBeInTheDocument();
  });
});
