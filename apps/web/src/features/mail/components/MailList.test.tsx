import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../../test/render';
import { MailList, type MailRow } from './MailList';

const mails: MailRow[] = [
  {
    id: 'm1',
    to: 'lea@example.com',
    subject: 'Ana invited you to Acme on Clearpost',
    status: 'STORED',
    createdAt: new Date().toISOString(),
    text: 'Accept the invitation:\nhttps://clearpost.example/invitations/accept#token=abc',
    redacted: false,
    attempts: 0,
  },
  {
    id: 'm2',
    to: 'own@example.com',
    subject: 'Owner invitation',
    status: 'STORED',
    createdAt: new Date().toISOString(),
    text: 'https://x/[hidden]',
    redacted: true,
    attempts: 0,
  },
];

describe('MailList', () => {
  it('makes the links of kept mail clickable, and says when a link is hidden from the reader', async () => {
    await renderWithApp(<MailList mails={mails} />);
    expect(screen.getAllByText('Kept here')).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: /Ana invited you/ }));
    expect(await screen.findByRole('link', { name: 'https://clearpost.example/invitations/accept#token=abc' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Owner invitation/ }));
    expect(await screen.findByText('The link in this mail is hidden from you')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /hidden/ })).toBeNull();
  });
});
