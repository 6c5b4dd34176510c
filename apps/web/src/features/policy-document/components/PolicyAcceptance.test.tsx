import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { AcknowledgePolicyDocumentMutation, PolicyDocumentStatusQuery } from '../graphql';
import { PolicyAcceptance } from './PolicyAcceptance';

const version = (id: string, n: number, body: string) => ({
  __typename: 'PolicyDocumentVersion',
  id,
  version: n,
  title: 'Charte',
  body,
  changeSummary: n === 2 ? 'Photos of colleagues' : null,
  status: 'PUBLISHED',
  updatedAt: '2026-11-01T10:00:00Z',
  publishedAt: '2026-11-01T10:00:00Z',
  publishedByName: 'Ana',
});

const status = (mustAcknowledge: boolean) => ({
  request: { query: PolicyDocumentStatusQuery },
  result: {
    data: {
      policyDocumentStatus: {
        __typename: 'PolicyDocumentStatus',
        mustAcknowledge,
        acknowledgedAt: mustAcknowledge ? null : '2026-11-02T09:30:00Z',
        current: version('v2', 2, 'Be kind. Ask before posting photos of colleagues.'),
        lastAcknowledged: mustAcknowledge ? version('v1', 1, 'Be kind.') : version('v2', 2, 'Be kind. Ask before posting photos of colleagues.'),
      },
    },
  },
});

describe('PolicyAcceptance', () => {
  it('shows what changed since the version last accepted and records the acceptance', async () => {
    const accepted = {
      request: { query: AcknowledgePolicyDocumentMutation, variables: { versionId: 'v2' } },
      result: { data: { acknowledgePolicyDocument: { __typename: 'PolicyAcknowledgement', versionId: 'v2', acknowledgedAt: '2026-11-03T08:00:00Z' } } },
    };
    await renderWithApp(<PolicyAcceptance gate />, { mocks: [status(true), accepted, status(false)] });
    expect(await screen.findByRole('alert')).toHaveTextContent('Version 2 of the social media policy needs your acceptance');
    expect(screen.getByRole('alert')).toHaveTextContent('What changed: Photos of colleagues');
    expect(screen.getByLabelText('Changes since the version you accepted').querySelector('ins')).toHaveTextContent('Ask before posting photos of colleagues.');
    await userEvent.click(screen.getByRole('button', { name: 'I have read and accept version 2' }));
    expect(await screen.findByText('You accepted version 2')).toBeInTheDocument();
  });

  it('in French', async () => {
    await renderWithApp(<PolicyAcceptance />, { mocks: [status(false)], locale: 'fr' });
    expect(await screen.findByText('Vous avez accepté la version 2')).toBeInTheDocument();
    expect(screen.getByText(/Version 2, publiée le 1 nov\. 2026 par Ana/)).toBeInTheDocument();
  });
});
