import { describe, expect, it } from 'vitest';
import { fieldOfMessage, isPending, validateWebhookForm } from './webhook-form';

const good = {
  name: 'Ops',
  url: 'https://hooks.example.com/x',
  types: ['info' as const],
  audiences: ['all'],
  format: 'vigil' as const,
};

describe('validateWebhookForm', () => {
  it('accepts a complete form', () => {
    expect(validateWebhookForm(good)).toEqual({});
  });

  it('refuses other schemes, credentials and empty choices', () => {
    expect(validateWebhookForm({ ...good, url: 'ftp://example.com' }).url).toBe('An http or https URL');
    expect(validateWebhookForm({ ...good, url: 'not a url' }).url).toBe('An http or https URL');
    expect(validateWebhookForm({ ...good, url: 'https://u:p@example.com' }).url).toMatch(/No credentials/);
    expect(validateWebhookForm({ ...good, name: ' ' }).name).toBe('A name is required');
    expect(validateWebhookForm({ ...good, types: [] }).types).toBe('Choose at least one type');
    expect(validateWebhookForm({ ...good, audiences: [] }).audiences).toBe('Choose at least one audience');
  });
});

describe('fieldOfMessage', () => {
  it('splits the server message of a field', () => {
    expect(fieldOfMessage('url: must be an http or https URL')).toEqual({
      field: 'url',
      reason: 'must be an http or https URL',
    });
    expect(fieldOfMessage('webhook not found')).toBeNull();
  });
});

describe('isPending', () => {
  it('is true until delivered or failed', () => {
    expect(isPending('retrying')).toBe(true);
    expect(isPending('queued')).toBe(true);
    expect(isPending('delivered')).toBe(false);
    expect(isPending('failed')).toBe(false);
  });
});
