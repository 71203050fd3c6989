import { describe, expect, it } from 'vitest';
import { describeCron } from './cron';

describe('describeCron', () => {
  it('reads the maintenance schedules', () => {
    expect(describeCron('0 * * * *')).toBe('Hourly, on the hour');
    expect(describeCron('15 * * * *')).toBe('Hourly at :15');
    expect(describeCron('0 2 * * *')).toBe('Daily at 02:00 UTC');
    expect(describeCron('30 3 * * *')).toBe('Daily at 03:30 UTC');
    expect(describeCron('*/5 * * * *')).toBe('Every 5 minutes');
    expect(describeCron('* * * * *')).toBe('Every minute');
  });

  it('gives up on anything else', () => {
    expect(describeCron('0 2 * * 1')).toBeNull();
    expect(describeCron('0 0 1 * *')).toBeNull();
    expect(describeCron('0 */2 * * *')).toBeNull();
    expect(describeCron('@daily')).toBeNull();
    expect(describeCron('0 0 2 * * *')).toBeNull();
  });
});
