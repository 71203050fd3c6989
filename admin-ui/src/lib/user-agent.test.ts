import { describe, expect, it } from 'vitest';
import { parseUserAgent } from './user-agent';

describe('parseUserAgent', () => {
  it('names desktop browsers with their major version and system', () => {
    expect(
      parseUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      ).label,
    ).toBe('Chrome 124 on Linux');
    expect(
      parseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0').label,
    ).toBe('Firefox 126 on Windows');
    expect(
      parseUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      ).label,
    ).toBe('Safari 17 on macOS');
  });

  it('tells Edge and headless Chrome apart from Chrome', () => {
    expect(
      parseUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
      ).label,
    ).toBe('Edge 124 on Windows');
    expect(
      parseUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      ).label,
    ).toBe('Headless Chrome 131 on Linux');
  });

  it('recognises phones', () => {
    const iphone = parseUserAgent(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    );
    expect(iphone).toMatchObject({ browser: 'Safari 17', os: 'iOS', mobile: true });
    const android = parseUserAgent(
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
    );
    expect(android).toMatchObject({ label: 'Chrome 124 on Android', mobile: true });
  });

  it('names command-line and unknown clients by their product token', () => {
    expect(parseUserAgent('curl/8.5.0').label).toBe('curl 8.5.0');
    expect(parseUserAgent('my-script/2.1 (+https://example.com)').label).toBe('my-script 2.1');
  });

  it('copes with empty and odd headers', () => {
    expect(parseUserAgent('').label).toBe('Unknown client');
    expect(parseUserAgent(null).label).toBe('Unknown client');
    expect(parseUserAgent('???').label).toBe('???');
  });
});
