import { describe, expect, it } from 'vitest';
import { validatePasswordForm } from './password-form';

describe('validatePasswordForm', () => {
  it('accepts a valid change', () => {
    expect(
      validatePasswordForm({
        current_password: 'old-password',
        new_password: 'new-password',
        confirm_password: 'new-password',
      }),
    ).toEqual({});
  });

  it('requires both passwords', () => {
    expect(validatePasswordForm({ current_password: '', new_password: '', confirm_password: '' })).toEqual({
      current_password: 'current password is required',
      new_password: 'new password is required',
    });
  });

  it('rejects a short new password', () => {
    expect(validatePasswordForm({ current_password: 'x', new_password: 'short', confirm_password: 'short' })).toEqual({
      new_password: 'must be at least 8 characters',
    });
  });

  it('rejects a mismatched confirmation', () => {
    expect(
      validatePasswordForm({ current_password: 'x', new_password: 'new-password', confirm_password: 'new-passw0rd' }),
    ).toEqual({ confirm_password: 'passwords do not match' });
  });

  it('rejects reusing the current password', () => {
    expect(
      validatePasswordForm({
        current_password: 'same-password',
        new_password: 'same-password',
        confirm_password: 'same-password',
      }),
    ).toEqual({ new_password: 'must differ from the current password' });
  });
});
