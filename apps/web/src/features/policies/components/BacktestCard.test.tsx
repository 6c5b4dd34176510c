import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { BacktestPolicyQuery } from '../graphql';
import { BacktestCard } from './BacktestCard';

const rules = [{ id: 'politics', kind: 'lexicon' as const, action: 'BLOCK' as const, mode: 'MONITOR' as const, terms: ['élection*'] }];
const finding = {
  __typename: 'PolicyFinding',
  ruleId: 'politics',
  action: 'MONITOR',
  message: '“élection*” n’est pas autorisé par la charte.',
  ruleLabel: 'Politique',
  reason: 'Correspond au terme “élection*” de la règle.',
  spans: [{ __typename: 'TextSpan', start: 8, end: 16 }],
};
const account = { __typename: 'BacktestAccount', id: 'a1', displayName: 'Acme', handle: 'acme_fr', network: 'X' };
const answer = {
  __typename: 'PolicyBacktest',
  policyId: 'p1',
  comparedWithVersion: 2,
  totalPosts: 40,
  scannedPosts: 40,
  scannedTexts: 52,
  flaggedPosts: 1,
  newlyFlaggedPosts: 1,
  noLongerFlaggedPosts: 1,
  itemsTruncated: false,
  tookMs: 31,
  rules: [
    { __typename: 'BacktestRuleCount', ruleId: 'politics', kind: 'lexicon', action: 'BLOCK', mode: 'MONITOR', label: 'Politique', posts: 1, postsBefore: null },
  ],
  items: [
    {
      __typename: 'BacktestItem',
      postId: 'post-1',
      revision: 1,
      state: 'PUBLISHED',
      updatedAt: '2026-11-30T10:00:00Z',
      change: 'NEW',
      text: 'Avant l’élection, restez informés.',
      flaggedBefore: [],
      account,
      findings: [finding],
    },
    {
      __typename: 'BacktestItem',
      postId: 'post-2',
      revision: 3,
      state: 'DRAFT',
      updatedAt: '2026-11-29T10:00:00Z',
      change: 'GONE',
      text: 'Boycott !',
      flaggedBefore: ['boycott'],
      account,
      findings: [],
    },
  ],
};

describe('BacktestCard', () => {
  it('runs the rules being edited on past posts and shows what they flag, per rule and per post, with why', async () => {
    const mock = {
      request: { query: BacktestPolicyQuery, variables: { input: { policyId: 'p1', rules, limit: 1000, locale: 'fr' } } },
      result: { data: { backtestPolicy: answer } },
    };
    await renderWithApp(<BacktestCard policyId="p1" rules={rules} publishedVersion={2} />, { mocks: [mock], locale: 'fr' });
    expect(screen.getByText(/à côté de la version publiée 2/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Lancer le test' }));
    const results = await screen.findByRole('status', { name: 'Résultats du test' });
    expect(results).toHaveTextContent('40 publications analysées sur 40 (52 textes, un par compte) en 31 ms.');
    expect(within(results).getByText('1 publication relevée')).toBeInTheDocument();
    expect(within(results).getByText('1 qui ne l’est plus')).toBeInTheDocument();
    const table = within(results).getByRole('table', { name: 'Publications relevées par règle' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(/Politique.*Bloquer.*Observation seule.*1.*—/);
    const [flagged, gone] = screen.getAllByTestId('backtest-item');
    expect(flagged).toHaveTextContent('Nouvelles');
    expect(within(flagged).getByTestId('finding-why')).toHaveTextContent(
      'Règle Politique (politics) · relevé : « élection » — Correspond au terme “élection*” de la règle.',
    );
    expect(gone).toHaveTextContent('Relevée par la version publiée : boycott');

    await userEvent.click(screen.getByRole('radio', { name: 'Plus relevées' }));
    expect(screen.getAllByTestId('backtest-item')).toHaveLength(1);
  });
});
