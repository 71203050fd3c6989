/** Badge text: the count, capped at 99+. */
export const formatCount = (count: number): string => (count > 99 ? '99+' : String(count));
