import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { LOCALES } from '@clearpost/authz';
import { AppShell, Avatar, Badge, Burger, Group, Menu, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAt,
  IconBroadcast,
  IconCalendar,
  IconBriefcase,
  IconCheck,
  IconFileText,
  IconHome,
  IconLanguage,
  IconListCheck,
  IconLogout,
  IconMail,
  IconPencil,
  IconRoute,
  IconShieldCheck,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { LogOutMutation } from '../features/auth/graphql';
import { MyReviewCountQuery } from '../features/posts/graphql';
import { OrganizationSwitcher } from '../features/organizations/components/OrganizationSwitcher';
import { useCurrentMembership } from '../features/organizations/hooks/useCurrentMembership';
import { useLanguage, useSavedLanguage } from '../features/preferences/hooks';
import { sessionStore } from '../session/session';
import { Logo } from '../ui/Logo';

/** The signed-in frame: header (organization, account menu), navigation by permission, the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { me, can } = useCurrentMembership();
  const { locale, change } = useLanguage();
  useSavedLanguage(me?.locale);
  const client = useApolloClient();
  const [logOut] = useMutation(LogOutMutation);
  const location = useLocation();
  // The approval queue's size beside "Posts", refreshed every minute and after each decision.
  const reviews = useQuery(MyReviewCountQuery, { skip: !can('post.approve'), pollInterval: 60_000 });
  const waiting = reviews.data?.myReviewCount ?? 0;

  const handleSignOut = async () => {
    await logOut().catch(() => undefined); // signing out locally must work even offline
    sessionStore.signedOut();
    await client.clearStore();
  };

  const nav = [
    { to: '/', label: t('nav.overview'), icon: IconHome, show: true },
    { to: '/posts', label: t('nav.posts'), icon: IconPencil, show: can('post.read'), count: waiting },
    { to: '/calendar', label: t('nav.calendar'), icon: IconCalendar, show: can('post.read') },
    { to: '/sandbox', label: t('nav.sandbox'), icon: IconBroadcast, show: can('post.read') },
    { to: '/accounts', label: t('nav.accounts'), icon: IconAt, show: can('account.read') },
    { to: '/clients', label: t('nav.clients'), icon: IconBriefcase, show: can('client.read') && can('member.read') },
    { to: '/members', label: t('nav.members'), icon: IconUsers, show: can('member.read') },
    { to: '/policies', label: t('nav.policies'), icon: IconListCheck, show: can('policy.read') },
    { to: '/policy', label: t('nav.policyDocument'), icon: IconFileText, show: can('policy_document.read') },
    { to: '/approval-chains', label: t('nav.approvalChains'), icon: IconRoute, show: can('approval_chain.read') },
    { to: '/audit', label: t('nav.audit'), icon: IconShieldCheck, show: can('audit.read') },
    { to: '/webhooks', label: t('nav.webhooks'), icon: IconWebhook, show: can('organization.update') },
    { to: '/mail', label: t('nav.mail'), icon: IconMail, show: can('mail.read') },
  ];

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.toggleNavigation')} />
            <Logo />
            <OrganizationSwitcher />
          </Group>
          <Menu position="bottom-end" width={220}>
            <Menu.Target>
              <UnstyledButton aria-label={t('app.accountMenu')}>
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
              <Menu.Label>
                <Group gap={6}>
                  <IconLanguage size={14} />
                  {t('app.language')}
                </Group>
              </Menu.Label>
              {LOCALES.map((value) => (
                <Menu.Item
                  key={value}
                  lang={value}
                  rightSection={value === locale ? <IconCheck size={14} /> : null}
                  aria-current={value === locale ? 'true' : undefined}
                  onClick={() => void change(value)}
                >
                  {t(`app.languages.${value}`)}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => void handleSignOut()}>
                {t('app.signOut')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('app.mainNavigation')}>
        {nav
          .filter((item) => item.show)
          .map((item) => (
            <NavLink
              key={item.to}
              component={RouterLink}
              to={item.to}
              label={item.label}
              leftSection={<item.icon size={18} />}
              rightSection={
                'count' in item && item.count ? (
                  <Badge size="sm" circle aria-label={t('nav.waiting', { count: item.count })}>
                    {item.count}
                  </Badge>
                ) : undefined
              }
              active={item.to === '/' || item.to === '/policy' ? location.pathname === item.to : location.pathname.startsWith(item.to)}
              onClick={close}
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)">{children}</AppShell.Main>
    </AppShell>
  );
}
