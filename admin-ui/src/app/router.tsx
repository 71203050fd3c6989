import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { AppRoot } from './routes/app/root';
import { DashboardRoute } from './routes/app/dashboard';
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
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ],
  { basename: import.meta.env.BASE_URL.replace(/\/$/, '') },
);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
