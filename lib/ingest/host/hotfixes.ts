/** Hotfix ids: upper-case, de-duplicated, in file order. "kb5012170" -> "KB5012170"; "5012170" -> "KB5012170". */
const KB = /^(?:KB)?(\d{5,8})$/i;
const OTHER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export function normalizeHotfixId(raw: string): string | undefined {
  const text = raw.trim();
  const kb = KB.exec(text);
  if (kb) return `KB${kb[1]}`;
  return OTHER_ID.test(text) && /\d/.test(text) ? text.toUpperCase() : undefined;
}

export function normalizeHotfixList(items: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const id = normalizeHotfixId(item);
    if (id !== undefined && !seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  return out;
}
