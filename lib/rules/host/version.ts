/**
 * Dotted version numbers ("1.1.2505.0") compared numerically part by part, so "1.1.999.0" < "1.1.1365.0".
 * Missing trailing parts count as 0 ("1.1.2505" equals "1.1.2505.0").
 */

/** Numeric parts of a dotted version, or undefined when it is not one (e.g. "", "1.x", "v1.1"). */
export function parseVersion(text: string): number[] | undefined {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+){0,3}$/.test(trimmed)) return undefined;
  const parts = trimmed.split(".").map(Number);
  return parts.every(Number.isSafeInteger) ? parts : undefined;
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersionParts(a: readonly number[], b: readonly number[]): number {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Compares two dotted versions; undefined when either does not parse. */
export function compareVersions(a: string, b: string): number | undefined {
  const left = parseVersion(a);
  const right = parseVersion(b);
  return left && right ? compareVersionParts(left, right) : undefined;
}
