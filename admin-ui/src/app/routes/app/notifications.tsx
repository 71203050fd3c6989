import { useAuthStatus } from '@/features/auth/api/get-auth-status';
import { NotificationsTable } from '@/features/notifications/components/notifications-table';

/** /notifications: the signed-in admin's notifications; sending needs scope admin:notifications. */
export function NotificationsRoute() {
  const auth = useAuthStatus();
  return <NotificationsTable canSend={auth.data?.admin.scopes.includes('admin:notifications') ?? false} />;
}
