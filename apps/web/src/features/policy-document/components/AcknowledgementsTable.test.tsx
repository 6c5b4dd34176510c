import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { PolicyAcknowledgementsQuery, PolicyDocumentQuery } from '../graphql';
import { AcknowledgementsTable } from './AcknowledgementsTable';

const current = {
  __typename: 'PolicyDocumentVersion',
  id: 'v3',
  version: 3,
  title: 'Charte',
  body: 'Texte',
  changeSummary: null,
  status: 'PUBLISHED',
  updatedAt: '2026-11-01T10:00:00Z',
  publishedAt: '2026-11-01T10:00:00Z',
  publishedByName: 'Ana',
};
const mocks = [
  {
    request: { query: PolicyDocumentQuery },
    result: { data: { policyDocument: { __typename: 'PolicyDocument', current, draft: null, versions: [] } } },
  },
  {
    request: { query: PolicyAcknowledgementsQuery, variables: { versionId: 'v3' } },
    result: {
      data: {
        policyAcknowledgements: [
          {
            __typename: 'PolicyAcknowledgementEntry',
            memberId: 'u1',
            name: 'Ana',
            email: 'ana@example.com',
            role: 'OWNER',
            acknowledgedAt: '2026-11-01T10:00:00Z',
          },
          { __typename: 'PolicyAcknowledgementEntry', memberId: 'u2', name: 'Bo', email: 'bo@example.com', role: 'EDITOR', acknowledgedAt: null },
        ],
      },
    },
  },
];

describe('AcknowledgementsTable', () => {
  it('counts who accepted the current version and names who has not yet', async () => {
    await renderWithApp(<AcknowledgementsTable />, { mocks });
    expect(await screen.findByText('Version 3: 1 of 2 accepted')).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Who accepted' })).getAllByRole('row');
    expect(rows[2]).toHaveTextContent('Bo');
    expect(rows[2]).toHaveTextContent('Editor');
    expect(rows[2]).toHaveTextContent('Not yet');
  });
});
