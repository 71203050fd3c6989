/**
 * An IP address as people write it: IPv6 in its short form (the server's Java formatting gives
 * "0:0:0:0:0:0:0:1" for "::1"), IPv4-mapped IPv6 as plain IPv4, anything else unchanged.
 */
export function formatIp(ip: string | null | undefined): string {
  const value = (ip ?? '').trim();
  if (!value.includes(':')) {
    return value;
  }
  const mapped =
    /^(?:0{1,4}:){5}ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value) ?? /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  if (mapped) {
    return mapped[1];
  }
  const groups = value.split(':');
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) {
    return value; // already short, zone-scoped or not IPv6 at all
  }
  const short = groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
  // The longest run of two or more zero groups becomes "::" (the first one on a tie, RFC 5952).
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (short[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && short[j] === '0') {
      j++;
    }
    if (j - i > best.length) {
      best = { start: i, length: j - i };
    }
    i = j;
  }
  if (best.length < 2) {
    return short.join(':');
  }
  return `${short.slice(0, best.start).join(':')}::${short.slice(best.start + best.length).join(':')}`;
}
