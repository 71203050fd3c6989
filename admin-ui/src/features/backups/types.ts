/** A database backup file (Backups.Backup). */
export interface Backup {
  name: string;
  size: number;
  created: string;
}

export const backupKeys = {
  all: ['backups'] as const,
};
