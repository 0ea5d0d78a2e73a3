/** A byte count as people read limits: "64 KB", "1 MB", "200 MB", "1.5 MB". (No imports: e2e specs read it too.) */
export function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trimNumber(bytes / 1024 / 1024)} MB`;
  if (bytes >= 1024) return `${trimNumber(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, "");
}
