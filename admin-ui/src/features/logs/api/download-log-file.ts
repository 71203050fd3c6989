/** GET /api/admin/logs/files/{name}: the file as it is on disk (an attachment; the browser downloads it). */
export const logFileDownloadUrl = (name: string) => `/api/admin/logs/files/${encodeURIComponent(name)}`;
