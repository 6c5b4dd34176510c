import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Logo } from '../../../ui/Logo';
import { LanguageSwitch } from '../../preferences/components/LanguageSwitch';

export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={420} gap="lg">
        <Group justify="space-between" align="center">
          <Logo size="lg" />
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" radius="md" p="xl">
          <Title order={2} size="h3">
            {title}
          </Title>
          <Text c="dimmed" size="sm" mt={4} mb="lg">
            {subtitle}
          </Text>
          {children}
        </Paper>
        <Text size="sm" ta="center">
          {footer}
        </Text>
      </Stack>
    </Center>
  );
}
