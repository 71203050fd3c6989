export interface Device {
  /** "Chrome 124", "Firefox", "curl 8.5" or "Unknown client". */
  browser: string;
  /** "Windows", "macOS", "Android", "iOS", "Linux" or "" when unknown. */
  os: string;
  mobile: boolean;
  /** "Chrome 124 on Linux". */
  label: string;
}

// Order matters: Edge and Opera carry "Chrome", Chrome carries "Safari", headless Chrome carries both.
const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/(?:OPR|Opera)\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/HeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/Version\/(\d+)(?:\.\d+)*.*Safari\//, 'Safari'],
  [/^curl\/([\d.]+)/, 'curl'],
  [/^Wget\/([\d.]+)/, 'Wget'],
  [/^python-requests\/([\d.]+)/, 'Python requests'],
  [/^PostmanRuntime\/([\d.]+)/, 'Postman'],
  [/^okhttp\/([\d.]+)/, 'OkHttp'],
  [/^Java-http-client\/([\d.]+)/, 'Java HttpClient'],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux|X11/, 'Linux'],
];

/** A readable name for a User-Agent header; never throws, whatever the header holds. */
export function parseUserAgent(userAgent: string | null | undefined): Device {
  const ua = (userAgent ?? '').trim();
  let browser = '';
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  if (!browser) {
    // Some other client: its product token, e.g. "MyScript/1.2 (…)" → "MyScript 1.2".
    const token = /^([A-Za-z][\w.-]*)\/([\w.]+)/.exec(ua);
    browser = token ? `${token[1]} ${token[2]}` : ua ? ua.slice(0, 40) : 'Unknown client';
  }
  const os = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? '';
  const mobile = /Mobi|iPhone|iPod|Android.*Mobile/.test(ua);
  return { browser, os, mobile, label: os ? `${browser} on ${os}` : browser };
}
