import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { ChainCard, type Chain } from './ChainCard';

const chain: Chain = {
  scope: 'CLIENT',
  scopeId: 'c1',
  scopeName: 'Bakery',
  reminderHours: 4,
  updatedAt: null,
  steps: [
    { name: 'Agency', mode: 'ANY', minApprovals: 2, approvers: { roles: ['APPROVER', 'ADMIN'], memberIds: [], clientApprovers: false } },
    { name: 'Client', mode: 'ALL', minApprovals: 1, approvers: { roles: [], memberIds: ['u1'], clientApprovers: true } },
  ],
};

describe('ChainCard', () => {
  it('says where the chain applies, each step’s approvers in order, and offers editing and removal to a manager', async () => {
    const onRemove = vi.fn();
    await renderWithApp(<ChainCard chain={chain} manages onEdit={() => undefined} onRemove={onRemove} />);
    expect(screen.getByRole('region', { name: 'Client: Bakery' })).toBeInTheDocument();
    expect(screen.getByText('2 of Approver, Admin')).toBeInTheDocument();
    expect(screen.getByText('everyone among 1 named person, the client’s approvers')).toBeInTheDocument();
    expect(screen.getByText('Reminder after 4 hours')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Remove the chain of Client: Bakery' }));
    expect(onRemove).toHaveBeenCalled();
  });

  it('shows the built-in default to a reader, in French, without editing', async () => {
    await renderWithApp(<ChainCard chain={{ ...chain, scope: null, scopeId: null, scopeName: null }} manages={false} onEdit={() => undefined} />, {
      locale: 'fr',
    });
    expect(screen.getByText('Toute l’organisation (circuit par défaut)')).toBeInTheDocument();
    expect(screen.getByText('Relance après 4 heures')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Modifier' })).toBeNull();
  });
});
