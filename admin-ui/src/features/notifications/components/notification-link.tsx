import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The title of a notification that carries a (checked) link: paths inside the admin app navigate in
 * place, other paths and http(s) URLs open normally (external ones in a new tab).
 */
export function NotificationLink({ href, children }: { href: string; children: ReactNode }) {
  const base = import.meta.env.BASE_URL; // '/admin/'
  if (href.startsWith(base)) {
    return (
      <Anchor component={Link} to={href.slice(base.length - 1)} inherit>
        {children}
      </Anchor>
    );
  }
  const external = !href.startsWith('/');
  return (
    <Anchor
      href={href}
      inherit
      target={external ? '_blank' : undefined}
      rel={external ? 'noopener noreferrer' : undefined}
    >
      {children}
    </Anchor>
  );
}
