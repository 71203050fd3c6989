import type { SessionInfo } from '@/components/session-cells';

/** GET /api/admin/profile → {"admin"} (ProfileController.Profile). */
export interface Profile {
  id: number;
  email: string;
  name: string;
  role: string;
  scopes: string[];
  created_at: string;
  updated_at: string;
}

/** One of the caller's own live sessions (GET /api/admin/profile/sessions). */
export type OwnSession = SessionInfo;

export const profileKeys = {
  all: ['profile'] as const,
  me: ['profile', 'me'] as const,
  sessions: ['profile', 'sessions'] as const,
};

/** GET/PUT /api/admin/profile/channels (ChannelsController.Channels). */
export interface Channels {
  email: {
    /** Whether the operator configured an SMTP server. */
    available: boolean;
    address: string;
    types: string[];
    all_types: string[];
  };
}

/** One email delivery of a notification (GET /api/admin/profile/channels/email/deliveries). */
export interface EmailDelivery {
  id: number;
  notification_id: number;
  type: string;
  title: string;
  address: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export const channelKeys = {
  channels: ['profile', 'channels'] as const,
  deliveries: ['profile', 'channels', 'deliveries'] as const,
};

/** GET /api/admin/second-factor (SecondFactorService.Status). */
export interface SecondFactorStatus {
  enrolled: boolean;
  required: boolean;
  recovery_codes_left: number;
}

export const secondFactorKeys = {
  status: ['profile', 'second-factor'] as const,
};
