import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { MembersTable, type MemberRow } from './MembersTable';

const members: MemberRow[] = [
  { id: 'u1', name: 'Ana Owner', email: 'ana@example.com', role: 'OWNER', joinedAt: '2026-01-15T10:00:00Z', ownedAccountCount: 1, clients: [] },
  {
    id: 'u2',
    name: 'Bo Editor',
    email: 'bo@example.com',
    role: 'EDITOR',
    joinedAt: '2026-02-01T10:00:00Z',
    ownedAccountCount: 3,
    clients: [{ id: 'c1', name: 'Acme' }],
  },
];

const props = { loading: false, meId: 'u1', manages: true, onEdit: () => undefined, onRemove: () => undefined };

describe('MembersTable', () => {
  it('lists people with their role, clients and accounts, marks the reader, and offers actions only on roles the reader may grant', async () => {
    const onEdit = vi.fn();
    await renderWithApp(<MembersTable {...props} members={members} actorRole="ADMIN" onEdit={onEdit} />);
    const table = screen.getByRole('table', { name: 'Members' });
    const [, ownerRow, editorRow] = within(table).getAllByRole('row');
    expect(ownerRow).toHaveTextContent('Ana Owner (you)');
    expect(ownerRow).toHaveTextContent('1 account');
    expect(within(ownerRow).queryByRole('button', { name: /Change/ })).toBeNull(); // an admin cannot manage an owner
    expect(editorRow).toHaveTextContent('Acme');
    expect(editorRow).toHaveTextContent('3 accounts');
    await userEvent.click(within(editorRow).getByRole('button', { name: 'Change Bo Editor’s access' }));
    expect(onEdit).toHaveBeenCalledWith(members[1]);
  });

  it('says so when there is nobody, and reads in French', async () => {
    await renderWithApp(<MembersTable {...props} members={[]} actorRole="OWNER" />, { locale: 'fr' });
    expect(screen.getByText('Aucun membre')).toBeInTheDocument();
  });

  it('shows skeletons while loading', async () => {
    await renderWithApp(<MembersTable {...props} members={[]} loading actorRole="OWNER" />);
    expect(screen.getByLabelText('Loading members')).toHaveAttribute('aria-busy', 'true');
  });
});
