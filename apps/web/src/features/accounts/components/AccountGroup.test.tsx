import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { AccountGroup, type AccountRow } from './AccountGroup';

const accounts: AccountRow[] = [
  {
    id: 'a1',
    network: 'X',
    displayHandle: '@acme',
    profileUrl: 'https://x.com/acme',
    displayName: 'Acme',
    kind: 'BRAND',
    active: true,
    needsOwner: true,
    needsOwnerReason: 'OWNER_REMOVED',
    client: { id: 'c1', name: 'Acme Corp' },
    owner: { id: 'u9', name: 'Zoé', active: false },
  },
  {
    id: 'a2',
    network: 'LINKEDIN',
    displayHandle: 'in/bo',
    profileUrl: 'https://linkedin.com/in/bo',
    displayName: 'Bo',
    kind: 'STAFF',
    active: true,
    needsOwner: false,
    owner: { id: 'u2', name: 'Bo Editor', active: true },
  },
];

describe('AccountGroup', () => {
  it('flags an account whose owner left, and offers history, policy and deactivation as permitted', async () => {
    const onHistory = vi.fn();
    await renderWithApp(
      <AccountGroup
        title="Acme Corp"
        accounts={accounts}
        may={{ assignOwner: false, readPolicy: true, deactivate: (a) => a.kind === 'STAFF' }}
        onHistory={onHistory}
        onPolicy={() => undefined}
      />,
    );
    const [, first, second] = within(screen.getByRole('region', { name: 'Acme Corp' })).getAllByRole('row');
    expect(first).toHaveTextContent('Needs owner: Zoé left');
    expect(first).toHaveTextContent('Brand');
    expect(within(first).queryByRole('button', { name: /Actions for/ })).toBeNull();
    expect(second).toHaveTextContent('Bo Editor');
    expect(within(second).getByRole('button', { name: 'Actions for Bo' })).toBeInTheDocument();
    await userEvent.click(within(first).getByRole('button', { name: 'Ownership history of Acme' }));
    expect(onHistory).toHaveBeenCalledWith(accounts[0]);
  });

  it('reads in French', async () => {
    await renderWithApp(
      <AccountGroup
        title="Acme Corp"
        accounts={accounts}
        may={{ assignOwner: false, readPolicy: false, deactivate: () => false }}
        onHistory={() => undefined}
        onPolicy={() => undefined}
      />,
      { locale: 'fr' },
    );
    expect(screen.getByText('Sans responsable : Zoé est parti')).toBeInTheDocument();
    expect(screen.getByText('Collaborateur')).toBeInTheDocument();
  });
});
