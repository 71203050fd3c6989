import { describe, expect, it } from 'vitest';
import { EMPTY_ROLE, formValues, roleInput, scopesByArea, sourcesSummary, validateRoleForm } from './role-form';

describe('validateRoleForm', () => {
  it('accepts a good name and refuses the ones the server refuses', () => {
    expect(validateRoleForm({ ...EMPTY_ROLE, name: 'log-readers_2' }, 'create')).toEqual({});
    for (const name of ['', 'a', 'Readers', '1st', 'has space', 'x'.repeat(33)]) {
      expect(validateRoleForm({ ...EMPTY_ROLE, name }, 'create')).toHaveProperty('name');
    }
  });

  it('does not check the name of a role being edited (it cannot change)', () => {
    expect(validateRoleForm({ ...EMPTY_ROLE, name: 'viewer' }, 'edit')).toEqual({});
  });

  it('wants at least one source when the role is limited to some', () => {
    expect(validateRoleForm({ ...EMPTY_ROLE, name: 'ops', limitSources: true }, 'create')).toEqual({
      log_sources: 'choose at least one source, or allow every source',
    });
    expect(validateRoleForm({ ...EMPTY_ROLE, name: 'ops', limitSources: true, logSources: ['app'] }, 'create')).toEqual(
      {},
    );
  });
});

describe('roleInput', () => {
  it('sends null sources for every source, the list when limited', () => {
    const values = { ...EMPTY_ROLE, name: ' ops ', description: ' App team ', logSources: ['app'] };
    expect(roleInput(values)).toEqual({
      name: 'ops',
      description: 'App team',
      scopes: ['admin:logs'],
      log_sources: null,
    });
    expect(roleInput({ ...values, limitSources: true }).log_sources).toEqual(['app']);
  });

  it('round-trips a listed role', () => {
    const role = {
      name: 'ops',
      description: 'd',
      scopes: ['admin:logs', 'admin:audit'],
      log_sources: ['app'],
      builtin: false,
      locked: false,
      admins: 2,
      created_at: '',
      updated_at: '',
    };
    expect(roleInput(formValues(role))).toEqual({
      name: 'ops',
      description: 'd',
      scopes: ['admin:logs', 'admin:audit'],
      log_sources: ['app'],
    });
    expect(formValues({ ...role, log_sources: null }).limitSources).toBe(false);
  });
});

describe('scopesByArea', () => {
  it('groups in the server order', () => {
    const groups = scopesByArea([
      { id: 'admin:logs', label: 'Read logs', area: 'Logs' },
      { id: 'admin:audit', label: 'Audit', area: 'People' },
      { id: 'admin:alerts', label: 'Alerts', area: 'Logs' },
    ]);
    expect(groups.map((g) => [g.area, g.scopes.map((s) => s.id)])).toEqual([
      ['Logs', ['admin:logs', 'admin:alerts']],
      ['People', ['admin:audit']],
    ]);
  });
});

describe('sourcesSummary', () => {
  it('says what the role may read', () => {
    expect(sourcesSummary({ scopes: ['admin:audit'], log_sources: null })).toBe('no logs');
    expect(sourcesSummary({ scopes: ['admin:logs'], log_sources: null })).toBe('every source');
    expect(sourcesSummary({ scopes: ['admin:logs'], log_sources: ['app', 'nginx'] })).toBe('app, nginx');
    expect(sourcesSummary({ scopes: ['admin:logs'], log_sources: [] })).toBe('no source');
  });
});
