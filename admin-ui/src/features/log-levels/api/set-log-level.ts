import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { logLevelKeys, type Logger } from '../types';

export interface SetLogLevelInput {
  name: string;
  level: string;
}

/** PUT /api/admin/log-levels/{name} {"level"}: applies at once, until restart; 422 on a bad name or level. */
export const setLogLevel = ({ name, level }: SetLogLevelInput) =>
  api<{ logger: Logger }>(`/api/admin/log-levels/${encodeURIComponent(name)}`, { method: 'PUT', body: { level } });

export const useSetLogLevel = () => useChangingMutation(setLogLevel, logLevelKeys.all, { inlineErrors: true });
