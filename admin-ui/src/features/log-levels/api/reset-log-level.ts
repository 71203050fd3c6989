import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { logLevelKeys, type Logger } from '../types';

/** DELETE /api/admin/log-levels/{name}: back to the level the server started with. */
export const resetLogLevel = (name: string) =>
  api<{ logger: Logger }>(`/api/admin/log-levels/${encodeURIComponent(name)}`, { method: 'DELETE' });

export const useResetLogLevel = () => useChangingMutation(resetLogLevel, logLevelKeys.all);
