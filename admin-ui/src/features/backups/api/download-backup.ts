/**
 * GET /api/admin/backups/{name}: the file itself (application/octet-stream, attachment). A plain link:
 * the browser streams it to disk with the access cookie (Path=/api), kept fresh by the app's session refresh.
 */
export const backupDownloadUrl = (name: string) => `/api/admin/backups/${encodeURIComponent(name)}`;
