import { LEVELS, type AlertRule, type AlertRuleInput, type Role } from '../types';

/** The form's state: numbers as the selects hold them, recipients as a choice. */
export interface AlertFormValues {
  name: string;
  source: string;
  levels: string[];
  pattern: string;
  exclude: string;
  threshold: number | string;
  window: string;
  forSeconds: string;
  cooldown: string;
  recipients: 'role' | 'admins';
  role: Role;
  adminIds: string[];
  enabled: boolean;
}

export const WINDOWS = [10, 30, 60, 300, 900, 3600, 6 * 3600, 24 * 3600];
export const FOR_DURATIONS = [0, 30, 60, 300, 900];
export const COOLDOWNS = [0, 60, 300, 900, 3600, 6 * 3600, 24 * 3600];

export const EMPTY_FORM: AlertFormValues = {
  name: '',
  source: 'vigil',
  levels: ['error'],
  pattern: '',
  exclude: '',
  threshold: 1,
  window: '60',
  forSeconds: '0',
  cooldown: '900',
  recipients: 'role',
  role: 'admin',
  adminIds: [],
  enabled: true,
};

/** "10 s", "5 min", "1 h", "immediately" for 0. */
export function formatSeconds(seconds: number, zero = 'none'): string {
  if (seconds === 0) return zero;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** Select options for preset durations, plus the current value when it is not a preset. */
export function durationOptions(presets: number[], current: string, zero = 'none') {
  const values = presets.includes(Number(current)) || current === '' ? presets : [...presets, Number(current)];
  return [...values].sort((a, b) => a - b).map((s) => ({ value: String(s), label: formatSeconds(s, zero) }));
}

export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One pattern for the viewer's text search and regex together: the search as literal text (the viewer
 * looks for it in the entry's fields, the rule in its raw text) and, when both are given, both required.
 */
export function combinePattern(search: string, regex: string): string {
  const literal = search.trim() ? escapeRegex(search.trim()) : '';
  if (literal && regex) return `^(?=[\\s\\S]*?${literal})[\\s\\S]*?(?:${regex})`;
  return literal || regex;
}

/**
 * The create form opened from the viewer: /alerts/new?source=&level=&search=&regex=&exclude= (the viewer's
 * filter). Unknown levels are dropped; no level given means any level.
 */
export function formFromQuery(params: URLSearchParams): AlertFormValues {
  const source = params.get('source')?.trim() || EMPTY_FORM.source;
  const levelParam = params.get('level');
  const levels =
    levelParam === null
      ? EMPTY_FORM.levels
      : levelParam
          .split(',')
          .map((l) => l.trim().toLowerCase())
          .filter((l): l is (typeof LEVELS)[number] => (LEVELS as readonly string[]).includes(l));
  const pattern = combinePattern(params.get('search') ?? '', params.get('regex') ?? '');
  const what = levels.length > 0 ? levels.join('/') : 'Matching';
  return {
    ...EMPTY_FORM,
    name: `${what[0].toUpperCase()}${what.slice(1)} lines on ${source}`,
    source,
    levels: levels.length > 0 || levelParam !== null ? [...levels] : EMPTY_FORM.levels,
    pattern,
    exclude: params.get('exclude') ?? '',
  };
}

export function formFromRule(rule: AlertRule): AlertFormValues {
  return {
    name: rule.name,
    source: rule.source,
    levels: rule.levels,
    pattern: rule.pattern,
    exclude: rule.exclude,
    threshold: rule.threshold,
    window: String(rule.window_seconds),
    forSeconds: String(rule.for_seconds),
    cooldown: String(rule.cooldown_seconds),
    recipients: rule.recipient_role ? 'role' : 'admins',
    role: rule.recipient_role ?? 'admin',
    adminIds: rule.recipient_admin_ids.map(String),
    enabled: rule.enabled,
  };
}

/** What the server gets. */
export function toInput(values: AlertFormValues): AlertRuleInput {
  return {
    name: values.name.trim(),
    source: values.source,
    levels: values.levels,
    pattern: values.pattern,
    exclude: values.exclude,
    threshold: Number(values.threshold),
    window_seconds: Number(values.window),
    for_seconds: Number(values.forSeconds),
    cooldown_seconds: Number(values.cooldown),
    recipient_role: values.recipients === 'role' ? values.role : null,
    recipient_admin_ids: values.recipients === 'admins' ? values.adminIds.map(Number) : [],
    enabled: values.enabled,
  };
}

function regexError(pattern: string): string | undefined {
  if (pattern.length > 500) return 'At most 500 characters';
  try {
    // Close enough to Java's syntax to catch typos before a round trip; the server has the last word.
    new RegExp(pattern.replace(/\(\?[a-z]+\)/gi, ''), 'i');
    return undefined;
  } catch {
    return 'Not a valid regular expression';
  }
}

/** The checks the server makes too (AlertService), shown before a round trip. */
export function validateAlertForm(values: AlertFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.name.trim() === '') errors.name = 'A name is required';
  else if (values.name.trim().length > 100) errors.name = 'At most 100 characters';
  if (!values.source) errors.source = 'Choose a source';
  const threshold = Number(values.threshold);
  if (!Number.isInteger(threshold) || threshold < 1) errors.threshold = 'At least 1';
  const pattern = regexError(values.pattern);
  if (pattern) errors.pattern = pattern;
  const exclude = regexError(values.exclude);
  if (exclude) errors.exclude = exclude;
  if (values.recipients === 'admins' && values.adminIds.length === 0) {
    errors.recipient_admin_ids = 'Choose at least one admin';
  }
  if (values.adminIds.some((id) => !/^\d+$/.test(id))) errors.recipient_admin_ids = 'Admin ids are numbers';
  return errors;
}

/** The server's field names (422 `fields`) as the form's. */
export const FIELD_OF: Record<string, string> = {
  window_seconds: 'window',
  for_seconds: 'forSeconds',
  cooldown_seconds: 'cooldown',
  recipient_role: 'role',
  recipient_admin_ids: 'recipient_admin_ids',
};
