const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PLAIN = /^[0-9a-f]{32}$/;

/** "{BF967ABA-0DE6-11D0-A285-00AA003049E2}", "(…)", or 32 hex digits -> lower-case dashed GUID; undefined otherwise. */
export function normalizeGuidText(raw: string): string | undefined {
  let text = raw.trim().toLowerCase();
  if ((text.startsWith("{") && text.endsWith("}")) || (text.startsWith("(") && text.endsWith(")"))) text = text.slice(1, -1).trim();
  if (DASHED.test(text)) return text;
  if (PLAIN.test(text)) {
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  }
  return undefined;
}
