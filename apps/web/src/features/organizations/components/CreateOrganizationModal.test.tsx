import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { CreateOrganizationMutation } from '../graphql';
import { CreateOrganizationModal } from './CreateOrganizationModal';

describe('CreateOrganizationModal', () => {
  it('requires a name and shows the server’s reason on the field', async () => {
    const refused = {
      request: { query: CreateOrganizationMutation, variables: { input: { name: 'x'.repeat(3) } } },
      result: { errors: [{ message: 'Organization name must be 1 to 100 characters.', extensions: { code: 'BAD_USER_INPUT', field: 'name' } }] },
    };
    await renderWithApp(<CreateOrganizationModal opened onClose={() => undefined} />, { mocks: [refused] });
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('Give the organization a name.')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: /Name/ }), 'xxx');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('Organization name must be 1 to 100 characters.')).toBeInTheDocument();
  });
});
