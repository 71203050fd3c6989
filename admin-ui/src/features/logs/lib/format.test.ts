import { describe, expect, it } from 'vitest';
import { dayKey, filterParams, keyFields, levelParam, messageOf, shortLogger } from './format';

describe('levelParam', () => {
  it('sends no level for all or none (every line, unknown included)', () => {
    expect(levelParam(['debug', 'info', 'warn', 'error'])).toBeUndefined();
    expect(levelParam([])).toBeUndefined();
  });

  it('sends a subset as a comma list in level order', () => {
    expect(levelParam(['error', 'warn'])).toBe('warn,error');
  });
});

describe('filterParams', () => {
  it('omits empty values and trims the search', () => {
    expect(filterParams({ levels: ['debug', 'info', 'warn', 'error'], search: '  ' })).toEqual({});
    expect(filterParams({ levels: ['error'], search: ' timeout ' })).toEqual({ level: 'error', search: 'timeout' });
  });
});

describe('entry helpers', () => {
  it('puts request id and error first among the extra fields', () => {
    const entry = {
      time: 't',
      level: 'info',
      msg: 'm',
      logger: 'l',
      thread: 'x',
      status: 200,
      request_id: 'r1',
      error: 'boom',
    };
    expect(keyFields(entry)).toEqual([
      ['request_id', 'r1'],
      ['error', 'boom'],
      ['status', '200'],
    ]);
  });

  it('shortens long values and loggers', () => {
    expect(keyFields({ big: 'x'.repeat(200) })[0][1]).toHaveLength(80);
    expect(shortLogger('dev.vigil.logs.LogChannel')).toBe('d.v.l.LogChannel');
    expect(shortLogger('access')).toBe('access');
  });

  it('falls back to the whole entry without a msg, and has no day without a time', () => {
    expect(messageOf({ level: 'info', n: 1 })).toBe('{"level":"info","n":1}');
    expect(dayKey({ msg: 'x' })).toBeNull();
    expect(dayKey({ time: 'not a date' })).toBeNull();
  });
});
