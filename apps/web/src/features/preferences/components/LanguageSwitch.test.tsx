import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../i18n';
import { renderWithApp } from '../../../test/render';
import { SignInForm } from '../../auth/components/SignInForm';
import { LanguageSwitch } from './LanguageSwitch';

describe('LanguageSwitch', () => {
  it('switches the whole interface, and remembers the choice on this device', async () => {
    await renderWithApp(
      <>
        <LanguageSwitch />
        <SignInForm />
      </>,
    );
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    await userEvent.click(screen.getByText('Français'));
    expect(await screen.findByRole('button', { name: 'Se connecter' })).toBeInTheDocument();
    expect(i18n.language).toBe('fr');
    expect(localStorage.getItem('clearpost.locale')).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
  });
});
