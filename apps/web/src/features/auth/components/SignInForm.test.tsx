import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { LogInMutation } from '../graphql';
import { SignInForm } from './SignInForm';

describe('SignInForm', () => {
  it('says what is missing before asking the server', async () => {
    await renderWithApp(<SignInForm />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter the email you signed up with.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
  });

  it('shows the server’s reason and clears the password when sign-in is refused', async () => {
    const mocks = [
      {
        request: { query: LogInMutation, variables: { input: { email: 'ana@example.com', password: 'wrong password' } } },
        result: { errors: [{ message: 'Email or password is incorrect.', extensions: { code: 'UNAUTHENTICATED' } }] },
      },
    ];
    await renderWithApp(<SignInForm />, { mocks });
    await userEvent.type(screen.getByLabelText(/Email/), 'ana@example.com');
    await userEvent.type(screen.getByLabelText(/Password/), 'wrong password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is incorrect.');
    expect(screen.getByLabelText(/Password/)).toHaveValue('');
  });

  it('speaks French', async () => {
    await renderWithApp(<SignInForm />, { locale: 'fr' });
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByText('Saisissez votre mot de passe.')).toBeInTheDocument();
  });
});
