import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { i18n } from '../i18n';

/**
 * Renders a component as the app does: Mantine, the real i18n (English by default), a router, and
 * Apollo's MockedProvider answering the operations a test lists (an unlisted one is an error).
 */
export async function renderWithApp(
  ui: ReactElement,
  options: { mocks?: MockLink.MockedResponse[]; locale?: 'en' | 'fr'; route?: string } = {},
): Promise<RenderResult> {
  await i18n.changeLanguage(options.locale ?? 'en');
  return render(
    <MantineProvider env="test">
      <Notifications />
      <I18nextProvider i18n={i18n}>
        <MockedProvider mocks={options.mocks ?? []}>
          <MemoryRouter initialEntries={[options.route ?? '/']}>{ui}</MemoryRouter>
        </MockedProvider>
      </I18nextProvider>
    </MantineProvider>,
  );
}
