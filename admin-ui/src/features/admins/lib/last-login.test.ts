import { describe, expect, it } from 'vitest';
import { latestLoginByAdmin } from './last-login';

describe('latestLoginByAdmin', () => {
  it('keeps the newest session start per admin, whatever the order', () => {
    expect(
      latestLoginByAdmin([
        { admin_id: 1, created_at: '2026-01-01T10:00:00Z' },
        { admin_id: 2, created_at: '2026-01-02T10:00:00Z' },
        { admin_id: 1, created_at: '2026-01-03T10:00:00Z' },
        { admin_id: 1, created_at: '2026-01-02T10:00:00Z' },
      ]),
    ).toEqual({ 1: '2026-01-03T10:00:00Z', 2: '2026-01-02T10:00:00Z' });
  });

  it('is empty without sessions', () => {
    expect(latestLoginByAdmin([])).toEqual({});
  });
});
