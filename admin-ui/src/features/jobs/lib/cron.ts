const pad = (n: number) => String(n).padStart(2, '0');

const isNumber = (field: string) => /^\d+$/.test(field);

/**
 * A short human reading of the common five-field cron forms the maintenance tasks use (UTC);
 * anything else returns null and the raw expression is shown alone.
 */
export function describeCron(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute, hour, day, month, weekday] = fields;
  const everyDay = day === '*' && month === '*' && weekday === '*';
  if (!everyDay) return null;
  if (minute === '*' && hour === '*') return 'Every minute';
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step && hour === '*') return `Every ${step[1]} minutes`;
  if (isNumber(minute) && hour === '*') {
    return Number(minute) === 0 ? 'Hourly, on the hour' : `Hourly at :${pad(Number(minute))}`;
  }
  if (isNumber(minute) && isNumber(hour)) return `Daily at ${pad(Number(hour))}:${pad(Number(minute))} UTC`;
  return null;
}
