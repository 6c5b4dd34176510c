import { useApolloClient, useMutation } from '@apollo/client/react';
import { AppShell, Avatar, Burger, Group, Menu, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAt, IconBriefcase, IconFileText, IconHome, IconListCheck, IconLogout, IconMail, IconShieldCheck, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { LogOutMutation } from '../features/auth/graphql';
import { OrganizationSwitcher } from '../features/organizations/components/OrganizationSwitcher';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { sessionStore } from '../session/session';
import { Logo } from './Logo';

export function AppLayout({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const { me, can } = useCurrentMembership();
  const client = useApolloClient();
  const [logOut] = useMutation(LogOutMutation);
  const location = useLocation();

  const handleSignOut = async () => {
    await logOut().catch(() => undefined); // signing out locally must work even offline
    sessionStore.signedOut();
    await client.clearStore();
  };

  const nav = [
    { to: '/', label: 'Overview', icon: IconHome, show: true },
    { to: '/accounts', label: 'Social accounts', icon: IconAt, show: can('account.read') },
    { to: '/clients', label: 'Clients', icon: IconBriefcase, show: can('client.read') && can('member.read') },
    { to: '/members', label: 'Members', icon: IconUsers, show: can('member.read') },
    { to: '/policies', label: 'Policies', icon: IconListCheck, show: can('policy.read') },
    { to: '/policy', label: 'Social media policy', icon: IconFileText, show: can('policy_document.read') },
    { to: '/audit', label: 'Audit trail', icon: IconShieldCheck, show: can('audit.read') },
    { to: '/mail', label: 'Sent mail', icon: IconMail, show: can('mail.read') },
  ];

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Logo />
            <OrganizationSwitcher />
          </Group>
          <Menu position="bottom-end" width={220}>
            <Menu.Target>
              <UnstyledButton aria-label="Account menu">
                <Group gap="xs" wrap="nowrap">
                  <Avatar name={me?.name} color="initials" size={32} />
                  <Text size="sm" fw={500} visibleFrom="sm">
                    {me?.name}
                  </Text>
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{me?.email}</Menu.Label>
              <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => void handleSignOut()}>
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main">
        {nav
          .filter((item) => item.show)
          .map((item) => (
            <NavLink
              key={item.to}
              component={RouterLink}
              to={item.to}
              label={item.label}
              leftSection={<item.icon size={18} />}
              active={item.to === '/' || item.to === '/policy' ? location.pathname === item.to : location.pathname.startsWith(item.to)}
              onClick={close}
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)">{children}</AppShell.Main>
    </AppShell>
  );
}
