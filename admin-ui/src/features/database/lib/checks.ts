import type { CheckKind, CheckOutcome, DatabaseCheck, DatabaseHealth, DatabaseTable } from '../types';

/** The checks offered, in the order shown, with what each does. */
export const CHECKS: { kind: CheckKind; label: string; description: string; confirm: boolean }[] = [
  {
    kind: 'integrity_check',
    label: 'Integrity check',
    description: 'Reads every page and index, and checks foreign keys. Read-only: the server keeps writing meanwhile.',
    confirm: false,
  },
  {
    kind: 'optimize',
    label: 'Optimize',
    description: "Refreshes the query planner's statistics where they are out of date. Quick.",
    confirm: false,
  },
  {
    kind: 'vacuum',
    label: 'Vacuum',
    description:
      'Rewrites the database without its free pages and gives the space back to the disk. Writes wait until it is done.',
    confirm: true,
  },
];

export const checkLabel = (kind: CheckKind) => CHECKS.find((c) => c.kind === kind)?.label ?? kind;

/** Queued and running checks are unfinished. */
export const isUnfinished = (outcome: CheckOutcome) => outcome === 'queued' || outcome === 'running';

export function outcomeColor(outcome: CheckOutcome): string {
  switch (outcome) {
    case 'ok':
      return 'green';
    case 'problems':
    case 'failed':
      return 'red';
    case 'interrupted':
      return 'orange';
    default:
      return 'blue';
  }
}

/** Poll every 2 s while a check is queued or running; otherwise no polling (the page refetches on focus). */
export const pollInterval = (health: DatabaseHealth | undefined): number | false => (health?.running ? 2_000 : false);

/** The newest check of a kind, if any ran. */
export const lastOf = (health: DatabaseHealth | undefined, kind: CheckKind): DatabaseCheck | undefined =>
  health?.last.find((c) => c.kind === kind);

/** "1,234", or "≥ 100,000" when counting stopped at the limit. */
export const formatRows = (table: DatabaseTable) => `${table.capped ? '≥ ' : ''}${table.rows.toLocaleString('en-US')}`;

/**
 * Why VACUUM cannot run now, or null when it can: another check is unfinished, or the disk lacks the space
 * (the server refuses with 409 too; this only saves a round trip).
 */
export function vacuumBlocked(health: DatabaseHealth | undefined): string | null {
  if (!health) return 'loading';
  if (health.running) return `${checkLabel(health.running.kind)} is ${health.running.outcome}`;
  if (health.figures.disk_free_bytes < health.figures.vacuum_needs_bytes) return 'not enough free disk space';
  return null;
}
