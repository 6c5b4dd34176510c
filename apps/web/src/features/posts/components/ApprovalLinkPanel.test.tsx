import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { ActOnApprovalLinkMutation, ApprovalLinkQuery } from '../graphql';
import { ApprovalLinkPanel } from './ApprovalLinkPanel';

const view = {
  __typename: 'ApprovalLinkView',
  organizationName: 'Agence Lumière',
  clientName: 'Boulangerie Dupont',
  email: 'boss@bakery.test',
  stepName: 'Client',
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  contentHash: 'f'.repeat(64),
  targets: [
    {
      __typename: 'PostTarget',
      effectiveText: 'Fresh bread at 7',
      account: { __typename: 'PostAccountRef', displayName: 'Bakery', displayHandle: '@bakery', network: 'X' },
    },
  ],
  findings: [],
  comments: [{ __typename: 'PostComment', id: 'c1', authorName: 'Léa', body: 'Does this work for you?', createdAt: new Date().toISOString() }],
};

describe('ApprovalLinkPanel', () => {
  it('shows the post as it will appear and sends the decision bound to the content shown', async () => {
    const mocks = [
      { request: { query: ApprovalLinkQuery, variables: { token: 'tok' } }, result: { data: { approvalLink: view } } },
      {
        request: {
          query: ActOnApprovalLinkMutation,
          variables: { input: { token: 'tok', contentHash: view.contentHash, decision: 'APPROVED', comment: 'Lovely' } },
        },
        result: { data: { actOnApprovalLink: { __typename: 'ApprovalLinkResult', decision: 'APPROVED', state: 'APPROVED' } } },
      },
    ];
    await renderWithApp(<ApprovalLinkPanel token="tok" />, { mocks });
    expect(await screen.findByText('Agence Lumière asks you to approve this post for Boulangerie Dupont (Client).')).toBeInTheDocument();
    expect(screen.getByText('Fresh bread at 7')).toBeInTheDocument();
    expect(screen.getByText('Does this work for you?', { exact: false })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Your comment (optional)'), 'Lovely');
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('You approved this post.')).toBeInTheDocument();
  });

  it('says why a link cannot be used, in French', async () => {
    const mocks = [
      {
        request: { query: ApprovalLinkQuery, variables: { token: 'used' } },
        result: { errors: [new GraphQLError('Ce lien a déjà été utilisé.', { extensions: { code: 'BAD_USER_INPUT', reason: 'USED' } })] },
      },
    ];
    await renderWithApp(<ApprovalLinkPanel token="used" />, { mocks, locale: 'fr' });
    expect(await screen.findByText('Ce lien ne peut pas être utilisé')).toBeInTheDocument();
    expect(screen.getByText('Ce lien a déjà été utilisé.')).toBeInTheDocument();
  });
});
