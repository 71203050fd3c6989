/** Sum of the sizes, for the list's summary line. */
export const totalSize = (backups: { size: number }[]) => backups.reduce((sum, b) => sum + b.size, 0);
