import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PostState } from '../../../gql/graphql';

export const STATE_COLORS: Record<PostState, string> = {
  DRAFT: 'gray',
  IN_REVIEW: 'blue',
  CHANGES_REQUESTED: 'orange',
  APPROVED: 'teal',
  SCHEDULED: 'violet',
  PUBLISHING: 'indigo',
  PUBLISHED: 'green',
  FAILED: 'red',
  REJECTED: 'red',
  CANCELLED: 'dark',
};

export function StateBadge({ state }: { state: PostState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state]} variant="light" data-state={state}>
      {t(`posts.states.${state}`)}
    </Badge>
  );
}
