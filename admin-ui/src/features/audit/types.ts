import type { SortOrder } from '@/components/sort-header';

/** One audit-log row (AuditRepository.Entry, snake_case). */
export interface AuditEntry {
  id: number;
  admin_id: number | null;
  admin_email: string | null;
  admin_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  details: string | null;
  ip: string | null;
  request_id: string | null;
  created_at: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

/** What the filter bar holds; dates are the `YYYY-MM-DD` values of date inputs (local days). */
export interface AuditFilters {
  action: string;
  adminId: string;
  search: string;
  from: string;
  to: string;
}

export const EMPTY_FILTERS: AuditFilters = { action: '', adminId: '', search: '', from: '', to: '' };

export type { SortOrder };

/** One export sink's delivery status (AuditForwarder.SinkStatus, snake_case). */
export interface AuditSink {
  name: 'syslog' | 'file' | string;
  target: string;
  position: number;
  behind: number;
  connected: boolean;
  last_error: string | null;
  last_error_at: string | null;
  last_delivered_at: string | null;
}

export interface AuditSinks {
  sinks: AuditSink[];
}

export const auditKeys = {
  all: ['audit'] as const,
  sinks: ['audit', 'sinks'] as const,
  list: (query: Record<string, unknown>) => ['audit', 'list', query] as const,
};
