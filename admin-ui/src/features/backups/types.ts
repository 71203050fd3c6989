/** A database backup file (Backups.Backup). */
export interface Backup {
  name: string;
  size: number;
  created: string;
}

/** GET /api/admin/backups */
export interface BackupList {
  backups: Backup[];
  /** The largest file "Restore from file" accepts, in bytes. */
  max_upload_size: number;
}

/** What a restore did; every session, the caller's included, has ended. */
export interface RestoreResult {
  source: string;
  safety_backup: Backup;
  schema_version: string;
  migrated: boolean;
  signed_out: boolean;
}

export const backupKeys = {
  all: ['backups'] as const,
};
