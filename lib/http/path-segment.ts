// Route segments: Next may hand a dynamic segment over still percent-encoded, and a stray "%" must not throw.

/** A route's path segment decoded ("sync01%2Ecorp" → "sync01.corp"); the raw text when it is not valid percent-encoding. */
export function decodedSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
