import { describe, expect, it } from 'vitest';
import { dayKey, extraLines, filterParams, keyFields, levelParam, messageOf, shortLogger } from './format';

describe('levelParam', () => {
  it('sends no level for all or none (every line, unknown included)', () => {
    expect(levelParam(['debug', 'info', 'warn', 'error'])).toBeUndefined();
    expect(levelParam([])).toBeUndefined();
  });

  it('sends a subset as a comma list in level order, debug and error covering trace and fatal', () => {
    expect(levelParam(['error', 'warn'])).toBe('warn,error,fatal');
    expect(levelParam(['info', 'debug'])).toBe('trace,debug,info');
    expect(levelParam(['warn'])).toBe('warn');
  });
});

describe('filterParams', () => {
  it('omits empty values and trims the search', () => {
    expect(filterParams({ levels: ['debug', 'info', 'warn', 'error'], search: '  ' })).toEqual({});
    expect(filterParams({ levels: ['warn'], search: ' timeout ' })).toEqual({ level: 'warn', search: 'timeout' });
  });

  it('passes regex, exclude and the time range on as given', () => {
    expect(
      filterParams({
        levels: [],
        search: '',
        regex: 'GET /missing-\\d+ ',
        exclude: 'health',
        from: '2026-11-22T10:00:00.000Z',
        to: '',
      }),
    ).toEqual({ regex: 'GET /missing-\\d+ ', exclude: 'health', from: '2026-11-22T10:00:00.000Z' });
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

  it("puts an access line's status among the first fields", () => {
    const entry = {
      level: 'warn',
      msg: 'GET /x 404',
      remote: '1',
      method: 'GET',
      path: '/x',
      protocol: 'h',
      status: 404,
    };
    expect(keyFields(entry).map(([name]) => name)).toEqual(['status', 'remote', 'method', 'path']);
  });

  it('shortens long values and loggers', () => {
    expect(keyFields({ big: 'x'.repeat(200) })[0][1]).toHaveLength(80);
    expect(shortLogger('dev.vigil.logs.LogChannel')).toBe('d.v.l.LogChannel');
    expect(shortLogger('access')).toBe('access');
  });

  it('shows the first line of a multi-line entry and counts the rest', () => {
    const entry = { level: 'error', msg: 'boom', stack: 'java.lang.X: boom\n\tat a.B.c(B.java:1)', lines: 3 };
    expect(messageOf(entry)).toBe('boom');
    expect(extraLines(entry)).toBe(2);
    expect(extraLines({ msg: 'boom', stack: 'one\ntwo\n' })).toBe(2);
    expect(extraLines({ msg: 'first\nsecond' })).toBe(1);
    expect(messageOf({ msg: 'first\nsecond' })).toBe('first');
    expect(extraLines({ msg: 'one line', lines: 1 })).toBe(0);
    // Fields already shown (or shown on expanding) are not repeated inline.
    expect(keyFields(entry)).toEqual([]);
  });

  it('falls back to the whole entry without a msg, and has no day without a time', () => {
    expect(messageOf({ level: 'info', n: 1 })).toBe('{"level":"info","n":1}');
    expect(dayKey({ msg: 'x' })).toBeNull();
    expect(dayKey({ time: 'not a date' })).toBeNull();
  });
});
