import { Group, Text } from '@mantine/core';

export function Logo({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const box = size === 'lg' ? 34 : 26;
  return (
    <Group gap={8} wrap="nowrap" aria-label="Clearpost">
      <svg width={box} height={box} viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="var(--mantine-color-blue-filled)" />
        <path d="M9 16.5l4.5 4.5L23 11.5" fill="none" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <Text fw={700} size={size === 'lg' ? 'xl' : 'lg'} style={{ letterSpacing: -0.3 }}>
        Clearpost
      </Text>
    </Group>
  );
}
