import { expect, it } from 'vitest';
import { isSafeLink, safeLink } from './safe-link';

it('accepts http(s) URLs and site paths', () => {
  expect(isSafeLink('https://example.com/x')).toBe(true);
  expect(isSafeLink('http://example.com')).toBe(true);
  expect(isSafeLink('/admin/jobs')).toBe(true);
  expect(safeLink({ link: ' /admin/logs ' })).toBe('/admin/logs');
});

it('rejects script, data and protocol-relative links', () => {
  expect(isSafeLink('javascript:alert(1)')).toBe(false);
  expect(isSafeLink('data:text/html,x')).toBe(false);
  expect(isSafeLink('//evil.example')).toBe(false);
  expect(isSafeLink('/\\evil.example')).toBe(false);
  expect(isSafeLink('https://')).toBe(false);
  expect(safeLink({ link: 42 })).toBeNull();
  expect(safeLink(null)).toBeNull();
  expect(safeLink('x')).toBeNull();
});
