import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { ClientOptionsQuery } from '../../clients/graphql';
import { InviteMemberMutation } from '../graphql';
import { InviteMemberModal } from './InviteMemberModal';

const clientOptions = {
  request: { query: ClientOptionsQuery, variables: { first: 20, filter: { search: null } } },
  result: {
    data: {
      clients: {
        __typename: 'ClientConnection',
        edges: [{ __typename: 'ClientEdge', node: { __typename: 'Client', id: 'c1', name: 'Acme' } }],
        pageInfo: { __typename: 'PageInfo', hasNextPage: false },
      },
    },
  },
  maxUsageCount: 10,
};

describe('InviteMemberModal', () => {
  it('checks the email and sends the invitation in the language chosen', async () => {
    const invited = {
      request: {
        query: InviteMemberMutation,
        variables: { input: { email: 'lea@example.com', role: 'MEMBER', clientIds: [], locale: 'fr' } },
      },
      result: {
        data: {
          inviteMember: {
            __typename: 'Invitation',
            id: 'i1',
            email: 'lea@example.com',
            role: 'MEMBER',
            status: 'PENDING',
            invitedByName: 'Ana',
            createdAt: new Date().toISOString(),
            expiresAt: new Date().toISOString(),
            lastSentAt: new Date().toISOString(),
            sentCount: 1,
            clients: [],
          },
        },
      },
    };
    await renderWithApp(<InviteMemberModal opened onClose={() => undefined} actorRole="OWNER" />, { mocks: [clientOptions, invited] });
    await userEvent.type(screen.getByRole('textbox', { name: /Email/ }), 'not an email');
    await userEvent.click(screen.getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();

    await userEvent.clear(screen.getByRole('textbox', { name: /Email/ }));
    await userEvent.type(screen.getByRole('textbox', { name: /Email/ }), 'lea@example.com');
    await userEvent.click(screen.getAllByLabelText('Language of the invitation')[0]);
    await userEvent.click(await screen.findByRole('option', { name: 'Français' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText('lea@example.com has 7 days to accept.')).toBeInTheDocument();
  });

  it('asks for the client of a client role before sending anything', async () => {
    await renderWithApp(<InviteMemberModal opened onClose={() => undefined} actorRole="OWNER" />, { mocks: [clientOptions] });
    await userEvent.type(screen.getByRole('textbox', { name: /Email/ }), 'viewer@client.com');
    await userEvent.click(screen.getAllByLabelText(/^Role/)[0]);
    await userEvent.click(await screen.findByRole('option', { name: 'Client viewer' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText('Choose the client this person is from.')).toBeInTheDocument();
  });
});
