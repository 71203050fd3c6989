import { Center, Loader } from '@mantine/core';
import {
  IconActivity,
  IconAdjustments,
  IconAlarm,
  IconBell,
  IconClipboardList,
  IconDatabase,
  IconDatabaseHeart,
  IconDeviceDesktop,
  IconFileText,
  IconGauge,
  IconKey,
  IconShieldLock,
  IconUser,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ColorSchemeToggle } from '@/components/color-scheme-toggle';
import { ShellLayout, type NavItem } from '@/components/layouts/shell-layout';
import { useAuthStatus } from '@/features/auth/api/get-auth-status';
import { LogoutButton } from '@/features/auth/components/logout-button';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { queryClient } from '@/lib/query-client';

// Each page with the scope its API needs; pages the admin cannot use are not offered.
const NAV: (NavItem & { scope?: string })[] = [
  { to: '/dashboard', label: 'Dashboard', icon: <IconGauge size={18} /> },
  { to: '/logs', label: 'Logs', icon: <IconFileText size={18} />, scope: 'admin:logs' },
  { to: '/log-levels', label: 'Log levels', icon: <IconAdjustments size={18} />, scope: 'admin:log-levels' },
  { to: '/alerts', label: 'Alerts', icon: <IconAlarm size={18} />, scope: 'admin:alerts' },
  { to: '/notifications', label: 'Notifications', icon: <IconBell size={18} /> },
  { to: '/admins', label: 'Admins', icon: <IconUsers size={18} />, scope: 'admin:admins' },
  { to: '/roles', label: 'Roles', icon: <IconShieldLock size={18} />, scope: 'admin:roles' },
  { to: '/sessions', label: 'Sessions', icon: <IconDeviceDesktop size={18} />, scope: 'admin:sessions' },
  { to: '/jobs', label: 'Jobs', icon: <IconActivity size={18} />, scope: 'admin:jobs' },
  { to: '/audit', label: 'Audit', icon: <IconClipboardList size={18} />, scope: 'admin:audit' },
  { to: '/backups', label: 'Backups', icon: <IconDatabase size={18} />, scope: 'admin:backups' },
  { to: '/database', label: 'Database', icon: <IconDatabaseHeart size={18} />, scope: 'admin:database' },
  { to: '/api-keys', label: 'API keys', icon: <IconKey size={18} />, scope: 'admin:api-keys' },
  { to: '/webhooks', label: 'Webhooks', icon: <IconWebhook size={18} />, scope: 'admin:webhooks' },
  { to: '/security', label: 'Security', icon: <IconShieldLock size={18} />, scope: 'admin:admins' },
  { to: '/profile', label: 'Profile', icon: <IconUser size={18} /> },
];

/** Signed-in area: checks the session (GET /api/admin/auth), then renders the shell around the page. */
export function AppRoot() {
  const auth = useAuthStatus();
  const navigate = useNavigate();
  const location = useLocation();
  const next = encodeURIComponent(import.meta.env.BASE_URL.replace(/\/$/, '') + location.pathname + location.search);

  useEffect(() => {
    // A 401 that a refresh cannot fix: back to the login page, remembering where we were.
    setUnauthorizedHandler(() => {
      queryClient.clear();
      navigate(`/login?next=${next}`, { replace: true });
    });
  }, [navigate, next]);

  if (auth.isPending) {
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  }
  if (auth.isError) {
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return (
    <ShellLayout
      nav={NAV.filter((item) => !item.scope || auth.data.admin.scopes.includes(item.scope))}
      user={auth.data.admin.name || auth.data.admin.email}
      actions={
        <>
          <NotificationBell />
          <ColorSchemeToggle />
          <LogoutButton onLoggedOut={() => navigate('/login', { replace: true })} />
        </>
      }
    >
      <Outlet />
    </ShellLayout>
  );
}
