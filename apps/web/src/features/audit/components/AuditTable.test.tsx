import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { AuditTable, type AuditRow } from './AuditTable';

const rows: AuditRow[] = [
  {
    id: 'e2',
    seq: 2,
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    action: 'member.role_changed',
    actor: { id: 'u1', name: 'Ana' },
    targetType: 'user',
    targetId: 'u2',
    data: { from: 'EDITOR', to: 'APPROVER' },
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
  },
  {
    id: 'e1',
    seq: 1,
    occurredAt: new Date().toISOString(),
    action: 'auth.sign_in_failed',
    actor: null,
    data: { ip: '10.0.0.1', reason: 'wrong_password' },
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
  },
  {
    id: 'e0',
    seq: 0,
    occurredAt: new Date().toISOString(),
    action: 'some.future_action',
    actor: null,
    data: {},
    prevHash: '0'.repeat(64),
    hash: 'c'.repeat(64),
  },
];

describe('AuditTable', () => {
  it('labels each event for people, keeps the stable action name, and opens an event', async () => {
    const onSelect = vi.fn();
    await renderWithApp(<AuditTable rows={rows} onSelect={onSelect} />);
    const table = screen.getByRole('table', { name: 'Audit events' });
    const changed = within(table).getByRole('row', { name: 'Event 2: Role changed' });
    expect(changed).toHaveTextContent('Editor → Approver');
    expect(changed).toHaveTextContent('member.role_changed');
    expect(within(table).getByRole('row', { name: 'Event 1: Sign-in failed' })).toHaveTextContent('System');
    expect(within(table).getByRole('row', { name: 'Event 0: some.future_action' })).toBeInTheDocument();
    await userEvent.click(changed);
    expect(onSelect).toHaveBeenCalledWith(rows[0]);
  });

  it('in French, with the role names in French', async () => {
    await renderWithApp(<AuditTable rows={rows} onSelect={() => undefined} />, { locale: 'fr' });
    expect(screen.getByRole('row', { name: 'Événement 2 : Rôle changé' })).toHaveTextContent('Rédacteur → Approbateur');
    expect(screen.getByText('il y a une heure')).toBeInTheDocument();
  });
});
