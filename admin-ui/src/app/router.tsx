import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { AdminsRoute } from './routes/app/admins';
import { AlertsRoute } from './routes/app/alerts';
import { ApiKeysRoute } from './routes/app/api-keys';
import { AuditRoute } from './routes/app/audit';
import { BackupsRoute } from './routes/app/backups';
import { DashboardRoute } from './routes/app/dashboard';
import { DatabaseRoute } from './routes/app/database';
import { JobsRoute } from './routes/app/jobs';
import { LogLevelsRoute } from './routes/app/log-levels';
import { LogsRoute } from './routes/app/logs';
import { NotificationsRoute } from './routes/app/notifications';
import { ProfileRoute } from './routes/app/profile';
import { RolesRoute } from './routes/app/roles';
import { AppRoot } from './routes/app/root';
import { SecurityRoute } from './routes/app/security';
import { SessionsRoute } from './routes/app/sessions';
import { WebhooksRoute } from './routes/app/webhooks';
import { LoginRoute } from './routes/auth/login';
import { NotFoundRoute } from './routes/not-found';

// import.meta.env.BASE_URL is '/admin/' (vite base); the router works below it.
const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginRoute /> },
    {
      path: '/',
      element: <AppRoot />,
      children: [
        { index: true, element: <Navigate to="/dashboard" replace /> },
        { path: 'dashboard', element: <DashboardRoute /> },
        { path: 'logs', element: <LogsRoute /> },
        { path: 'alerts', element: <AlertsRoute /> },
        { path: 'alerts/new', element: <AlertsRoute /> },
        { path: 'notifications', element: <NotificationsRoute /> },
        { path: 'admins', element: <AdminsRoute /> },
        { path: 'roles', element: <RolesRoute /> },
        { path: 'sessions', element: <SessionsRoute /> },
        { path: 'jobs', element: <JobsRoute /> },
        { path: 'log-levels', element: <LogLevelsRoute /> },
        { path: 'audit', element: <AuditRoute /> },
        { path: 'backups', element: <BackupsRoute /> },
        { path: 'database', element: <DatabaseRoute /> },
        { path: 'api-keys', element: <ApiKeysRoute /> },
        { path: 'webhooks', element: <WebhooksRoute /> },
        { path: 'security', element: <SecurityRoute /> },
        { path: 'profile', element: <ProfileRoute /> },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ],
  { basename: import.meta.env.BASE_URL.replace(/\/$/, '') },
);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
