import { describe, expect, it } from 'vitest';
import { curlExample, expiresAt } from './api-key';

describe('expiresAt', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('is undefined for a key that never expires', () => {
    expect(expiresAt('never', now)).toBeUndefined();
  });

  it('adds the chosen days', () => {
    expect(expiresAt('30', now)).toBe('2026-01-31T00:00:00.000Z');
    expect(expiresAt('365', now)).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('curlExample', () => {
  it('sends a notification with a sending key', () => {
    const example = curlExample('https://vigil.example', 'vgl_x', ['logs:read', 'notifications:send']);
    expect(example).toContain("-H 'Authorization: Bearer vgl_x'");
    expect(example).toContain('https://vigil.example/api/v1/notifications');
  });

  it('tails the log with a log key', () => {
    expect(curlExample('http://h', 'vgl_x', ['logs:read'])).toContain('-N');
    expect(curlExample('http://h', 'vgl_x', ['logs:read'])).toContain('/api/v1/logs/sse');
  });

  it('reads the dashboard otherwise', () => {
    expect(curlExample('http://h', 'vgl_x', ['dashboard:read'])).toContain('/api/v1/dashboard');
  });
});
