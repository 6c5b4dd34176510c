import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { ClientOptionsQuery } from '../../clients/graphql';
import { TryItBox } from './TryItBox';

const clients = {
  request: { query: ClientOptionsQuery, variables: { first: 20, filter: { search: null } } },
  result: { data: { clients: { __typename: 'ClientConnection', edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false } } } },
  maxUsageCount: 10,
};
const rules = [{ id: 'words', kind: 'lexicon' as const, action: 'BLOCK' as const, terms: ['rumeur'] }];

describe('TryItBox', () => {
  it('runs the rules on the post as it is typed, with the findings in the reader’s language', async () => {
    await renderWithApp(<TryItBox rules={rules} context={{ colleagues: [], clients: [] }} partialClients={null} />, { mocks: [clients], locale: 'fr' });
    await userEvent.type(screen.getByRole('textbox', { name: 'Publication' }), 'Une rumeur circule');
    expect(await screen.findByRole('status')).toHaveTextContent('Bloquée');
    expect(screen.getByText('“rumeur” n’est pas autorisé par la charte.')).toBeInTheDocument();
    expect(screen.getByLabelText('Publication avec les constats surlignés').querySelector('mark')).toHaveTextContent('rumeur');
  });

  it('explains why a finding fired: the rule, the words found and the context that made them count', async () => {
    const near = [{ id: 'putdown', label: 'Dénigrement', kind: 'lexicon' as const, action: 'WARN' as const, terms: ['nul* NEAR/4 {organization}'] }];
    await renderWithApp(<TryItBox rules={near} context={{ organizationNames: ['Lumière'] }} partialClients={null} />, { mocks: [clients], locale: 'fr' });
    await userEvent.type(screen.getByRole('textbox', { name: 'Publication' }), 'Chez Lumière ils sont nuls');
    expect(await screen.findByTestId('finding-why')).toHaveTextContent(
      'Règle Dénigrement (putdown) · relevé : « Lumière », « nuls » — “nuls” se trouve à 4 mots ou moins de “Lumière”.',
    );
  });

  it('says when the preview knows only some clients’ terms', async () => {
    await renderWithApp(<TryItBox rules={rules} context={{ colleagues: [], clients: [] }} partialClients={200} />, { mocks: [clients] });
    expect(screen.getByText(/knows the confidential terms of the first 200 clients/)).toBeInTheDocument();
  });
});
