/** Who did it: name and email, the id of a deleted account, or the system itself. */
export function actorLabel(entry: { admin_id: number | null; admin_email: string | null; admin_name: string | null }): {
  primary: string;
  secondary: string | null;
} {
  if (entry.admin_id === null) return { primary: 'System', secondary: null };
  if (!entry.admin_email) return { primary: `Admin #${entry.admin_id}`, secondary: 'deleted account' };
  if (entry.admin_name && entry.admin_name !== entry.admin_email) {
    return { primary: entry.admin_name, secondary: entry.admin_email };
  }
  return { primary: entry.admin_email, secondary: null };
}

/** "backup vigil-….db", "session 12", or the bare type. */
export function targetLabel(entry: { entity_type: string | null; entity_id: string | null }): string | null {
  if (!entry.entity_type && !entry.entity_id) return null;
  return [entry.entity_type, entry.entity_id].filter(Boolean).join(' ');
}

/** Java prints IPv6 in full ("0:0:0:0:0:0:0:1"): the longest run of zero groups becomes "::" (RFC 5952). */
export function shortIp(ip: string): string {
  if (!ip.includes(':') || ip.includes('::') || ip.includes('.')) return ip;
  const groups = ip.split(':').map((g) => g.replace(/^0+(?=.)/, '').toLowerCase());
  if (groups.length !== 8) return ip;
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLength).join(':')}`;
}
