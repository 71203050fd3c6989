import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** One row of the exported audit file, as the REST audit API lists it. */
export interface ExportedRow {
  id: number;
  action: string;
  details: string;
}

/** The rows of the exported JSON lines file (VIGIL_AUDIT_FILE, set by global-setup). */
export function exportedAudit(): ExportedRow[] {
  const text = readFileSync(join(inject('dataDir'), 'audit.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ExportedRow);
}
