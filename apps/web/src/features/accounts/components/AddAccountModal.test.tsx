import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { AddAccountModal } from './AddAccountModal';

describe('AddAccountModal', () => {
  it('normalizes the handle as it is typed and refuses one the network would not accept, in the reader’s language', async () => {
    await renderWithApp(<AddAccountModal opened onClose={() => undefined} managesBrands={false} assignsOwner={false} />);
    const handle = screen.getByRole('textbox', { name: /Handle or profile link/ });
    await userEvent.type(handle, 'https://twitter.com/AcmeFR');
    expect(await screen.findByText('Saved as @acmefr')).toBeInTheDocument();
    await userEvent.clear(handle);
    await userEvent.type(handle, 'not a handle!');
    await userEvent.type(screen.getByRole('textbox', { name: /Display name/ }), 'Acme');
    await userEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect(await screen.findByText('This is not a valid X handle. Write it like @acme.')).toBeInTheDocument();
  });

  it('in French', async () => {
    await renderWithApp(<AddAccountModal opened onClose={() => undefined} managesBrands={false} assignsOwner={false} />, { locale: 'fr' });
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter le compte' }));
    expect(await screen.findByText('Donnez au compte un nom que l’on reconnaît.')).toBeInTheDocument();
  });
});
