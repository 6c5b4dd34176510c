import { Container, Group } from '@mantine/core';
import { LanguageSwitch } from '../features/preferences/components/LanguageSwitch';
import { ApprovalLinkPanel } from '../features/posts/components/ApprovalLinkPanel';
import { Logo } from '../ui/Logo';

/** `/approve#token=…`: a client's approver decides on one post, without an account. The token stays in the fragment (never sent to servers in logs). */
export function ApprovalLinkPage() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  return (
    <Container size="md" py="xl">
      <Group justify="space-between" mb="xl">
        <Logo />
        <LanguageSwitch />
      </Group>
      <ApprovalLinkPanel token={token} />
    </Container>
  );
}
