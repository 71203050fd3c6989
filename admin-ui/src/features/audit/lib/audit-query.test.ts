import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from '../types';
import { actionColor, auditQuery, dayBoundary, filterError, hasFilters } from './audit-query';

describe('dayBoundary', () => {
  it('turns a date input value into the local start or end of that day', () => {
    expect(dayBoundary('2026-03-10', false)).toBe(new Date(2026, 2, 10, 0, 0, 0, 0).toISOString());
    expect(dayBoundary('2026-03-10', true)).toBe(new Date(2026, 2, 10, 23, 59, 59, 999).toISOString());
  });

  it('rejects empty and impossible days', () => {
    expect(dayBoundary('', false)).toBeNull();
    expect(dayBoundary('2026-02-30', false)).toBeNull();
    expect(dayBoundary('10/03/2026', false)).toBeNull();
  });
});

describe('auditQuery', () => {
  it('leaves empty filters out and pages by offset', () => {
    const q = auditQuery(EMPTY_FILTERS, 3, 25, 'desc');
    expect(q).toMatchObject({ limit: 25, offset: 50, sort: 'created_at', order: 'desc' });
    expect(q.action).toBeUndefined();
    expect(q.admin_id).toBeUndefined();
    expect(q.search).toBeUndefined();
    expect(q.from).toBeUndefined();
    expect(q.to).toBeUndefined();
  });

  it('passes trimmed filters and date boundaries', () => {
    const q = auditQuery(
      { action: ' auth.login ', adminId: '7', search: ' x ', from: '2026-01-01', to: '2026-01-31' },
      1,
      50,
      'asc',
    );
    expect(q).toMatchObject({ action: 'auth.login', admin_id: '7', search: 'x', offset: 0, order: 'asc' });
    expect(q.from).toBe(new Date(2026, 0, 1).toISOString());
    expect(q.to).toBe(new Date(2026, 0, 31, 23, 59, 59, 999).toISOString());
  });

  it('drops a non-numeric admin id', () => {
    expect(auditQuery({ ...EMPTY_FILTERS, adminId: 'abc' }, 1, 50, 'desc').admin_id).toBeUndefined();
  });
});

describe('filters', () => {
  it('reports an inverted date range and a bad admin id', () => {
    expect(filterError({ ...EMPTY_FILTERS, from: '2026-02-01', to: '2026-01-01' })).toMatch(/after/);
    expect(filterError({ ...EMPTY_FILTERS, from: '2026-01-01', to: '2026-01-01' })).toBeNull();
    expect(filterError({ ...EMPTY_FILTERS, adminId: 'x' })).toMatch(/number/);
    expect(filterError(EMPTY_FILTERS)).toBeNull();
  });

  it('knows when any filter is set', () => {
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTERS, search: 'a' })).toBe(true);
    expect(hasFilters({ ...EMPTY_FILTERS, search: '  ' })).toBe(false);
  });

  it('colours actions by area, destructive verbs red', () => {
    expect(actionColor('auth.login')).toBe('blue');
    expect(actionColor('admin.delete')).toBe('red');
    expect(actionColor('session.revoke')).toBe('red');
    expect(actionColor('backup.create')).toBe('teal');
    expect(actionColor('something')).toBe('gray');
  });
});
