import { Text } from '@mantine/core';
import { diffWords } from 'diff';

/** What changed between two texts, word by word: additions highlighted, removals struck through. */
export function WordDiff({ before, after, label }: { before: string; after: string; label: string }) {
  return (
    <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }} aria-label={label}>
      {diffWords(before, after).map((part, index) =>
        part.added ? (
          <ins key={index} style={{ background: 'var(--mantine-color-teal-1)', textDecoration: 'none' }}>
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={index} style={{ background: 'var(--mantine-color-red-1)' }}>
            {part.value}
          </del>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </Text>
  );
}
