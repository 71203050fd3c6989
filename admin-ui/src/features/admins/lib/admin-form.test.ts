import { describe, expect, it } from 'vitest';
import { changedFields, roleOptions, validateAdminForm, type AdminFormValues } from './admin-form';

const base: AdminFormValues = {
  email: 'a@example.com',
  name: 'A',
  role: 'admin',
  is_active: true,
  password: 'long-enough',
};

describe('validateAdminForm', () => {
  it('accepts a complete create form', () => {
    expect(validateAdminForm(base, 'create')).toEqual({});
  });

  it('requires email and password on create', () => {
    expect(validateAdminForm({ ...base, email: ' ', password: '' }, 'create')).toEqual({
      email: 'email is required',
      password: 'password is required',
    });
  });

  it('rejects a malformed email and a short password', () => {
    expect(validateAdminForm({ ...base, email: 'nope', password: 'short' }, 'create')).toEqual({
      email: 'must be a valid email',
      password: 'must be at least 8 characters',
    });
  });

  it('lets an edit keep the password (empty) but not set a short one', () => {
    expect(validateAdminForm({ ...base, email: '', password: '' }, 'edit')).toEqual({});
    expect(validateAdminForm({ ...base, password: 'short' }, 'edit')).toEqual({
      password: 'must be at least 8 characters',
    });
  });
});

describe('changedFields', () => {
  const before = { name: 'A', role: 'admin' as const, is_active: true };

  it('is empty when nothing changed', () => {
    expect(changedFields(before, { ...base, password: '' })).toEqual({});
  });

  it('sends only the changed fields, name trimmed', () => {
    expect(changedFields(before, { ...base, name: ' B ', role: 'viewer', is_active: false, password: '' })).toEqual({
      name: 'B',
      role: 'viewer',
      is_active: false,
    });
  });

  it('sends a new password when one was typed', () => {
    expect(changedFields(before, { ...base })).toEqual({ password: 'long-enough' });
  });
});

describe('roleOptions', () => {
  const choices = [
    { name: 'superadmin', description: '' },
    { name: 'admin', description: '' },
    { name: 'log-readers', description: 'Reads app logs' },
  ];

  it('offers every listed role, defined ones included', () => {
    expect(roleOptions(choices, 'admin')).toEqual([
      { value: 'superadmin', label: 'Superadmin' },
      { value: 'admin', label: 'Admin' },
      { value: 'log-readers', label: 'Log-readers' },
    ]);
  });

  it('keeps the current role when the list lacks it', () => {
    expect(roleOptions(choices, 'gone').map((option) => option.value)).toEqual([
      'superadmin',
      'admin',
      'log-readers',
      'gone',
    ]);
  });
});
