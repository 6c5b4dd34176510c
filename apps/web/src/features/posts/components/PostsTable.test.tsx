import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PostRowFragment } from '../../../gql/graphql';
import { renderWithApp } from '../../../test/render';
import { ApprovePostMutation, RequestChangesMutation } from '../graphql';
import { PostsTable } from './PostsTable';

const hash = (n: number) => String(n).repeat(64);
const posts: PostRowFragment[] = [1, 2].map((n) => ({
  __typename: 'Post',
  id: `p${n}`,
  state: 'IN_REVIEW',
  text: `Post number ${n}`,
  contentHash: hash(n),
  clientName: 'Bakery',
  createdAt: new Date(Date.now() - n * 3_600_000).toISOString(),
  author: { __typename: 'PostAuthor', name: 'Léa' },
  targets: [{ __typename: 'PostTarget', account: { __typename: 'PostAccountRef', id: `a${n}`, displayHandle: `@bakery${n}` } }],
}));
const answer = (id: string, state: string) => ({
  __typename: 'Post',
  id,
  state,
  revision: 1,
  contentHash: hash(2),
  text: 'Post number 2',
  clientId: null,
  clientName: 'Bakery',
  scheduledAt: null,
  currentStep: null,
  createdAt: posts[1].createdAt,
  updatedAt: posts[1].createdAt,
  author: { __typename: 'PostAuthor', id: 'u1', name: 'Léa' },
  targets: [],
});

describe('PostsTable', () => {
  it('works as a queue from the keyboard: j moves down, a then Enter approves the selected post, bound to the hash listed', async () => {
    const mocks = [
      {
        request: { query: ApprovePostMutation, variables: { input: { postId: 'p2', contentHash: hash(2), comment: null } } },
        result: { data: { approvePost: answer('p2', 'APPROVED') } },
      },
    ];
    await renderWithApp(<PostsTable posts={posts} keyboard />, { mocks });
    const rows = within(screen.getByRole('table', { name: 'Posts' })).getAllByRole('row');
    expect(rows[1]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('j');
    expect(rows[2]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('a');
    const dialog = await screen.findByRole('dialog', { name: 'Approve' });
    expect(within(dialog).getByText('Post number 2')).toBeInTheDocument();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('Decision recorded')).toBeInTheDocument();
  });

  it('asks for a comment before sending a post back for changes', async () => {
    const mocks = [
      {
        request: { query: RequestChangesMutation, variables: { input: { postId: 'p1', contentHash: hash(1), comment: 'Shorter, please' } } },
        result: { data: { requestChanges: answer('p1', 'CHANGES_REQUESTED') } },
      },
    ];
    await renderWithApp(<PostsTable posts={posts} keyboard />, { mocks });
    await userEvent.keyboard('c');
    const dialog = await screen.findByRole('dialog', { name: 'Ask for changes' });
    await userEvent.type(within(dialog).getByLabelText('Comment (optional)'), 'Shorter, please');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ask for changes' }));
    expect(await screen.findByText('Decision recorded')).toBeInTheDocument();
  });

  it('names states in French', async () => {
    await renderWithApp(<PostsTable posts={posts} />, { locale: 'fr' });
    expect(screen.getAllByText('En validation')).toHaveLength(2);
    expect(screen.getByRole('columnheader', { name: 'Auteur' })).toBeInTheDocument();
  });
});
