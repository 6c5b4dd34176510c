import { Button, EmptyState } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <EmptyState
      mt="xl"
      icon={<IconMapQuestion size={28} />}
      title="This page does not exist"
      description="The link may be mistyped, or the page may have moved."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/" variant="default">
          Back to the overview
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
