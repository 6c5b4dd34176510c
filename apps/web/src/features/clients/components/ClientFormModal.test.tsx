import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { CreateClientMutation } from '../graphql';
import { ClientFormModal } from './ClientFormModal';

describe('ClientFormModal', () => {
  it('requires a name, then creates the client with its confidential terms', async () => {
    const onClose = vi.fn();
    const created = {
      request: { query: CreateClientMutation, variables: { input: { name: 'Globex', confidentialTerms: ['Hydra', 'Cobra'] } } },
      result: {
        data: {
          createClient: {
            __typename: 'Client',
            id: 'c2',
            name: 'Globex',
            createdAt: new Date().toISOString(),
            archivedAt: null,
            canReadConfidentialTerms: true,
            confidentialTerms: ['Hydra', 'Cobra'],
            accountCount: 0,
            team: [],
          },
        },
      },
    };
    await renderWithApp(<ClientFormModal opened client={null} onClose={onClose} />, { mocks: [created] });
    await userEvent.click(screen.getByRole('button', { name: 'Create client' }));
    expect(await screen.findByText('Name the client.')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: /Client name/ }), 'Globex');
    await userEvent.type(screen.getAllByLabelText(/Confidential terms/)[0], 'Hydra, Cobra,');
    await userEvent.click(screen.getByRole('button', { name: 'Create client' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
  });
});
