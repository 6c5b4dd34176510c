import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { newRule, RuleForm } from './RuleForm';

describe('RuleForm', () => {
  it('checks the rule with the engine as it is written and saves it once valid', async () => {
    const onSave = vi.fn();
    await renderWithApp(<RuleForm rule={newRule('lexicon', [])} otherIds={[]} onSave={onSave} onClose={() => undefined} />);
    expect(screen.getByRole('dialog', { name: 'Words and phrases rule' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save rule' })).toBeDisabled(); // a lexicon needs terms
    await userEvent.type(screen.getAllByLabelText(/Terms/)[0], 'confidentiel{enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Save rule' }));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ kind: 'lexicon', terms: ['confidentiel'] }));
  });

  it('refuses an id another rule of the policy has, in French', async () => {
    await renderWithApp(<RuleForm rule={newRule('counts', [])} otherIds={['counts']} onSave={() => undefined} onClose={() => undefined} />, { locale: 'fr' });
    expect(screen.getByRole('alert')).toHaveTextContent('Une autre règle de ce jeu porte cet identifiant.');
    expect(screen.getByRole('button', { name: 'Enregistrer la règle' })).toBeDisabled();
  });
});
