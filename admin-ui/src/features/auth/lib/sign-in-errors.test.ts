import { describe, expect, it } from 'vitest';
import { signInErrorMessage } from './sign-in-errors';

describe('signInErrorMessage', () => {
  it('explains each code the server sends, and anything else generically', () => {
    expect(signInErrorMessage('sso_no_role')).toMatch(/groups/);
    expect(signInErrorMessage('sso_unavailable')).toMatch(/cannot be reached/);
    expect(signInErrorMessage('something_new')).toBe(signInErrorMessage('sso_failed'));
    expect(signInErrorMessage(null)).toBeNull();
  });
});
