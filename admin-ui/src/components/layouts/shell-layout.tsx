import { AppShell, Burger, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { NavLink as RouterNavLink } from 'react-router';

export interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

/** The app frame: header (title + caller-provided actions), side navigation, content. Knows no features. */
export function ShellLayout({
  nav,
  actions,
  user,
  children,
}: {
  nav: NavItem[];
  actions: ReactNode;
  user?: string;
  children: ReactNode;
}) {
  const [opened, { toggle, close }] = useDisclosure();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Title order={3}>Vigil</Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {user && (
              <Text size="sm" c="dimmed" visibleFrom="sm">
                {user}
              </Text>
            )}
            {actions}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {nav.map((item) => (
          <RouterNavLink
            key={item.to}
            to={item.to}
            onClick={close}
            style={{ textDecoration: 'none', color: 'inherit' }}
          >
            {({ isActive }) => (
              <NavLink component="span" label={item.label} leftSection={item.icon} active={isActive} />
            )}
          </RouterNavLink>
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
