import type { Logger } from '../types';

export const LEVEL_COLORS: Record<string, string> = {
  TRACE: 'gray',
  DEBUG: 'grape',
  INFO: 'blue',
  WARN: 'yellow',
  ERROR: 'red',
  OFF: 'dark',
};

/**
 * The loggers to show for a search: changed ones first (what an operator wants to find again), then by
 * name; at most `limit`, with the number left out.
 */
export function visibleLoggers(loggers: Logger[], search: string, limit: number) {
  const needle = search.trim().toLowerCase();
  const matching = loggers.filter((logger) => logger.name.toLowerCase().includes(needle));
  const ordered = [
    ...matching.filter((logger) => logger.change !== null),
    ...matching.filter((logger) => logger.change === null),
  ];
  return { shown: ordered.slice(0, limit), hidden: Math.max(0, ordered.length - limit) };
}
