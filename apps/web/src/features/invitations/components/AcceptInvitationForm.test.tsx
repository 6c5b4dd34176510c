import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { AcceptInvitationForm } from './AcceptInvitationForm';

const invitation = { email: 'lea@example.com', organizationName: 'Acme', accountExists: false };

describe('AcceptInvitationForm', () => {
  it('asks a newcomer for a name and a long enough password', async () => {
    await renderWithApp(<AcceptInvitationForm token="t" invitation={invitation} signedInAs={null} />);
    expect(screen.getByDisplayValue('lea@example.com')).toBeDisabled();
    await userEvent.type(screen.getByLabelText(/Choose a password/), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Accept and create my account' }));
    expect(await screen.findByText('Enter your name.')).toBeInTheDocument();
    expect(screen.getByText('Use at least 10 characters.')).toBeInTheDocument();
  });

  it('sends someone with an account to sign in first, and lets a signed-in person join', async () => {
    const { unmount } = await renderWithApp(<AcceptInvitationForm token="t" invitation={{ ...invitation, accountExists: true }} signedInAs={null} />);
    expect(screen.getByRole('link', { name: 'Sign in to accept' })).toHaveAttribute('href', '/sign-in');
    unmount();
    await renderWithApp(<AcceptInvitationForm token="t" invitation={invitation} signedInAs="lea@example.com" />, { locale: 'fr' });
    expect(screen.getByText('Vous êtes connecté en tant que lea@example.com. Accepter ajoute Acme à vos organisations.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rejoindre Acme' })).toBeInTheDocument();
  });
});
