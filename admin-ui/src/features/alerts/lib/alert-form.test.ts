import { expect, it } from 'vitest';
import { combinePattern, formFromQuery, toInput, validateAlertForm, EMPTY_FORM } from './alert-form';

it('prefills the form from the viewer filter', () => {
  const form = formFromQuery(
    new URLSearchParams('source=nginx&level=error,WARN,loud&regex=time(d)?out&exclude=health'),
  );
  expect(form.source).toBe('nginx');
  expect(form.levels).toEqual(['error', 'warn']);
  expect(form.pattern).toBe('time(d)?out');
  expect(form.exclude).toBe('health');
  expect(form.name).toBe('Error/warn lines on nginx');
});

it('turns a text search into a literal pattern, and requires both with a regex', () => {
  expect(combinePattern('a.b (c)', '')).toBe('a\\.b \\(c\\)');
  expect(combinePattern('', 'x+')).toBe('x+');
  const both = combinePattern('GET /api', '5\\d\\d');
  expect(both).toBe('^(?=[\\s\\S]*?GET /api)[\\s\\S]*?(?:5\\d\\d)');
  const regex = new RegExp(both);
  expect(regex.test('"GET /api/x" 502')).toBe(true);
  expect(regex.test('"GET /api/x" 200')).toBe(false);
  expect(regex.test('"POST /other" 502')).toBe(false);
});

it('defaults to the own log and errors without a filter, and to any level for an empty level', () => {
  const form = formFromQuery(new URLSearchParams(''));
  expect(form.source).toBe('vigil');
  expect(form.levels).toEqual(['error']);
  expect(formFromQuery(new URLSearchParams('level=')).levels).toEqual([]);
});

it('sends role or admin recipients, never both', () => {
  const byRole = toInput({ ...EMPTY_FORM, name: ' n ', adminIds: ['3'] });
  expect(byRole.name).toBe('n');
  expect(byRole.recipient_role).toBe('admin');
  expect(byRole.recipient_admin_ids).toEqual([]);
  const byAdmins = toInput({ ...EMPTY_FORM, recipients: 'admins', adminIds: ['3', '7'] });
  expect(byAdmins.recipient_role).toBeNull();
  expect(byAdmins.recipient_admin_ids).toEqual([3, 7]);
  expect(byAdmins.window_seconds).toBe(60);
});

it('validates what the server would refuse', () => {
  const errors = validateAlertForm({ ...EMPTY_FORM, pattern: '(unclosed', threshold: 0, recipients: 'admins' });
  expect(Object.keys(errors).sort()).toEqual(['name', 'pattern', 'recipient_admin_ids', 'threshold']);
  expect(validateAlertForm({ ...EMPTY_FORM, name: 'ok' })).toEqual({});
});
