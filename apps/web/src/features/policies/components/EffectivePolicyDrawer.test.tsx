import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { EffectivePolicyQuery } from '../graphql';
import { EffectivePolicyDrawer } from './EffectivePolicyDrawer';

const source = (policyName: string, scope: string, version = 1) => ({ __typename: 'PolicySourceInfo', policyId: policyName, policyName, version, scope });
const answer = {
  effectivePolicy: {
    __typename: 'EffectivePolicy',
    accountId: 'a1',
    rules: [
      {
        __typename: 'EffectiveRule',
        ruleId: 'politics',
        kind: 'lexicon',
        action: 'BLOCK',
        mode: 'ENFORCE',
        rule: { id: 'politics', label: 'Pas de politique', kind: 'lexicon', action: 'BLOCK', terms: ['x'] },
        source: source('Charte FR', 'ORGANIZATION', 3),
        overrides: [{ __typename: 'PolicySourceInfo', policyName: 'Client rules', scope: 'CLIENT' }],
        overriddenRules: [
          { __typename: 'OverriddenRule', action: 'WARN', mode: 'ENFORCE', because: 'STRICTER', source: { ...source('Client rules', 'CLIENT', 2) } },
          { __typename: 'OverriddenRule', action: 'BLOCK', mode: 'ENFORCE', because: 'FIRST_BY_NAME', source: { ...source('SME EN', 'ORGANIZATION') } },
        ],
        combinedWith: [{ __typename: 'PolicySourceInfo', policyName: 'SME EN' }],
      },
    ],
  },
};

describe('EffectivePolicyDrawer', () => {
  it('explains every override: what the other rule did and why this one won', async () => {
    const mock = { request: { query: EffectivePolicyQuery, variables: { accountId: 'a1' } }, result: { data: answer } };
    await renderWithApp(<EffectivePolicyDrawer account={{ id: 'a1', displayName: 'Acme X' }} onClose={() => undefined} />, { mocks: [mock], locale: 'fr' });
    expect(await screen.findByText('Pas de politique')).toBeInTheDocument();
    const lines = screen.getAllByTestId('override').map((el) => el.textContent);
    expect(lines).toEqual([
      'Remplace « Avertir » de Client rules v2 (Client) : celle-ci est plus stricte.',
      'Remplace « Bloquer » de SME EN v1 (Toute l’organisation) : même action et même portée ; la charte la première par son nom l’emporte.',
    ]);
    expect(screen.getByText(/avec les mots de SME EN/)).toBeInTheDocument();
  });
});
