import { describe, expect, it } from 'vitest';
import { actorLabel, shortIp, targetLabel } from './format';

describe('audit formatting', () => {
  it('names the actor', () => {
    expect(actorLabel({ admin_id: null, admin_email: null, admin_name: null })).toEqual({
      primary: 'System',
      secondary: null,
    });
    expect(actorLabel({ admin_id: 3, admin_email: null, admin_name: null }).primary).toBe('Admin #3');
    expect(actorLabel({ admin_id: 1, admin_email: 'a@x.io', admin_name: 'Ann' })).toEqual({
      primary: 'Ann',
      secondary: 'a@x.io',
    });
    expect(actorLabel({ admin_id: 1, admin_email: 'a@x.io', admin_name: '' })).toEqual({
      primary: 'a@x.io',
      secondary: null,
    });
  });

  it('names the target', () => {
    expect(targetLabel({ entity_type: 'session', entity_id: '12' })).toBe('session 12');
    expect(targetLabel({ entity_type: 'job', entity_id: null })).toBe('job');
    expect(targetLabel({ entity_type: null, entity_id: null })).toBeNull();
  });
});

describe('shortIp', () => {
  it('compresses IPv6 the way people write it', () => {
    expect(shortIp('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(shortIp('2001:db8:0:0:0:0:2:1')).toBe('2001:db8::2:1');
    expect(shortIp('2001:0db8:0:1:0:0:0:1')).toBe('2001:db8:0:1::1');
    expect(shortIp('fe80:0:0:0:0:0:0:0')).toBe('fe80::');
    expect(shortIp('1:0:2:3:4:5:6:7')).toBe('1:0:2:3:4:5:6:7');
  });

  it('leaves IPv4 and already short forms alone', () => {
    expect(shortIp('127.0.0.1')).toBe('127.0.0.1');
    expect(shortIp('::1')).toBe('::1');
  });
});
