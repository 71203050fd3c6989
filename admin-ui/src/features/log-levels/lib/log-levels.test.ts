import { describe, expect, it } from 'vitest';
import type { Logger } from '../types';
import { visibleLoggers } from './log-levels';

const logger = (name: string, changed = false): Logger => ({
  name,
  configured_level: null,
  effective_level: 'INFO',
  startup_level: null,
  change: changed ? { by_admin_id: 1, at: '2026-12-06T15:00:00Z' } : null,
});

describe('visibleLoggers', () => {
  const all = [logger('ROOT'), logger('dev.vigil'), logger('dev.vigil.logs', true), logger('org.jobrunr')];

  it('puts changed loggers first and keeps the rest in order', () => {
    expect(visibleLoggers(all, '', 10).shown.map((l) => l.name)).toEqual([
      'dev.vigil.logs',
      'ROOT',
      'dev.vigil',
      'org.jobrunr',
    ]);
  });

  it('filters case-insensitively and counts what the limit leaves out', () => {
    expect(visibleLoggers(all, ' DEV.Vigil ', 1)).toEqual({ shown: [all[2]], hidden: 1 });
    expect(visibleLoggers(all, 'nothing', 5)).toEqual({ shown: [], hidden: 0 });
  });
});
