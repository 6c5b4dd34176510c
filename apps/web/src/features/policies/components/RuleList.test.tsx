import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { RuleList, type AnyRule } from './RuleList';

const rules = [
  { id: 'words', kind: 'lexicon', action: 'BLOCK', terms: ['a', 'b'], exceptions: ['c'] },
  {
    id: 'hours',
    kind: 'schedule',
    action: 'REQUIRE_APPROVAL',
    approverRole: 'COMPLIANCE',
    windows: [{ days: [1], from: '09:00', to: '18:00' }],
    blackouts: [],
  },
] as unknown as AnyRule[];

describe('RuleList', () => {
  it('summarizes each rule with its action, and lets a manager add, edit and delete', async () => {
    const onDelete = vi.fn();
    await renderWithApp(<RuleList rules={rules} manages onEdit={() => undefined} onDelete={onDelete} />);
    expect(screen.getByText('Words and phrases · 2 terms, 1 exception')).toBeInTheDocument();
    expect(screen.getByText('Needs approval (Compliance)')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Delete hours' }));
    expect(onDelete).toHaveBeenCalledWith(1);
  });

  it('shows a reader the rules without the editing buttons, in French', async () => {
    await renderWithApp(<RuleList rules={rules} manages={false} onEdit={() => undefined} onDelete={() => undefined} />, { locale: 'fr' });
    expect(screen.getByText('Mots et expressions · 2 termes, 1 exception')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Supprimer/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Ajouter une règle' })).toBeNull();
  });
});
