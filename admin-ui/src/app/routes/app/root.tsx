import { Center, Loader } from '@mantine/core';
import { IconGauge } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ColorSchemeToggle } from '@/components/color-scheme-toggle';
import { ShellLayout, type NavItem } from '@/components/layouts/shell-layout';
import { useAuthStatus } from '@/features/auth/api/get-auth-status';
import { LogoutButton } from '@/features/auth/components/logout-button';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { queryClient } from '@/lib/query-client';

const NAV: NavItem[] = [{ to: '/dashboard', label: 'Dashboard', icon: <IconGauge size={18} /> }];

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
      nav={NAV}
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
