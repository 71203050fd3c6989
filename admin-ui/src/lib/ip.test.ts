import { describe, expect, it } from 'vitest';
import { formatIp } from './ip';

describe('formatIp', () => {
  it('leaves IPv4 and empty values alone', () => {
    expect(formatIp('192.168.1.10')).toBe('192.168.1.10');
    expect(formatIp('')).toBe('');
    expect(formatIp(null)).toBe('');
  });

  it('shortens full IPv6 forms', () => {
    expect(formatIp('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(formatIp('0:0:0:0:0:0:0:0')).toBe('::');
    expect(formatIp('2001:db8:0:0:0:0:2:1')).toBe('2001:db8::2:1');
    expect(formatIp('2001:0DB8:0000:0001:0000:0000:0000:0001')).toBe('2001:db8:0:1::1');
    expect(formatIp('fe80:0:0:0:1:0:0:0')).toBe('fe80::1:0:0:0');
  });

  it('keeps a single zero group', () => {
    expect(formatIp('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
  });

  it('shows IPv4-mapped addresses as IPv4', () => {
    expect(formatIp('0:0:0:0:0:ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(formatIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
  });

  it('leaves short and odd forms unchanged', () => {
    expect(formatIp('::1')).toBe('::1');
    expect(formatIp('fe80::1%eth0')).toBe('fe80::1%eth0');
  });
});
