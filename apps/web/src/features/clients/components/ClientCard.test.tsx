import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { ClientCard, type ClientCardData } from './ClientCard';

const acme: ClientCardData = {
  id: 'c1',
  name: 'Acme',
  accountCount: 1,
  confidentialTerms: ['Project Falcon'],
  team: [{ id: 'u1', name: 'Bo Editor', role: 'EDITOR' }],
};

describe('ClientCard', () => {
  it('shows the confidential terms to those who may read them, and edit/archive to managers', async () => {
    const onArchive = vi.fn();
    await renderWithApp(<ClientCard client={acme} manages onEdit={() => undefined} onArchive={onArchive} />);
    expect(screen.getByText('Project Falcon')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '1 account' })).toHaveAttribute('href', '/accounts?client=c1');
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Acme' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Archive' }));
    expect(onArchive).toHaveBeenCalled();
  });

  it('says who may read the terms when the reader may not, and offers no actions to a reader', async () => {
    await renderWithApp(
      <ClientCard client={{ ...acme, confidentialTerms: null, accountCount: 2 }} manages={false} onEdit={() => undefined} onArchive={() => undefined} />,
      {
        locale: 'fr',
      },
    );
    expect(screen.getByText(/Seuls les propriétaires, les administrateurs, la conformité/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '2 comptes' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Actions/ })).toBeNull();
  });
});
