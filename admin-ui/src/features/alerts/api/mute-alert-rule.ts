import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { alertKeys, type AlertRule } from '../types';

/** POST /api/admin/alerts/{id}/mute {"for": "1h"}: evaluated and recorded, nobody notified until then. */
export const muteAlertRule = ({ id, duration }: { id: number; duration: string }) =>
  api<{ rule: AlertRule }>(`/api/admin/alerts/${id}/mute`, { method: 'POST', body: { for: duration } });

export const useMuteAlertRule = () => useChangingMutation(muteAlertRule, alertKeys.all);
