const TRUE_WORDS = new Set(["true", "yes", "y", "1", "on", "$true", "x", "enabled", "oui", "ja", "vrai", "wahr"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "off", "$false", "disabled", "non", "nein", "faux", "falsch"]);

/** yes/no, true/false, 1/0, on/off, $true/$false (case-insensitive); undefined when not a boolean word. */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== "string") return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}
