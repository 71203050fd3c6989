import { describe, expect, it } from 'vitest';
import { adminLabel } from './admin-options';

describe('adminLabel', () => {
  it('shows the name with the email, or the email alone', () => {
    expect(adminLabel({ name: 'Ada', email: 'ada@example.com' })).toBe('Ada (ada@example.com)');
    expect(adminLabel({ name: '', email: 'ada@example.com' })).toBe('ada@example.com');
    expect(adminLabel({ name: 'ada@example.com', email: 'ada@example.com' })).toBe('ada@example.com');
  });
});
