/** Admin id → ISO time of that admin's newest session start, from a list of sessions in any order. */
export function latestLoginByAdmin(sessions: { admin_id: number; created_at: string }[]): Record<number, string> {
  const latest: Record<number, string> = {};
  for (const session of sessions) {
    const seen = latest[session.admin_id];
    if (seen === undefined || Date.parse(session.created_at) > Date.parse(seen)) {
      latest[session.admin_id] = session.created_at;
    }
  }
  return latest;
}
